import { MigrationInterface, QueryRunner } from "typeorm";

export class SyncRunAsOf1795259000000 implements MigrationInterface {
    name = 'SyncRunAsOf1795259000000'

    public async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`ALTER TABLE "sync_runs" ADD "as_of" TIMESTAMP WITH TIME ZONE`);
        // Runs from before the product had a clock of its own stood at their start.
        await queryRunner.query(`UPDATE "sync_runs" SET "as_of" = "started_at" WHERE "started_at" IS NOT NULL`);
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`ALTER TABLE "sync_runs" DROP COLUMN "as_of"`);
    }

}
