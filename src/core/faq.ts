/** What the matcher needs of a FAQ entry. */
export interface FaqEntryLike {
  id: string;
  keywords: string[];
  question: string;
}

/** Folded text for matching: NFKC, lower case, no spaces or punctuation. */
export function foldText(text: string): string {
  return text
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[\s\p{P}\p{S}]+/gu, '');
}

function bigrams(text: string): Set<string> {
  const out = new Set<string>();
  for (let i = 0; i + 1 < text.length; i += 1) out.add(text.slice(i, i + 2));
  return out;
}

/**
 * Score of one entry for a question: 10 per keyword the question contains (or that contains the
 * whole query), plus the share of the entry question's character pairs found in the text.
 */
export function faqScore(text: string, entry: FaqEntryLike): number {
  const q = foldText(text);
  if (q.length === 0) return 0;
  let score = 0;
  for (const keyword of entry.keywords) {
    const k = foldText(keyword);
    if (k.length > 0 && (q.includes(k) || (q.length >= 2 && k.includes(q)))) score += 10;
  }
  const pairs = bigrams(foldText(entry.question));
  if (pairs.size > 0) {
    const mine = bigrams(q);
    let shared = 0;
    for (const p of pairs) if (mine.has(p)) shared += 1;
    const share = shared / pairs.size;
    if (share >= 0.3) score += share * 5;
  }
  return score;
}

/**
 * The FAQ entries that answer `text` best, best first (at most `limit`): what a question box shows
 * as "这些答案也许能帮到你" before the member asks. Pure; the caller supplies the entries.
 */
export function matchFaq<T extends FaqEntryLike>(text: string, entries: readonly T[], limit = 3): T[] {
  return entries
    .map((entry) => ({ entry, score: faqScore(text, entry) }))
    .filter((s) => s.score > 0)
    .sort((a, b) => b.score - a.score || a.entry.id.localeCompare(b.entry.id))
    .slice(0, limit)
    .map((s) => s.entry);
}
