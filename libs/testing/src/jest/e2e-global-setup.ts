import { existsSync } from 'node:fs';
import { ENTRY_POINTS } from '../processes';

/** End-to-end tests run the built processes: say so plainly when they are not built. */
export default async function setup(): Promise<void> {
  const missing = Object.values(ENTRY_POINTS).filter((p) => !existsSync(p));
  if (missing.length > 0) throw new Error(`end-to-end tests need a build: run \`npm run build\` first (missing ${missing.join(', ')})`);
}
