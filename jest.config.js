/**
 * `npm test` type-checks everything (src, test, tools) with `tsc --noEmit` before jest runs, so ts-jest only
 * transpiles here; that keeps jest fast on two cores without losing type errors.
 * @type {import('jest').Config}
 */
module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/test'],
  testMatch: ['**/*.test.ts'],
  transform: { '^.+\\.ts$': ['ts-jest', { tsconfig: 'tsconfig.json' }] },
  testTimeout: 20000,
};
