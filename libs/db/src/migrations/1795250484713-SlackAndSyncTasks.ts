import { MigrationInterface, QueryRunner } from "typeorm";

export class SlackAndSyncTasks1795250484713 implements MigrationInterface {
    name = 'SlackAndSyncTasks1795250484713'

    public async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`CREATE TABLE "slack_channels" ("id" text NOT NULL, "name" text NOT NULL, "is_private" boolean NOT NULL, "is_archived" boolean NOT NULL, "history_cursor_ts" text, CONSTRAINT "PK_8c5bb05c5944a43d8c07e181c22" PRIMARY KEY ("id"))`);
        await queryRunner.query(`CREATE TABLE "slack_events" ("event_id" text NOT NULL, "type" text NOT NULL, "received_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_dd1cb06d4397fc975360a4556ec" PRIMARY KEY ("event_id"))`);
        await queryRunner.query(`CREATE TABLE "slack_messages" ("channel_id" text NOT NULL, "ts" text NOT NULL, "user_id" text, "bot_id" text, "posted_at" TIMESTAMP WITH TIME ZONE NOT NULL, "thread_ts" text, "reply_count" integer NOT NULL DEFAULT '0', "latest_reply_ts" text, "subtype" text, "reaction_count" integer NOT NULL DEFAULT '0', "deleted_at" TIMESTAMP WITH TIME ZONE, CONSTRAINT "PK_3345a8e2b825f3b043f43b7fb7b" PRIMARY KEY ("channel_id", "ts"))`);
        await queryRunner.query(`CREATE INDEX "slack_messages_thread_idx" ON "slack_messages" ("channel_id", "thread_ts") `);
        await queryRunner.query(`CREATE INDEX "slack_messages_user_posted_idx" ON "slack_messages" ("user_id", "posted_at") `);
        await queryRunner.query(`CREATE TABLE "slack_users" ("id" text NOT NULL, "team_id" text, "name" text NOT NULL, "real_name" text, "email" text, "tz" text, "is_bot" boolean NOT NULL, "deleted" boolean NOT NULL, CONSTRAINT "PK_cfe3b34e423c84b54da05ff6ff4" PRIMARY KEY ("id"))`);
        await queryRunner.query(`CREATE TABLE "sync_tasks" ("id" BIGSERIAL NOT NULL, "sync_run_id" uuid NOT NULL, "key" text NOT NULL, "label" text NOT NULL, "state" text NOT NULL DEFAULT 'queued', "counts" jsonb NOT NULL DEFAULT '{}', "error" text, "attempts" integer NOT NULL DEFAULT '0', "finished_at" TIMESTAMP WITH TIME ZONE, CONSTRAINT "sync_tasks_state_check" CHECK ("state" IN ('queued', 'running', 'completed', 'failed')), CONSTRAINT "PK_54236c42c5d95b3fa89b9efa926" PRIMARY KEY ("id"))`);
        await queryRunner.query(`CREATE UNIQUE INDEX "sync_tasks_run_key_key" ON "sync_tasks" ("sync_run_id", "key") `);
        await queryRunner.query(`ALTER TABLE "sync_tasks" ADD CONSTRAINT "sync_tasks_sync_run_id_fkey" FOREIGN KEY ("sync_run_id") REFERENCES "sync_runs"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`ALTER TABLE "sync_tasks" DROP CONSTRAINT "sync_tasks_sync_run_id_fkey"`);
        await queryRunner.query(`DROP INDEX "public"."sync_tasks_run_key_key"`);
        await queryRunner.query(`DROP TABLE "sync_tasks"`);
        await queryRunner.query(`DROP TABLE "slack_users"`);
        await queryRunner.query(`DROP INDEX "public"."slack_messages_user_posted_idx"`);
        await queryRunner.query(`DROP INDEX "public"."slack_messages_thread_idx"`);
        await queryRunner.query(`DROP TABLE "slack_messages"`);
        await queryRunner.query(`DROP TABLE "slack_events"`);
        await queryRunner.query(`DROP TABLE "slack_channels"`);
    }

}
