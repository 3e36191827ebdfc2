import { MigrationInterface, QueryRunner } from "typeorm";

/**
 * GitHub numbers that were `integer` become `bigint`: a pull request's number, and the number a
 * webhook delivery named (a signed delivery with a number of 2^31 or more overflowed the row and
 * failed the request). Every GitHub id column was `bigint` already.
 *
 * Written by hand: `migration:generate` drops and re-adds a column whose type changes, which would
 * lose the data; `ALTER COLUMN ... TYPE bigint` keeps every row (and rebuilds the unique index on
 * repository and number). Going down fails if a value no longer fits an `integer`, rather than
 * cutting it.
 */
export class GithubIds641795260000000 implements MigrationInterface {
    name = 'GithubIds641795260000000'

    public async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`ALTER TABLE "github_pull_requests" ALTER COLUMN "number" TYPE bigint`);
        await queryRunner.query(`ALTER TABLE "github_webhook_deliveries" ALTER COLUMN "pull_request_number" TYPE bigint`);
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`ALTER TABLE "github_webhook_deliveries" ALTER COLUMN "pull_request_number" TYPE integer`);
        await queryRunner.query(`ALTER TABLE "github_pull_requests" ALTER COLUMN "number" TYPE integer`);
    }

}
