/** What the first bytes of an upload say about it, shared by the sniffer and the fast path's checks. */

/** Length of a UTF-8 byte-order mark at the start (3), or 0. */
export function utf8BomLength(b: Uint8Array): number {
  return b[0] === 0xef && b[1] === 0xbb && b[2] === 0xbf ? 3 : 0;
}

/**
 * True when the bytes start like a JSON document: after a byte-order mark and JSON whitespace, a
 * `{` or `[` among the first `within` bytes (default: all of them).
 */
export function startsAsJson(b: Uint8Array, within = b.length): boolean {
  let i = utf8BomLength(b);
  while (i < within && (b[i] === 0x20 || b[i] === 0x0a || b[i] === 0x0d || b[i] === 0x09)) i += 1;
  return i < within && (b[i] === 0x7b || b[i] === 0x5b);
}
