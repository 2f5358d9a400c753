/**
 * MapLibre's attribution control takes HTML. Data text (source names from the manifest) must never be read as
 * markup, so it is escaped to plain text first.
 */
const ENTITIES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/** `text` with every HTML-significant character escaped. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ENTITIES[c]);
}
