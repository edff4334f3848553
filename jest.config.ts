/** @jest-config-loader esbuild-register */
import type { Config } from 'jest';

const config: Config = {
  testEnvironment: 'node',
  testMatch: ['<rootDir>/**/*.test.ts'],
  testPathIgnorePatterns: ['/node_modules/', '/dist/', '/.data/'],
  // Transpile only: `npm run typecheck` type-checks the whole project once, far faster than per test file.
  transform: { '^.+\\.ts$': ['ts-jest', { tsconfig: { isolatedModules: true } }] },
  globalSetup: '<rootDir>/tests/global-setup.ts',
  globalTeardown: '<rootDir>/tests/global-teardown.ts',
  // Workflow bundling and Temporal servers take seconds; one file at a time keeps 2 cores from thrashing.
  testTimeout: 120_000,
  maxWorkers: 1,
};

export default config;
