#!/usr/bin/env node
// `npx undercurrent <command>`: runs the built CLI (npm run build first).
const { existsSync } = require('node:fs');
const { join } = require('node:path');

const entry = join(__dirname, '..', 'dist', 'server', 'apps', 'cli', 'src', 'main.js');
if (!existsSync(entry)) {
  process.stderr.write('undercurrent: the CLI is not built yet; run `npm run build` first\n');
  process.exit(1);
}
require(entry);
