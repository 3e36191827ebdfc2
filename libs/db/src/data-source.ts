import 'reflect-metadata';
import { DataSource, type DataSourceOptions } from 'typeorm';
import { ENTITIES } from './entities';
import { MIGRATIONS } from './migrations';

/**
 * The one description of the database, shared by the API, the worker, the CLI and TypeORM's own
 * migration CLI (`data-source.cli.ts`). Schema changes only ever go through migrations.
 */
export function dataSourceOptions(databaseUrl: string, overrides: { poolSize?: number; applicationName?: string } = {}): DataSourceOptions {
  return {
    type: 'postgres',
    url: databaseUrl,
    entities: ENTITIES,
    migrations: MIGRATIONS,
    migrationsTableName: 'migrations',
    migrationsTransactionMode: 'each',
    // gen_random_uuid() is built into PostgreSQL 13+: no extension to install.
    uuidExtension: 'pgcrypto',
    synchronize: false,
    migrationsRun: false,
    logging: false,
    poolSize: overrides.poolSize ?? 10,
    applicationName: overrides.applicationName ?? 'undercurrent',
    extra: { connectionTimeoutMillis: 10_000 },
  };
}

export function createDataSource(databaseUrl: string, overrides?: { poolSize?: number; applicationName?: string }): DataSource {
  return new DataSource(dataSourceOptions(databaseUrl, overrides));
}
