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
      group(['../services/*', '../hooks/*', '../components/*', '../pages/*', '../subpackages/*', '../../services/*', '../../hooks/*', '../../components/*', '../../pages/*', '../../subpackages/*'], 'src/server is cloud-only and must not import client code.'),
      group(['@tarojs/*', 'react', 'react-dom'], 'src/server runs in cloud functions: no Taro or React.'),
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
    files: ['src/pages/**/*.tsx', 'src/subpackages/**/*.tsx', 'src/app.tsx'],
    rules: restrict([
      group(['**/server/**', ...nodeAndServer], 'Client code must not import cloud-only code.'),
      group(['**/services/api', '**/services/checkin', '**/services/points', '**/services/members'], 'Pages reach the cloud through hooks, which own loading and error state.'),
    ]),
  },
  {
    files: ['cloudfunctions/**/*.ts'],
    rules: restrict([group(['**/src/pages/**', '**/src/services/**', '**/src/hooks/**', '**/src/components/**', '@tarojs/*', 'react'], 'Cloud functions wire server code only.')]),
  },
);
