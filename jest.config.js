/** Unit, store-contract and gateway suites (everything but the browser e2e). */
const swc = ['@swc/jest', { jsc: { parser: { syntax: 'typescript', tsx: true }, transform: { react: { runtime: 'automatic' } }, target: 'es2022' } }];
module.exports = {
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
  testTimeout: 30000,
};
