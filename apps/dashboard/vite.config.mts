import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

const appRoot = fileURLToPath(new URL('.', import.meta.url));
const repoRoot = fileURLToPath(new URL('../../', import.meta.url));
const apiTarget = 'http://localhost:3000';

export default defineConfig({
  root: appRoot,
  // Relative asset URLs: the built dashboard works wherever it is mounted (routing is hash-based).
  base: './',
  plugins: [react()],
  resolve: {
    // The dashboard may import `contracts` (types and a few constants) and nothing else of ours.
    alias: {
      '@undercurrent/contracts': `${repoRoot}libs/contracts/src/index.ts`,
    },
  },
  server: {
    proxy: {
      '/api': { target: apiTarget, changeOrigin: true },
      '/health': { target: apiTarget, changeOrigin: true },
    },
  },
  build: {
    outDir: `${repoRoot}dist/dashboard`,
    emptyOutDir: true,
    reportCompressedSize: true,
    // One bundle (React and recharts included) of about 740 kB, 210 kB gzipped: the budget is 350 kB
    // gzipped, checked on the gzip size, so the minified-size warning is set above it.
    chunkSizeWarningLimit: 1000,
  },
});
