// Lints snippets as if they lived at given paths, with the project's own ESLint config.
// Input (stdin): [[filePath, code], ...]. Output (stdout): the restricted-import count of each (core and typescript-eslint rules).
import { ESLint } from 'eslint';

const cases = JSON.parse(await new Promise((resolve) => {
  let text = '';
  process.stdin.on('data', (chunk) => (text += chunk));
  process.stdin.on('end', () => resolve(text));
}));
const eslint = new ESLint({ cwd: process.cwd() });
const counts = [];
for (const [filePath, code] of cases) {
  const [result] = await eslint.lintText(code, { filePath });
  counts.push(result.messages.filter((m) => m.ruleId === 'no-restricted-imports' || m.ruleId === '@typescript-eslint/no-restricted-imports').length);
}
process.stdout.write(JSON.stringify(counts));
