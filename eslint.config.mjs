// Lint, including the one-way import rule of docs/architecture.md (layout):
// pages → hooks → services → types, and cloudfunctions → server → core → types.
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';

const nodeAndServer = ['node:*', 'fs', 'path', 'http', 'crypto', 'better-sqlite3', 'wx-server-sdk'];
const restrict = (patterns) => ({ 'no-restricted-imports': ['error', { patterns }] });
const group = (names, message) => ({ group: names, message });

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', 'reports/**', '.data/**', 'coverage/**', '**/*.js', '**/*.mjs'] },
  ...tseslint.configs.recommended,
  {
    plugins: { 'react-hooks': reactHooks },
    rules: {
      'react-hooks/rules-of-hooks': 'error',
      'react-hooks/exhaustive-deps': 'warn',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/ban-ts-comment': ['error', { 'ts-ignore': 'allow-with-description', 'ts-expect-error': 'allow-with-description' }],
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports' }],
    },
  },
  {
    // Tests read JSON envelopes from HTTP; typing every body adds noise, not safety.
    files: ['test/**/*.ts', 'test/**/*.tsx', '**/*.test.ts', '**/*.test.tsx'],
    rules: { '@typescript-eslint/no-explicit-any': 'off' },
  },
  {
    files: ['types/**/*.ts'],
    rules: restrict([group(['../src/*', '../cloudfunctions/*', 'zod', 'dayjs', '@tarojs/*', ...nodeAndServer], 'types/ holds wire contracts only: no runtime imports.')]),
  },
  {
    files: ['src/core/**/*.ts'],
    rules: restrict([
      group(['../server/*', '../services/*', '../hooks/*', '../components/*', '../pages/*', '../subpackages/*', '**/server/**'], 'src/core is pure and imports only core and types.'),
      group(['@tarojs/*', 'react', ...nodeAndServer], 'src/core is pure: no IO, Taro, React or platform SDKs.'),
    ]),
  },
  {
    files: ['src/server/**/*.ts'],
    rules: restrict([
      group(['**/services/**', '**/hooks/**', '**/components/**', '**/pages/**', '**/subpackages/**'], 'src/server is cloud-only and must not import client code.'),
      group(['@tarojs/*', 'react', 'react-dom'], 'src/server runs in cloud functions: no Taro or React.'),
    ]),
  },
  {
    // The runtime-neutral server: the same code runs on CloudBase and on the local gateway.
    files: ['src/server/kernel/**/*.ts', 'src/server/domain/**/*.ts', 'src/server/functions/**/*.ts', 'src/server/store/**/*.ts'],
    rules: restrict([
      group(['**/server/**', '**/services/**', '**/hooks/**', '**/components/**', '**/pages/**', '**/subpackages/**', '!**/server/kernel/**', '!**/server/domain/**', '!**/server/functions/**', '!**/server/store/**'], 'src/server is cloud-only and must not import client code.'),
      group(['**/cloudbase/**', '**/local/**', '../cloudbase/*', '../local/*', './cloudbase/*', './local/*'], 'Runtime-neutral server code must not import a runtime (cloudbase/ or local/): pass ports through the Runtime.'),
      group(['wx-server-sdk', 'better-sqlite3', '@tarojs/*', 'react', 'react-dom'], 'Runtime-neutral server code must not import a platform SDK: the runtimes bring those.'),
    ]),
  },
  {
    files: ['src/server/cloudbase/**/*.ts'],
    rules: restrict([
      group(['**/local/**', '../local/*', 'better-sqlite3'], 'The CloudBase runtime never loads the local gateway or SQLite.'),
      group(['**/services/**', '**/hooks/**', '**/components/**', '**/pages/**', '**/subpackages/**', '@tarojs/*', 'react'], 'src/server is cloud-only and must not import client code.'),
    ]),
  },
  {
    files: ['src/server/local/**/*.ts'],
    rules: restrict([
      group(['**/cloudbase/**', '../cloudbase/*', 'wx-server-sdk'], 'The local gateway never loads the CloudBase runtime or wx-server-sdk.'),
      group(['**/services/**', '**/hooks/**', '**/components/**', '**/pages/**', '**/subpackages/**', '@tarojs/*', 'react'], 'src/server is cloud-only and must not import client code.'),
    ]),
  },
  {
    files: ['src/services/**/*.ts'],
    rules: restrict([
      group(['**/server/**', ...nodeAndServer], 'Client code must not import cloud-only code.'),
      group(['../hooks/*', '../components/*', '../pages/*', '../subpackages/*'], 'services sit below hooks and pages.'),
    ]),
  },
  {
    files: ['src/hooks/**/*.ts'],
    rules: restrict([
      group(['**/server/**', ...nodeAndServer], 'Client code must not import cloud-only code.'),
      group(['../components/*', '../pages/*', '../subpackages/*'], 'hooks sit below components and pages.'),
    ]),
  },
  {
    files: ['src/components/**/*.tsx', 'src/components/**/*.ts'],
    rules: restrict([
      group(['**/server/**', ...nodeAndServer], 'Client code must not import cloud-only code.'),
      group(['../pages/*', '../subpackages/*'], 'components must not import pages.'),
    ]),
  },
  {
    files: ['src/pages/**/*.tsx', 'src/subpackages/**/*.tsx', 'src/components/**/*.tsx'],
    rules: {
      ...restrict([
        group(['**/server/**', ...nodeAndServer], 'Client code must not import cloud-only code.'),
      ]),
      // Every service module but the time formatter calls the cloud; types from them are fine.
      '@typescript-eslint/no-restricted-imports': ['error', { patterns: [{ group: ['**/services/*', '!**/services/time', '!**/services/navigation'], message: 'Pages and components reach the cloud through hooks, which own loading and error state.', allowTypeImports: true }] }],
    },
  },
  {
    // The app shell starts the cloud SDK and remembers the launch query before any page runs.
    files: ['src/app.tsx'],
    rules: restrict([group(['**/server/**', ...nodeAndServer], 'Client code must not import cloud-only code.')]),
  },
  {
    files: ['cloudfunctions/**/*.ts'],
    rules: restrict([
      group(['**/src/pages/**', '**/src/services/**', '**/src/hooks/**', '**/src/components/**', '@tarojs/*', 'react'], 'Cloud functions wire server code only.'),
      group(['**/server/local/**', 'better-sqlite3'], 'A deployed function never loads the local gateway or SQLite.'),
    ]),
  },
);
