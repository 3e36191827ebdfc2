// Three tiers: unit (*.spec.ts, pure), integration (*.int-spec.ts, real PostgreSQL and Redis),
// end to end (test/**/*.e2e-spec.ts, the built processes); and the slow fault tests (*.fault-spec.ts). Times are UTC unless a test says otherwise.
process.env.TZ = 'UTC';

const swc = [
  '@swc/jest',
  {
    jsc: {
      parser: { syntax: 'typescript', decorators: true, tsx: true },
      transform: { legacyDecorator: true, decoratorMetadata: true, react: { runtime: 'automatic' } },
      target: 'es2022',
    },
    module: { type: 'commonjs' },
    sourceMaps: 'inline',
  },
];

// Packages published as ES modules only (Octokit and its helpers): jest loads CommonJS, so swc
// turns them into CommonJS like our own sources. Node itself loads them as they are.
const ESM_ONLY = ['@octokit', 'universal-user-agent', 'before-after-hook', 'toad-cache', 'json-with-bigint', 'universal-github-app-jwt', 'fast-content-type-parse', 'content-type'];

const common = {
  testEnvironment: 'node',
  transform: { '^.+\\.(ts|tsx|js|mjs)$': swc },
  transformIgnorePatterns: [`/node_modules/(?!(${ESM_ONLY.join('|')})/)`],
  moduleNameMapper: { '^@undercurrent/(.*)$': '<rootDir>/libs/$1/src/index.ts' },
  modulePathIgnorePatterns: ['<rootDir>/dist/'],
  rootDir: __dirname,
};

/** @type {import('jest').Config} */
module.exports = {
  projects: [
    { ...common, displayName: 'unit', testMatch: ['<rootDir>/{apps,libs}/**/*.spec.ts'] },
    {
      ...common,
      displayName: 'integration',
      testMatch: ['<rootDir>/{apps,libs}/**/*.int-spec.ts'],
      globalSetup: '<rootDir>/libs/testing/src/jest/integration-global-setup.ts',
      globalTeardown: '<rootDir>/libs/testing/src/jest/integration-global-teardown.ts',
    },
    {
      ...common,
      displayName: 'e2e',
      testMatch: ['<rootDir>/test/**/*.e2e-spec.ts'],
      globalSetup: '<rootDir>/libs/testing/src/jest/e2e-global-setup.ts',
    },
    // Recovery under injected faults (a database stopped for a minute, workers SIGKILLed): minutes
    // each, so a tier of their own (`npm run test:faults`), run by CI once, not by `npm test`.
    {
      ...common,
      displayName: 'faults',
      testMatch: ['<rootDir>/{apps,libs}/**/*.fault-spec.ts'],
      globalSetup: '<rootDir>/libs/testing/src/jest/integration-global-setup.ts',
      globalTeardown: '<rootDir>/libs/testing/src/jest/integration-global-teardown.ts',
    },
    {
      ...common,
      displayName: 'faults-e2e',
      testMatch: ['<rootDir>/test/**/*.fault-spec.ts'],
      globalSetup: '<rootDir>/libs/testing/src/jest/e2e-global-setup.ts',
    },
  ],
  testTimeout: 60_000,
};
