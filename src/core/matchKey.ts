/**
 * Contract IDs, products, tier tables, usage metrics and Stage words match as trimmed,
 * case-insensitive text (workbook.md): " k-1 " on Usage is the K-1 of Contracts. Every lookup
 * by such a name goes through matchKey, so the rule lives here once.
 */
export function matchKey(text: string): string {
  return text.trim().toLowerCase();
}

/** Two names that match by matchKey; a blank (null) matches only a blank. */
export function sameKey(a: string | null, b: string | null): boolean {
  return matchKey(a ?? '') === matchKey(b ?? '');
}
