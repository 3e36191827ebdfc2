import { MigrationInterface, QueryRunner } from "typeorm";

export class Alerts1795261000000 implements MigrationInterface {
    name = 'Alerts1795261000000'

    public async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`CREATE TABLE "alerts" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "signal_id" text NOT NULL, "signal_type" text NOT NULL, "team_id" text NOT NULL, "person_id" text NOT NULL, "opened_week" text NOT NULL, "channel" text NOT NULL, "recipient" text NOT NULL, "status" text NOT NULL DEFAULT 'queued', "attempts" integer NOT NULL DEFAULT '0', "next_attempt_at" TIMESTAMP WITH TIME ZONE, "snoozed_until" TIMESTAMP WITH TIME ZONE, "sent_at" TIMESTAMP WITH TIME ZONE, "acknowledged_at" TIMESTAMP WITH TIME ZONE, "slack_channel" text, "slack_ts" text, "last_error" text, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "alerts_channel_check" CHECK ("channel" IN ('slack_dm', 'slack_channel', 'webhook')), CONSTRAINT "alerts_status_check" CHECK ("status" IN ('queued', 'held', 'sent', 'failed', 'acknowledged', 'snoozed')), CONSTRAINT "PK_60f895662df096bfcdfab7f4b96" PRIMARY KEY ("id"))`);
        await queryRunner.query(`CREATE INDEX "alerts_due" ON "alerts" ("status", "next_attempt_at") `);
        await queryRunner.query(`CREATE UNIQUE INDEX "alerts_key" ON "alerts" ("signal_id", "channel", "recipient") `);
        await queryRunner.query(`CREATE TABLE "alert_attempts" ("id" BIGSERIAL NOT NULL, "alert_id" uuid NOT NULL, "attempted_at" TIMESTAMP WITH TIME ZONE NOT NULL, "result" text NOT NULL, "error" text, CONSTRAINT "alert_attempts_result_check" CHECK ("result" IN ('sent', 'already_sent', 'held', 'retry', 'failed')), CONSTRAINT "PK_a19adb36f64fe59fdb4a63b04c3" PRIMARY KEY ("id"))`);
        await queryRunner.query(`CREATE INDEX "alert_attempts_alert" ON "alert_attempts" ("alert_id", "attempted_at") `);
        await queryRunner.query(`ALTER TABLE "alert_attempts" ADD CONSTRAINT "FK_fdf551cccc5137db612f666d19b" FOREIGN KEY ("alert_id") REFERENCES "alerts"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`ALTER TABLE "alert_attempts" DROP CONSTRAINT "FK_fdf551cccc5137db612f666d19b"`);
        await queryRunner.query(`DROP INDEX "public"."alert_attempts_alert"`);
        await queryRunner.query(`DROP TABLE "alert_attempts"`);
        await queryRunner.query(`DROP INDEX "public"."alerts_key"`);
        await queryRunner.query(`DROP INDEX "public"."alerts_due"`);
        await queryRunner.query(`DROP TABLE "alerts"`);
    }

}
