/**
 * `npm test` type-checks everything (src, test, tools) with `tsc --noEmit` before jest runs, so ts-jest only
 * transpiles here; that keeps jest fast on two cores without losing type errors.
 *
 * intl-messageformat and its @formatjs parts ship only as ES modules. Node 24 loads them from our CommonJS with a
 * plain require(); jest's own module loader cannot without --experimental-vm-modules, so ts-jest transpiles them.
 * @type {import('jest').Config}
 */
module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/test'],
  testMatch: ['**/*.test.ts'],
  transform: {
    '^.+\\.ts$': ['ts-jest', { tsconfig: 'tsconfig.json' }],
    '/node_modules/(intl-messageformat|@formatjs)/.+\\.js$': ['ts-jest', { tsconfig: { allowJs: true, isolatedModules: true } }],
  },
  transformIgnorePatterns: ['/node_modules/(?!(intl-messageformat|@formatjs)/)'],
  testTimeout: 20000,
};
