// Which palette entries a filter shows, and which groups are open: pure, so
// the rules are tested without a browser.
import type { LayerCategory } from '@/lib/graph';

/** Case- and width-insensitive text for matching (ＰＯＯＬ matches pool). */
export function foldText(text: string): string {
  return text.normalize('NFKC').toLocaleLowerCase();
}

/**
 * Whether a layer type matches the filter: every word of the query appears
 * in its type name or its description (in the user's language). An empty
 * query matches everything.
 */
export function matchesFilter(query: string, type: string, description: string): boolean {
  const words = foldText(query).split(/\s+/).filter(Boolean);
  if (words.length === 0) return true;
  const haystack = `${foldText(type)}\n${foldText(description)}`;
  return words.every((w) => haystack.includes(w));
}

export const PALETTE_CLOSED_KEY = 'cnn-studio.palette.closed';

/** The groups the user closed, from what localStorage holds (anything unreadable: none closed). */
export function parseClosedGroups(stored: string | null, categories: readonly LayerCategory[]): Set<LayerCategory> {
  if (!stored) return new Set();
  try {
    const value: unknown = JSON.parse(stored);
    if (!Array.isArray(value)) return new Set();
    return new Set(categories.filter((c) => value.includes(c)));
  } catch {
    return new Set();
  }
}
