import { MigrationInterface, QueryRunner } from "typeorm";

export class Analysis1795255928003 implements MigrationInterface {
    name = 'Analysis1795255928003'

    public async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`CREATE TABLE "analysis_runs" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "state" text NOT NULL DEFAULT 'queued', "progress" smallint NOT NULL DEFAULT '0', "trigger" text NOT NULL, "weeks" integer, "from_week" text, "to_week" text, "counts" jsonb NOT NULL DEFAULT '{}', "error" text, "attempts" integer NOT NULL DEFAULT '0', "requested_by" text NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "started_at" TIMESTAMP WITH TIME ZONE, "finished_at" TIMESTAMP WITH TIME ZONE, CONSTRAINT "analysis_runs_progress_check" CHECK ("progress" BETWEEN 0 AND 100), CONSTRAINT "analysis_runs_state_check" CHECK ("state" IN ('queued', 'running', 'completed', 'failed')), CONSTRAINT "PK_a433528a661e6b64367e525d357" PRIMARY KEY ("id"))`);
        await queryRunner.query(`CREATE INDEX "analysis_runs_created_at_idx" ON "analysis_runs" ("created_at") `);
        await queryRunner.query(`CREATE TABLE "review_waits" ("pull_request_id" bigint NOT NULL, "reviewer_key" text NOT NULL, "requested_at" TIMESTAMP WITH TIME ZONE NOT NULL, "reviewer_person_id" text, "reviewer_team" text, "clock_start" TIMESTAMP WITH TIME ZONE, "ended_at" TIMESTAMP WITH TIME ZONE, "end_kind" text, "answered_by_person_id" text, CONSTRAINT "PK_b82640a4ab4c427a903ca23b69a" PRIMARY KEY ("pull_request_id", "reviewer_key", "requested_at"))`);
        await queryRunner.query(`CREATE INDEX "review_waits_person_idx" ON "review_waits" ("reviewer_person_id", "clock_start") `);
        await queryRunner.query(`CREATE TABLE "pull_request_facts" ("pull_request_id" bigint NOT NULL, "repository_id" bigint NOT NULL, "author_person_id" text, "author_is_bot" boolean NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL, "reviewable_at" TIMESTAMP WITH TIME ZONE, "first_review_at" TIMESTAMP WITH TIME ZONE, "merged_at" TIMESTAMP WITH TIME ZONE, "closed_at" TIMESTAMP WITH TIME ZONE, CONSTRAINT "PK_48adb97f449bc1022acf03e8f13" PRIMARY KEY ("pull_request_id"))`);
        await queryRunner.query(`CREATE INDEX "pull_request_facts_repo_idx" ON "pull_request_facts" ("repository_id", "reviewable_at") `);
        await queryRunner.query(`CREATE TABLE "pull_request_rewrites" ("pull_request_id" bigint NOT NULL, "team_id" text NOT NULL, "lead_person_id" text NOT NULL, "author_person_id" text NOT NULL, "merged_at" TIMESTAMP WITH TIME ZONE NOT NULL, "takeover" boolean NOT NULL, "post_merge_rewrite" boolean NOT NULL, "dictation" boolean NOT NULL, "takeover_commits" integer NOT NULL, "lines_added" integer, "lines_replaced" integer NOT NULL, "applied_suggestion_commits" integer NOT NULL, "suggestion_blocks" integer NOT NULL, CONSTRAINT "PK_230d109e07a8b139fcb5c896a46" PRIMARY KEY ("pull_request_id", "team_id", "lead_person_id"))`);
        await queryRunner.query(`CREATE INDEX "pull_request_rewrites_lead_idx" ON "pull_request_rewrites" ("lead_person_id", "merged_at") `);
        await queryRunner.query(`CREATE TABLE "person_weeks" ("person_id" text NOT NULL, "week" text NOT NULL, "messages" integer NOT NULL, "thread_replies" integer NOT NULL, "threads_started" integer NOT NULL, "replies_to_others" integer NOT NULL, "reviews" integer NOT NULL, "review_comments" integer NOT NULL, "participation" integer NOT NULL, "review_requests" integer NOT NULL, "responses" integer NOT NULL, "median_response_hours" double precision, "open_requests" integer NOT NULL, "hours_waiting" double precision NOT NULL, "on_leave" boolean NOT NULL, "member" boolean NOT NULL, CONSTRAINT "PK_bdc0be7452465480d0961591bc1" PRIMARY KEY ("person_id", "week"))`);
        await queryRunner.query(`CREATE TABLE "team_weeks" ("team_id" text NOT NULL, "week" text NOT NULL, "pull_requests_opened" integer NOT NULL, "pull_requests_reviewable" integer NOT NULL, "pull_requests_merged" integer NOT NULL, "ttfr_median_hours" double precision, "ttfr_p90_hours" double precision, "waiting_at_end" integer NOT NULL, "reviews" integer NOT NULL, "review_top_share" double precision, "review_gini" double precision, "teammate_merged" integer NOT NULL, "rewritten" integer NOT NULL, "takeovers" integer NOT NULL, "post_merge_rewrites" integer NOT NULL, "dictations" integer NOT NULL, "participation_median" double precision, CONSTRAINT "PK_7a6ca976ad5e33263b0fc982a81" PRIMARY KEY ("team_id", "week"))`);
        await queryRunner.query(`CREATE TABLE "team_member_weeks" ("team_id" text NOT NULL, "person_id" text NOT NULL, "week" text NOT NULL, "role" text NOT NULL, "reviewed_pull_requests" integer NOT NULL, "approved_pull_requests" integer NOT NULL, "requested_pull_requests" integer NOT NULL, "participation" integer NOT NULL, CONSTRAINT "PK_d9ee4e2b2aaaf96d02c32abcc5e" PRIMARY KEY ("team_id", "person_id", "week"))`);
        await queryRunner.query(`CREATE TABLE "signal_evaluations" ("type" text NOT NULL, "team_id" text NOT NULL, "person_id" text NOT NULL, "week" text NOT NULL, "rule_version" integer NOT NULL, "fires" boolean NOT NULL, "thresholds" jsonb NOT NULL, "values" jsonb NOT NULL, "evidence" jsonb NOT NULL, "score" double precision NOT NULL, "explanation" text NOT NULL, CONSTRAINT "PK_d9aacc015b7c0d7c18be6ddf177" PRIMARY KEY ("type", "team_id", "person_id", "week"))`);
        await queryRunner.query(`CREATE TABLE "signals" ("id" text NOT NULL, "type" text NOT NULL, "team_id" text NOT NULL, "person_id" text NOT NULL, "status" text NOT NULL, "opened_week" text NOT NULL, "last_active_week" text NOT NULL, "closed_week" text, "rule_version" integer NOT NULL, "thresholds" jsonb NOT NULL, "values" jsonb NOT NULL, "evidence" jsonb NOT NULL, "score" double precision NOT NULL, "explanation" text NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "signals_status_check" CHECK ("status" IN ('open', 'closed')), CONSTRAINT "PK_04eeac09c09b65bc55c628c101d" PRIMARY KEY ("id"))`);
        await queryRunner.query(`CREATE UNIQUE INDEX "signals_episode_key" ON "signals" ("type", "team_id", "person_id", "opened_week") `);
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`DROP INDEX "public"."signals_episode_key"`);
        await queryRunner.query(`DROP TABLE "signals"`);
        await queryRunner.query(`DROP TABLE "signal_evaluations"`);
        await queryRunner.query(`DROP TABLE "team_member_weeks"`);
        await queryRunner.query(`DROP TABLE "team_weeks"`);
        await queryRunner.query(`DROP TABLE "person_weeks"`);
        await queryRunner.query(`DROP INDEX "public"."pull_request_rewrites_lead_idx"`);
        await queryRunner.query(`DROP TABLE "pull_request_rewrites"`);
        await queryRunner.query(`DROP INDEX "public"."pull_request_facts_repo_idx"`);
        await queryRunner.query(`DROP TABLE "pull_request_facts"`);
        await queryRunner.query(`DROP INDEX "public"."review_waits_person_idx"`);
        await queryRunner.query(`DROP TABLE "review_waits"`);
        await queryRunner.query(`DROP INDEX "public"."analysis_runs_created_at_idx"`);
        await queryRunner.query(`DROP TABLE "analysis_runs"`);
    }

}
