import { MigrationInterface, QueryRunner } from "typeorm";

export class Foundation1795248744731 implements MigrationInterface {
    name = 'Foundation1795248744731'

    public async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`CREATE TABLE "people" ("id" text NOT NULL, "name" text NOT NULL, "email" text, "source" text NOT NULL, "archived_at" TIMESTAMP WITH TIME ZONE, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "people_source_check" CHECK ("source" IN ('org_file', 'discovered')), CONSTRAINT "PK_aa866e71353ee94c6cc51059c5b" PRIMARY KEY ("id"))`);
        await queryRunner.query(`CREATE TABLE "identities" ("id" BIGSERIAL NOT NULL, "person_id" text NOT NULL, "kind" text NOT NULL, "value" text NOT NULL, "source" text NOT NULL, CONSTRAINT "identities_source_check" CHECK ("source" IN ('org_file', 'discovered')), CONSTRAINT "identities_kind_check" CHECK ("kind" IN ('github', 'slack', 'email')), CONSTRAINT "PK_7b2f8cccf4ac6a2d7e6e9e8b1f6" PRIMARY KEY ("id"))`);
        await queryRunner.query(`CREATE INDEX "identities_person_id_idx" ON "identities" ("person_id") `);
        await queryRunner.query(`CREATE UNIQUE INDEX "identities_kind_value_key" ON "identities" ("kind", "value") `);
        await queryRunner.query(`CREATE TABLE "leave_periods" ("id" BIGSERIAL NOT NULL, "person_id" text NOT NULL, "starts_on" date NOT NULL, "ends_on" date NOT NULL, "source" text NOT NULL, CONSTRAINT "leave_periods_source_check" CHECK ("source" IN ('org_file', 'api')), CONSTRAINT "leave_periods_span_check" CHECK ("starts_on" <= "ends_on"), CONSTRAINT "PK_d2e4482de3e8c388ab2c4159a70" PRIMARY KEY ("id"))`);
        await queryRunner.query(`CREATE UNIQUE INDEX "leave_periods_person_span_key" ON "leave_periods" ("person_id", "starts_on", "ends_on", "source") `);
        await queryRunner.query(`CREATE TABLE "teams" ("id" text NOT NULL, "name" text NOT NULL, "channels" text array NOT NULL DEFAULT '{}', "repositories" text array NOT NULL DEFAULT '{}', "archived_at" TIMESTAMP WITH TIME ZONE, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_7e5523774a38b08a6236d322403" PRIMARY KEY ("id"))`);
        await queryRunner.query(`CREATE TABLE "memberships" ("id" BIGSERIAL NOT NULL, "team_id" text NOT NULL, "person_id" text NOT NULL, "role" text NOT NULL, "started_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "ended_at" TIMESTAMP WITH TIME ZONE, CONSTRAINT "memberships_role_check" CHECK ("role" IN ('lead', 'member')), CONSTRAINT "PK_25d28bd932097a9e90495ede7b4" PRIMARY KEY ("id"))`);
        await queryRunner.query(`CREATE INDEX "memberships_person_id_idx" ON "memberships" ("person_id") `);
        await queryRunner.query(`CREATE UNIQUE INDEX "memberships_current_key" ON "memberships" ("team_id", "person_id", "role") WHERE "ended_at" IS NULL`);
        await queryRunner.query(`CREATE TABLE "organisation" ("id" smallint NOT NULL, "timezone" text NOT NULL, "github" jsonb NOT NULL DEFAULT '{}', "slack" jsonb NOT NULL DEFAULT '{}', "bots" text array NOT NULL DEFAULT '{}', "signals" jsonb NOT NULL DEFAULT '{}', "alerts" jsonb NOT NULL DEFAULT '{}', "file_hash" text NOT NULL, "loaded_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "organisation_single_row_check" CHECK ("id" = 1), CONSTRAINT "PK_c725ae234ef1b74cce43d2d00c1" PRIMARY KEY ("id"))`);
        await queryRunner.query(`CREATE TABLE "sync_runs" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "state" text NOT NULL DEFAULT 'queued', "progress" smallint NOT NULL DEFAULT '0', "sources" text array NOT NULL DEFAULT '{}', "since" TIMESTAMP WITH TIME ZONE, "counts" jsonb NOT NULL DEFAULT '{}', "error" text, "attempts" integer NOT NULL DEFAULT '0', "requested_by" text NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "started_at" TIMESTAMP WITH TIME ZONE, "finished_at" TIMESTAMP WITH TIME ZONE, CONSTRAINT "sync_runs_progress_check" CHECK ("progress" BETWEEN 0 AND 100), CONSTRAINT "sync_runs_state_check" CHECK ("state" IN ('queued', 'running', 'completed', 'failed')), CONSTRAINT "PK_adf13fff41a683b3b991fb90b11" PRIMARY KEY ("id"))`);
        await queryRunner.query(`CREATE INDEX "sync_runs_created_at_idx" ON "sync_runs" ("created_at") `);
        await queryRunner.query(`ALTER TABLE "identities" ADD CONSTRAINT "identities_person_id_fkey" FOREIGN KEY ("person_id") REFERENCES "people"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
        await queryRunner.query(`ALTER TABLE "leave_periods" ADD CONSTRAINT "leave_periods_person_id_fkey" FOREIGN KEY ("person_id") REFERENCES "people"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
        await queryRunner.query(`ALTER TABLE "memberships" ADD CONSTRAINT "memberships_team_id_fkey" FOREIGN KEY ("team_id") REFERENCES "teams"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
        await queryRunner.query(`ALTER TABLE "memberships" ADD CONSTRAINT "memberships_person_id_fkey" FOREIGN KEY ("person_id") REFERENCES "people"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`ALTER TABLE "memberships" DROP CONSTRAINT "memberships_person_id_fkey"`);
        await queryRunner.query(`ALTER TABLE "memberships" DROP CONSTRAINT "memberships_team_id_fkey"`);
        await queryRunner.query(`ALTER TABLE "leave_periods" DROP CONSTRAINT "leave_periods_person_id_fkey"`);
        await queryRunner.query(`ALTER TABLE "identities" DROP CONSTRAINT "identities_person_id_fkey"`);
        await queryRunner.query(`DROP INDEX "public"."sync_runs_created_at_idx"`);
        await queryRunner.query(`DROP TABLE "sync_runs"`);
        await queryRunner.query(`DROP TABLE "organisation"`);
        await queryRunner.query(`DROP INDEX "public"."memberships_current_key"`);
        await queryRunner.query(`DROP INDEX "public"."memberships_person_id_idx"`);
        await queryRunner.query(`DROP TABLE "memberships"`);
        await queryRunner.query(`DROP TABLE "teams"`);
        await queryRunner.query(`DROP INDEX "public"."leave_periods_person_span_key"`);
        await queryRunner.query(`DROP TABLE "leave_periods"`);
        await queryRunner.query(`DROP INDEX "public"."identities_kind_value_key"`);
        await queryRunner.query(`DROP INDEX "public"."identities_person_id_idx"`);
        await queryRunner.query(`DROP TABLE "identities"`);
        await queryRunner.query(`DROP TABLE "people"`);
    }

}
