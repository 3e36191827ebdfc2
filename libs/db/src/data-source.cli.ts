/**
 * Entry for TypeORM's own CLI, used to generate migrations from entity changes:
 *   npm run build:server && DATABASE_URL=... npx typeorm migration:generate \
 *     -d dist/server/libs/db/src/data-source.cli.js libs/db/src/migrations/<Name>
 */
import { loadDatabaseUrl } from '@undercurrent/config';
import { createDataSource } from './data-source';

export default createDataSource(loadDatabaseUrl(process.env));
