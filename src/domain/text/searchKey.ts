/**
 * TXT1: search uses a folded key: NFD, combining marks stripped, đ→d and Đ→D (they have no
 * decomposition), lower case, spaces collapsed and trimmed. Old and new tone placement
 * (hoà / hòa, thuỷ / thủy) fold to the same key because every mark is removed.
 * `Intl.Collator('vi')` cannot do this: it has no key to index and treats đ as its own letter.
 */
export { toNfc } from './nfc';

const COMBINING_MARKS = /[\u0300-\u036f]/g;

export function foldSearchKey(s: string): string {
  return s.normalize('NFD').replace(COMBINING_MARKS, '').replace(/đ/g, 'd').replace(/Đ/g, 'D').toLowerCase().replace(/\s+/g, ' ').trim();
}

/** True when every word of the query starts a word of the text, both folded ("ng th dao" finds "Nguyễn Thị Đào"). */
export function matchesSearch(text: string, query: string): boolean {
  const words = foldSearchKey(text).split(' ');
  return foldSearchKey(query)
    .split(' ')
    .filter((q) => q !== '')
    .every((q) => words.some((w) => w.startsWith(q)));
}
