/**
 * The spot in the ask form where answers that may already exist (FAQ matches for the text being
 * typed) are shown. The FAQ lives on another branch: until it is wired here this renders nothing.
 */
export function AskSuggestions({ text }: { text: string }) {
  void text;
  return null;
}
