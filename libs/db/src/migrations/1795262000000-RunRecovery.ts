import { MigrationInterface, QueryRunner } from "typeorm";

export class RunRecovery1795262000000 implements MigrationInterface {
    name = 'RunRecovery1795262000000'

    public async up(queryRunner: QueryRunner): Promise<void> {
        for (const table of ['sync_runs', 'sync_tasks', 'analysis_runs']) {
            await queryRunner.query(`ALTER TABLE "${table}" ADD "requeues" integer NOT NULL DEFAULT 0`);
            await queryRunner.query(`ALTER TABLE "${table}" ADD "progressed_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now()`);
        }
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        for (const table of ['sync_runs', 'sync_tasks', 'analysis_runs']) {
            await queryRunner.query(`ALTER TABLE "${table}" DROP COLUMN "progressed_at"`);
            await queryRunner.query(`ALTER TABLE "${table}" DROP COLUMN "requeues"`);
        }
    }

}
