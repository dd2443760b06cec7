/** TXT1: text is stored in NFC, whatever the keyboard or the paste produced (NFD from some macOS/iOS input). */
export function toNfc(s: string): string {
  return s.normalize('NFC');
}

/** A person's name or an address as typed: NFC, single spaces, trimmed. */
export function cleanText(s: string): string {
  return toNfc(s).replace(/\s+/g, ' ').trim();
}
