/**
 * Unit, store-contract and gateway suites (everything but the browser e2e), in two projects:
 * `sqlite` runs every suite; `cloudbase` runs every function suite again with the test gateway on
 * the CloudBase adapter over the replaying, conflict-injecting SDK double (QUNYUN_TEST_STORE).
 */
const swc = ['@swc/jest', { jsc: { parser: { syntax: 'typescript', tsx: true }, transform: { react: { runtime: 'automatic' } }, target: 'es2022' } }];
const base = {
  testEnvironment: 'node',
  roots: ['<rootDir>/src', '<rootDir>/test', '<rootDir>/cloudfunctions'],
  testMatch: ['**/*.test.ts', '**/*.test.tsx'],
  testPathIgnorePatterns: ['/node_modules/', '/dist/', '/test/e2e/'],
  transform: { '^.+\\.(t|j)sx?$': swc },
  // echarts and zrender ship ES modules only; the owner chart tests load them.
  transformIgnorePatterns: ['/node_modules/(?!(echarts|zrender|tslib)/)'],
  moduleNameMapper: {
    '^@tarojs/components$': '<rootDir>/test/mocks/taroComponents.tsx',
    '^@tarojs/taro$': '<rootDir>/test/mocks/taro.ts',
    '\\.(css|scss)$': '<rootDir>/test/mocks/style.ts',
  },
};
module.exports = {
  testTimeout: 30000,
  projects: [
    { ...base, displayName: 'sqlite' },
    {
      ...base,
      displayName: 'cloudbase',
      roots: ['<rootDir>/test'],
      testMatch: ['<rootDir>/test/*.gateway.test.ts', '<rootDir>/test/points.*.test.ts'],
      setupFiles: ['<rootDir>/test/support/cloudbaseProject.ts'],
    },
  ],
};
