#!/usr/bin/env node
// The dashboard's JavaScript budget: every .js file of the built dashboard (dist/dashboard/assets),
// gzipped as a server would send it. Prints each file and the total in KB; exits 1 above the budget.
// Usage: node infra/ci/bundle-size.mjs [assets folder] (after `npm run build`).
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';

const BUDGET_KB = 350;
const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const assets = resolve(process.argv[2] ?? join(repoRoot, 'dist/dashboard/assets'));

function jsFiles(dir) {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return jsFiles(path);
    return /\.(m?js)$/.test(entry.name) ? [path] : [];
  });
}

let files;
try {
  files = jsFiles(assets);
} catch {
  console.error(`bundle size: no ${relative(process.cwd(), assets) || assets} (run npm run build first)`);
  process.exit(1);
}
if (files.length === 0) {
  console.error(`bundle size: no JavaScript in ${assets} (run npm run build first)`);
  process.exit(1);
}

const kb = (bytes) => (bytes / 1024).toFixed(1);
let total = 0;
const rows = files
  .map((file) => {
    const raw = statSync(file).size;
    const gzip = gzipSync(readFileSync(file), { level: 9 }).length;
    total += gzip;
    return { name: relative(assets, file), raw, gzip };
  })
  .sort((a, b) => b.gzip - a.gzip);

const width = Math.max(...rows.map((r) => r.name.length), 5);
console.log(`Dashboard JavaScript (${relative(repoRoot, assets)}), gzip -9:`);
for (const r of rows) console.log(`  ${r.name.padEnd(width)}  ${kb(r.gzip).padStart(7)} KB gzip  (${kb(r.raw)} KB raw)`);
console.log(`  ${'total'.padEnd(width)}  ${kb(total).padStart(7)} KB gzip  (budget ${BUDGET_KB} KB)`);

if (total > BUDGET_KB * 1024) {
  console.error(`bundle size: ${kb(total)} KB gzip is above the ${BUDGET_KB} KB budget`);
  process.exit(1);
}
