/**
 * Escaping for HTML and SVG text and attribute values. Every string that comes from report.json
 * (campaign names, labels, notes, region codes) goes through this before it reaches markup.
 */

const ENTITIES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/**
 * Escape text for HTML or SVG content and for quoted attribute values.
 * @example escapeHtml('<b> & "x"') // "&lt;b&gt; &amp; &quot;x&quot;"
 */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ENTITIES[c] ?? c);
}
