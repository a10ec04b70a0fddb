/**
 * Byte-level facts about text encodings that several concerns need (the transmission readers, the identity
 * files of pseudonymisation): where UTF-8 stops being valid, and the windows-1252 characters of bytes 0x80–0x9F.
 * Internal: not exported by any door as such; each concern re-exports what its users need.
 *
 * @module
 */

/** windows-1252 bytes 0x80–0x9F (WHATWG index; the five undefined bytes map to the C1 control of the same number). */
export const CP1252_HIGH = [
  0x20ac, 0x81, 0x201a, 0x192, 0x201e, 0x2026, 0x2020, 0x2021, 0x2c6, 0x2030, 0x160, 0x2039, 0x152, 0x8d, 0x17d, 0x8f,
  0x90, 0x2018, 0x2019, 0x201c, 0x201d, 0x2022, 0x2013, 0x2014, 0x2dc, 0x2122, 0x161, 0x203a, 0x153, 0x9d, 0x17e, 0x178,
];

/**
 * Offset of the first byte that is not valid UTF-8 in `bytes`, or -1 (a sequence cut by the end is invalid).
 *
 * @example
 * invalidUtf8At(new Uint8Array([0x61, 0xc3, 0xa9, 0xe9])); // 3
 */
export function invalidUtf8At(bytes: Uint8Array): number {
  const n = bytes.length;
  let i = 0;
  while (i < n) {
    const b = bytes[i]!;
    if (b < 0x80) {
      i++;
      continue;
    }
    let need: number;
    let min: number;
    if (b >= 0xc2 && b <= 0xdf) {
      need = 1;
      min = 0x80;
    } else if (b >= 0xe0 && b <= 0xef) {
      need = 2;
      min = 0x800;
    } else if (b >= 0xf0 && b <= 0xf4) {
      need = 3;
      min = 0x10000;
    } else return i;
    if (i + need >= n) return i; // a sequence cut by the end of the input
    let cp = b & (0xff >> (need + 2));
    for (let k = 1; k <= need; k++) {
      const c = bytes[i + k]!;
      if ((c & 0xc0) !== 0x80) return i;
      cp = (cp << 6) | (c & 0x3f);
    }
    if (cp < min || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff)) return i;
    i += need + 1;
  }
  return -1;
}
