import { phpFloatToString } from './php-float.js';

/** The alphabet of step 18: a character's value is its index here (0 for any other character). */
const ALPHABET = '12345efghiklnorstuwxyz';

const VALUE = new Int8Array(128);
for (let k = 0; k < ALPHABET.length; k++) VALUE[ALPHABET.charCodeAt(k)] = k;

/** 22^-n correctly rounded to the nearest double (what a correctly rounded C `pow(22, -n)` returns). */
function reciprocalPowerOf22(n: number): number {
  const denominator = 22n ** BigInt(n);
  let shift = denominator.toString(2).length + 52;
  let quotient = (1n << BigInt(shift)) / denominator;
  if (quotient >= 1n << 53n) {
    shift -= 1;
    quotient = (1n << BigInt(shift)) / denominator;
  }
  const remainder = (1n << BigInt(shift)) - quotient * denominator;
  const twice = remainder * 2n;
  if (twice > denominator || (twice === denominator && (quotient & 1n) === 1n)) quotient += 1n;
  // quotient < 2^54 and the scaling by a power of two is exact while the result stays a normal double.
  return Number(quotient) * 2 ** -shift;
}

const POWERS: number[] = [];
function weight(position: number): number {
  const n = position + 1;
  if (n > 200) return 0; // below 22^-200 the term cannot reach a double sum that started above it
  while (POWERS.length < n) POWERS.push(reciprocalPowerOf22(POWERS.length + 1));
  return POWERS[n - 1] as number;
}

/** A bit per character: a–z are bits 0–25, 1–5 bits 26–30, anything else bit 31. */
function bit(code: number): number {
  if (code >= 97 && code <= 122) return 1 << (code - 97);
  if (code >= 49 && code <= 53) return 1 << (code - 49 + 26);
  return 1 << 31;
}

function maskOf(text: string): number {
  let mask = 0;
  for (let i = 0; i < text.length; i++) mask |= bit(text.charCodeAt(i));
  return mask;
}

/** A group of replacements with, for each pair, the characters it needs and those earlier pairs may create. */
interface Group {
  readonly pairs: ReadonlyArray<readonly [string, string]>;
  readonly needs: readonly number[];
  readonly creatable: readonly number[];
  /** Every character any pair may write. */
  readonly made: number;
}

function group(pairs: ReadonlyArray<readonly [string, string]>): Group {
  const needs = pairs.map(([from]) => maskOf(from));
  const creatable: number[] = [];
  let made = 0;
  for (const [, to] of pairs) {
    creatable.push(made);
    made |= maskOf(to);
  }
  return { pairs, needs, creatable, made };
}

/**
 * Replaces every occurrence of each `[from, to]` pair, one pair after another, each over the whole text
 * (PHP `str_replace` with arrays). A pair is skipped when one of its characters can be neither in the text nor
 * created by an earlier pair: same result, far fewer string scans. `mask`: the characters that may be in the text
 * (a superset: phonexLetters keeps one for the whole name, adding what each step may write, instead of scanning
 * the text again before each group).
 */
function replaceEach(text: string, g: Group, mask: number): string {
  let out = text;
  for (let j = 0; j < g.pairs.length; j++) {
    const need = g.needs[j] as number;
    if ((need & ~(mask | (g.creatable[j] as number))) !== 0) continue;
    const [from, to] = g.pairs[j] as readonly [string, string];
    if (out.includes(from)) out = out.replaceAll(from, to);
  }
  return out;
}

const STEP4 = group([
  ['gan', 'kan'],
  ['gam', 'kam'],
  ['gain', 'kain'],
  ['gaim', 'kaim'],
]);
const STEP6 = group([
  ['eau', 'o'],
  ['oua', '2'],
  ['ein', '4'],
  ['ain', '4'],
  ['eim', '4'],
  ['aim', '4'],
]);
const STEP7 = group([
  ['é', 'y'],
  ['è', 'y'],
  ['ê', 'y'],
  ['ai', 'y'],
  ['ei', 'y'],
  ['er', 'yr'],
  ['ess', 'yss'],
  ['et', 'yt'],
]);
const STEP11 = group([
  ['oe', 'e'],
  ['eu', 'e'],
  ['au', 'o'],
  ['oi', '2'],
  ['oy', '2'],
  ['ou', '3'],
]);
const STEP12 = group([
  ['ch', '5'],
  ['sch', '5'],
  ['sh', '5'],
  ['ss', 's'],
  ['sc', 's'],
]);
const STEP14 = group([
  ['c', 'k'],
  ['q', 'k'],
  ['qu', 'k'],
  ['gu', 'k'],
  ['ga', 'ka'],
  ['go', 'ko'],
  ['gy', 'ky'],
]);
// Step 15 maps single letters to letters that no later pair of the step reads, so one pass does it.
const STEP15 = new Map<number, string>([
  [97, 'o'], // a
  [100, 't'], // d
  [112, 't'], // p
  [106, 'g'], // j
  [98, 'f'], // b
  [118, 'f'], // v
  [109, 'n'], // m
]);

/** Step 15 as a table of ASCII codes (every other code maps to itself). */
const STEP15_CODE = new Uint16Array(128);
for (let c = 0; c < 128; c++) STEP15_CODE[c] = STEP15.has(c) ? (STEP15.get(c) as string).charCodeAt(0) : c;

/** Scratch codes of steps 15 to 17 (grown for a longer name). */
let codes = new Uint16Array(64);

const VOWEL = new Uint8Array(128);
for (const c of 'aeiou') VOWEL[c.charCodeAt(0)] = 1;
const VOWEL_OR_DIGIT = new Uint8Array(128);
for (const c of 'aeiou1234') VOWEL_OR_DIGIT[c.charCodeAt(0)] = 1;

const isVowel = (code: number): boolean => code < 128 && VOWEL[code] === 1;
const isNotVowelOrDigit = (code: number): boolean => !(code < 128 && VOWEL_OR_DIGIT[code] === 1);
const isEOrI = (code: number): boolean => code === 101 || code === 105;

/**
 * PHP `preg_replace('/(literal)(X)/', 'to$2')`: replaces `literal` when the next character passes `accepts` (or,
 * with `atEnd`, when it ends the text). Like the regular expression, the match consumes that next character, so
 * the search resumes after it: `ainaine` gives `ynaine`, not `ynyne`.
 */
function replaceFollowed(
  text: string,
  literal: string,
  to: string,
  accepts: (code: number) => boolean,
  atEnd: boolean,
): string {
  let i = text.indexOf(literal);
  if (i < 0) return text;
  let out = '';
  let from = 0;
  const size = literal.length;
  while (i >= 0) {
    const after = i + size;
    if (after === text.length ? atEnd : after < text.length && accepts(text.charCodeAt(after))) {
      out += text.slice(from, i) + to;
      from = after;
      i = text.indexOf(literal, after + 1);
    } else i = text.indexOf(literal, i + 1);
  }
  return out + text.slice(from);
}

const STEP5 = ['ain', 'ein', 'aim', 'eim'] as const;
/** What steps 5, 8 to 10 and 13 may write. */
const YN = maskOf('yn');
const STEP8_10 = maskOf('14z');
const S = maskOf('s');
const STEP8: ReadonlyArray<readonly [string, string]> = [
  ['an', '1'],
  ['am', '1'],
  ['en', '1'],
  ['em', '1'],
  ['in', '4'],
];

/** Step 10, `preg_replace('/([aeiou1234])(s)([aeiou1234])/', '$1z$3')`: matches of three characters, no overlap. */
function voicedS(text: string): string {
  if (!text.includes('s')) return text;
  let out = '';
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (
      text.charCodeAt(i + 1) === 115 &&
      !isNotVowelOrDigit(c) &&
      i + 2 < text.length &&
      !isNotVowelOrDigit(text.charCodeAt(i + 2))
    ) {
      out += `${text[i]}z${text[i + 2]}`;
      i += 2;
    } else out += text[i];
  }
  return out;
}

/**
 * The phonetic string of a name (spec, section 2, steps 1 to 17), before it is turned into a number.
 *
 * @example
 * phonexLetters('JEANMARC'); // "ge1nork"
 */
export function phonexLetters(normalisedName: string): string {
  // Each regular expression is guarded by a cheap test: most steps change nothing in a given name.
  // 1-3
  let s = normalisedName.toLowerCase();
  if (s.includes(' ')) s = s.replaceAll(' ', '');
  if (s.includes('y')) s = s.replaceAll('y', 'i');
  if (s.includes('h')) {
    s = s.replace(/(?<![csp])h/g, '');
    if (s.includes('ph')) s = s.replaceAll('ph', 'f');
  }
  // 4-7. `mask`: the characters that may be in `s` from here on (what each step may write is added).
  let mask = maskOf(s);
  s = replaceEach(s, STEP4, mask);
  mask |= STEP4.made;
  for (const literal of STEP5) s = replaceFollowed(s, literal, 'yn', isVowel, false);
  mask |= YN;
  s = replaceEach(s, STEP6, mask);
  mask |= STEP6.made;
  s = replaceEach(s, STEP7, mask);
  mask |= STEP7.made;
  // 8-10
  for (const [literal, to] of STEP8) s = replaceFollowed(s, literal, to, isNotVowelOrDigit, true);
  if (s.includes('on')) s = s.replaceAll('on', '1');
  s = voicedS(s);
  mask |= STEP8_10;
  // 11-15
  s = replaceEach(s, STEP11, mask);
  mask |= STEP11.made;
  s = replaceEach(s, STEP12, mask);
  mask |= STEP12.made;
  s = replaceFollowed(s, 'c', 's', isEOrI, false);
  mask |= S;
  s = replaceEach(s, STEP14, mask);
  // 15 (one code per character, no string per step), 16: /(.)\1/g, a character immediately repeated becomes one
  // copy, matches taken left to right (the pair is consumed: "aaa" gives "aa"), 17: a final t or x dropped.
  const n = s.length;
  if (codes.length < n) codes = new Uint16Array(n * 2);
  for (let i = 0; i < n; i++) {
    const c = s.charCodeAt(i);
    codes[i] = c < 128 ? (STEP15_CODE[c] as number) : c;
  }
  let length = 0;
  for (let i = 0; i < n; i++) {
    const c = codes[i] as number;
    codes[length++] = c;
    if (i + 1 < n && codes[i + 1] === c) i++;
  }
  if (length > 0 && (codes[length - 1] === 116 || codes[length - 1] === 120)) length--;
  return String.fromCharCode.apply(null, codes.subarray(0, length) as unknown as number[]);
}

/**
 * The numeric value of a phonetic string (spec, section 2, step 18): Σ k × 22^-(i+1), summed left to right.
 *
 * @example
 * phonexValue('g1nork'); // 0.32856627268396...
 */
export function phonexValue(letters: string): number {
  let sum = 0;
  for (let i = 0; i < letters.length; i++) {
    const code = letters.charCodeAt(i);
    const k = code < 128 ? (VALUE[code] as number) : 0;
    if (k !== 0) sum += k * weight(i);
  }
  return sum;
}

/**
 * Phonex of a normalised name, written as PHP writes a float with precision 14 (spec, section 2).
 *
 * @example
 * phonex('JEANMARC'); // "0.32856627268396"
 * phonex('LEGOFF'); // "0.51132638108425"
 */
export function phonex(normalisedName: string): string {
  return phpFloatToString(phonexValue(phonexLetters(normalisedName)));
}

/**
 * The first 12 characters of {@link phonex}: what enters the phonetic half of NUMANONYM.
 *
 * @example
 * phonex12('JEANMARC'); // "0.3285662726"
 */
export function phonex12(normalisedName: string): string {
  return phonex(normalisedName).slice(0, 12);
}
