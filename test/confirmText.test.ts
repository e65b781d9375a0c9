import { readFileSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';

// WeChat cuts a modal's confirmText after 4 Chinese characters ("确认扣除积分" shows as "确认扣除"),
// so every confirmText in the client must be a literal of at most 4 characters.

const SRC = path.resolve(__dirname, '..', 'src');

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const file = path.join(dir, name);
    if (statSync(file).isDirectory()) return name === 'server' ? [] : sources(file);
    return /\.tsx?$/.test(name) ? [file] : [];
  });
}

/** Each `confirmText: …` or `confirmText = …` with the expression up to the next comma or brace. */
export function confirmTexts(source: string): string[] {
  const found: string[] = [];
  const pattern = /confirmText\s*[:=]\s*([^,}\n]+)/g;
  for (let m = pattern.exec(source); m; m = pattern.exec(source)) {
    const expression = m[1].trim();
    if (/^string\b/.test(expression)) continue; // a type annotation
    found.push(expression);
  }
  return found;
}

/** True when a confirmText expression is computed or has a shown literal longer than 4 characters. */
function tooLongOrComputed(expression: string): boolean {
  if (expression.includes('${')) return true;
  const shown = expression.replace(/[!=]==\s*('[^']*'|"[^"]*")/g, '');
  const literals = [...shown.matchAll(/'([^']*)'|"([^"]*)"|`([^`]*)`/g)].map((l) => l[1] ?? l[2] ?? l[3] ?? '');
  return literals.length === 0 || literals.some((text) => [...text].length > 4);
}

describe('modal confirmText', () => {
  const all = sources(SRC).flatMap((file) => confirmTexts(readFileSync(file, 'utf8')).map((expression) => ({ file: path.relative(SRC, file), expression })));

  it('finds the confirmations the app asks', () => {
    expect(all.length).toBeGreaterThanOrEqual(5);
  });

  it('is a plain literal of at most 4 characters everywhere', () => {
    const tooLong = all.filter(({ expression }) => tooLongOrComputed(expression));
    expect(tooLong).toEqual([]);
  });

  it('catches a long or computed confirmText', () => {
    expect(confirmTexts("Taro.showModal({ title: 't', confirmText: '确认扣除积分' })")).toEqual(["'确认扣除积分'"]);
    expect(confirmTexts('confirmText: `确认${verb}` })')).toEqual(['`确认${verb'])
    expect(tooLongOrComputed("'确认扣除积分'")).toBe(true);
    expect(tooLongOrComputed('`确认${verb')).toBe(true);
    expect(tooLongOrComputed('label')).toBe(true);
    expect(tooLongOrComputed("kind === 'grant' ? '确认发放' : '确认扣除'")).toBe(false);;
  });
});
