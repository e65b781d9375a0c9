import { AppError } from './errors';
import { MAX_ENTRY_POINTS, applyDelta } from './ledger';

function codeOf(fn: () => unknown): string | null {
  try {
    fn();
    return null;
  } catch (e) {
    return e instanceof AppError ? e.code : 'not-app-error';
  }
}

describe('ledger arithmetic', () => {
  it('credits and debits integers', () => {
    expect(applyDelta(10, 5)).toBe(15);
    expect(applyDelta(10, -10)).toBe(0);
  });

  it('refuses to go below zero', () => {
    expect(codeOf(() => applyDelta(10, -11))).toBe('INSUFFICIENT_POINTS');
  });

  it('rejects zero, fractional, non-finite and oversized amounts', () => {
    for (const bad of [0, 1.5, Number.NaN, Number.POSITIVE_INFINITY, MAX_ENTRY_POINTS + 1, -MAX_ENTRY_POINTS - 1]) {
      expect(codeOf(() => applyDelta(MAX_ENTRY_POINTS * 2, bad))).toBe('VALIDATION');
    }
  });
});
