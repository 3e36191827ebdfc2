import { MigrationInterface, QueryRunner } from "typeorm";

export class GithubWebhooksAndRewrites1795254076635 implements MigrationInterface {
    name = 'GithubWebhooksAndRewrites1795254076635'

    public async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`CREATE TABLE "github_pr_rewrites" ("pull_request_id" bigint NOT NULL, "definition_version" integer NOT NULL, "merge_kind" text NOT NULL, "lines_added" integer NOT NULL, "lines_replaced" integer NOT NULL, "replaced_by" jsonb NOT NULL, "replacements" jsonb NOT NULL, "window_end" TIMESTAMP WITH TIME ZONE NOT NULL, "observed_until" TIMESTAMP WITH TIME ZONE NOT NULL, "complete" boolean NOT NULL, "reason" text, "analysed_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_b4a61db744e270e5b4e909db892" PRIMARY KEY ("pull_request_id"))`);
        await queryRunner.query(`CREATE TABLE "github_webhook_deliveries" ("delivery_id" text NOT NULL, "event" text NOT NULL, "action" text, "repository" text, "pull_request_number" integer, "outcome" text NOT NULL, "received_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_f4d16026490647e7eede5bdca1d" PRIMARY KEY ("delivery_id"))`);
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`DROP TABLE "github_webhook_deliveries"`);
        await queryRunner.query(`DROP TABLE "github_pr_rewrites"`);
    }

}
