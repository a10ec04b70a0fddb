/**
 * The library's one UTF-8 encoder written by hand, for the places where `TextEncoder` would cost an allocation or
 * a call per value: the SHA-1 of pseudonymisation (bytes into a reused buffer) and the transmission byte writer
 * (values into the output buffer between escapes). Same bytes as `TextEncoder` (a lone surrogate becomes U+FFFD),
 * which test/transmission/write-bytes.test.ts and test/pseudonymisation/properties.test.ts check.
 *
 * @module
 */

/**
 * Writes the UTF-8 bytes of `text[from..to)` into `buf` from `pos` and returns the position after them. `buf`
 * must have room for 3 bytes per code unit (a surrogate pair, two units, takes 4). A high surrogate at `to - 1`
 * is not paired with `text[to]`: cut ranges only between characters.
 *
 * @example
 * const buf = new Uint8Array(9);
 * encodeUtf8Into('aé€', 0, 3, buf, 0); // 6: 61 c3 a9 e2 82 ac
 */
export function encodeUtf8Into(text: string, from: number, to: number, buf: Uint8Array, pos: number): number {
  for (let i = from; i < to; i++) {
    let c = text.charCodeAt(i);
    if (c < 0x80) {
      buf[pos++] = c;
    } else if (c < 0x800) {
      buf[pos++] = 0xc0 | (c >> 6);
      buf[pos++] = 0x80 | (c & 0x3f);
    } else {
      if (c >= 0xd800 && c <= 0xdfff) {
        const next = i + 1 < to ? text.charCodeAt(i + 1) : 0;
        if (c <= 0xdbff && next >= 0xdc00 && next <= 0xdfff) {
          const cp = 0x10000 + ((c - 0xd800) << 10) + (next - 0xdc00);
          i++;
          buf[pos++] = 0xf0 | (cp >> 18);
          buf[pos++] = 0x80 | ((cp >> 12) & 0x3f);
          buf[pos++] = 0x80 | ((cp >> 6) & 0x3f);
          buf[pos++] = 0x80 | (cp & 0x3f);
          continue;
        }
        c = 0xfffd;
      }
      buf[pos++] = 0xe0 | (c >> 12);
      buf[pos++] = 0x80 | ((c >> 6) & 0x3f);
      buf[pos++] = 0x80 | (c & 0x3f);
    }
  }
  return pos;
}
