import { MigrationInterface, QueryRunner } from "typeorm";

export class GithubData1795251976982 implements MigrationInterface {
    name = 'GithubData1795251976982'

    public async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`CREATE TABLE "github_comments" ("id" text NOT NULL, "pull_request_id" bigint NOT NULL, "kind" text NOT NULL, "review_id" bigint, "author_id" bigint, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL, "suggestion_count" integer NOT NULL DEFAULT '0', CONSTRAINT "PK_2772404f0123e57638e37fccfcb" PRIMARY KEY ("id"))`);
        await queryRunner.query(`CREATE INDEX "github_comments_author_idx" ON "github_comments" ("author_id", "created_at") `);
        await queryRunner.query(`CREATE INDEX "github_comments_pr_idx" ON "github_comments" ("pull_request_id", "created_at") `);
        await queryRunner.query(`CREATE TABLE "github_commits" ("pull_request_id" bigint NOT NULL, "sha" text NOT NULL, "author_id" bigint, "author_email" text, "committer_id" bigint, "committer_email" text, "authored_at" TIMESTAMP WITH TIME ZONE NOT NULL, "committed_at" TIMESTAMP WITH TIME ZONE NOT NULL, "is_merge" boolean NOT NULL, "co_author_emails" text array NOT NULL DEFAULT '{}', CONSTRAINT "PK_77ab13a63e925e09629a3bf3c25" PRIMARY KEY ("pull_request_id", "sha"))`);
        await queryRunner.query(`CREATE TABLE "github_pr_events" ("id" text NOT NULL, "pull_request_id" bigint NOT NULL, "kind" text NOT NULL, "actor_id" bigint, "reviewer_id" bigint, "reviewer_team" text, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL, CONSTRAINT "PK_db7cafba9a91da08621d3be0d09" PRIMARY KEY ("id"))`);
        await queryRunner.query(`CREATE INDEX "github_pr_events_pr_idx" ON "github_pr_events" ("pull_request_id", "created_at") `);
        await queryRunner.query(`CREATE TABLE "github_pull_requests" ("id" bigint NOT NULL, "repository_id" bigint NOT NULL, "number" integer NOT NULL, "author_id" bigint, "state" text NOT NULL, "is_draft" boolean NOT NULL, "created_as_draft" boolean NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL, "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL, "merged_at" TIMESTAMP WITH TIME ZONE, "closed_at" TIMESTAMP WITH TIME ZONE, "merged_by_id" bigint, "base_ref" text NOT NULL, "merge_commit_sha" text, "additions" integer NOT NULL DEFAULT '0', "deletions" integer NOT NULL DEFAULT '0', "changed_files" integer NOT NULL DEFAULT '0', CONSTRAINT "PK_cdbb22e2ee279ee7ae180b27994" PRIMARY KEY ("id"))`);
        await queryRunner.query(`CREATE INDEX "github_pull_requests_author_idx" ON "github_pull_requests" ("author_id", "created_at") `);
        await queryRunner.query(`CREATE UNIQUE INDEX "github_pull_requests_repo_number_key" ON "github_pull_requests" ("repository_id", "number") `);
        await queryRunner.query(`CREATE TABLE "github_repositories" ("id" bigint NOT NULL, "full_name" text NOT NULL, "default_branch" text NOT NULL, "is_archived" boolean NOT NULL DEFAULT false, "pulls_cursor" TIMESTAMP WITH TIME ZONE, "pulls_etag" text, CONSTRAINT "PK_b79a368b43cd2b79b14ca6fb2e2" PRIMARY KEY ("id"))`);
        await queryRunner.query(`CREATE UNIQUE INDEX "github_repositories_full_name_key" ON "github_repositories" ("full_name") `);
        await queryRunner.query(`CREATE TABLE "github_reviews" ("id" bigint NOT NULL, "pull_request_id" bigint NOT NULL, "author_id" bigint, "state" text NOT NULL, "submitted_at" TIMESTAMP WITH TIME ZONE, "comment_count" integer NOT NULL DEFAULT '0', "suggestion_count" integer NOT NULL DEFAULT '0', CONSTRAINT "PK_da607765fd3a5efb15ea82273f7" PRIMARY KEY ("id"))`);
        await queryRunner.query(`CREATE INDEX "github_reviews_author_idx" ON "github_reviews" ("author_id", "submitted_at") `);
        await queryRunner.query(`CREATE INDEX "github_reviews_pr_idx" ON "github_reviews" ("pull_request_id", "submitted_at") `);
        await queryRunner.query(`CREATE TABLE "github_users" ("id" bigint NOT NULL, "login" text NOT NULL, "type" text NOT NULL, "is_bot" boolean NOT NULL, CONSTRAINT "PK_0f2d4ce8fcf5559ef0b4242dbcd" PRIMARY KEY ("id"))`);
        await queryRunner.query(`CREATE UNIQUE INDEX "github_users_login_key" ON "github_users" ("login") `);
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`DROP INDEX "public"."github_users_login_key"`);
        await queryRunner.query(`DROP TABLE "github_users"`);
        await queryRunner.query(`DROP INDEX "public"."github_reviews_pr_idx"`);
        await queryRunner.query(`DROP INDEX "public"."github_reviews_author_idx"`);
        await queryRunner.query(`DROP TABLE "github_reviews"`);
        await queryRunner.query(`DROP INDEX "public"."github_repositories_full_name_key"`);
        await queryRunner.query(`DROP TABLE "github_repositories"`);
        await queryRunner.query(`DROP INDEX "public"."github_pull_requests_repo_number_key"`);
        await queryRunner.query(`DROP INDEX "public"."github_pull_requests_author_idx"`);
        await queryRunner.query(`DROP TABLE "github_pull_requests"`);
        await queryRunner.query(`DROP INDEX "public"."github_pr_events_pr_idx"`);
        await queryRunner.query(`DROP TABLE "github_pr_events"`);
        await queryRunner.query(`DROP TABLE "github_commits"`);
        await queryRunner.query(`DROP INDEX "public"."github_comments_pr_idx"`);
        await queryRunner.query(`DROP INDEX "public"."github_comments_author_idx"`);
        await queryRunner.query(`DROP TABLE "github_comments"`);
    }

}
