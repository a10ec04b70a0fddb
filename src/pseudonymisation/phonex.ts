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

/** Replaces every occurrence of each `[from, to]` pair, one pair after another, each over the whole text. */
function replaceEach(text: string, pairs: ReadonlyArray<readonly [string, string]>): string {
  let out = text;
  for (const [from, to] of pairs) if (out.includes(from)) out = out.replaceAll(from, to);
  return out;
}

const STEP4: ReadonlyArray<readonly [string, string]> = [
  ['gan', 'kan'],
  ['gam', 'kam'],
  ['gain', 'kain'],
  ['gaim', 'kaim'],
];
const STEP6: ReadonlyArray<readonly [string, string]> = [
  ['eau', 'o'],
  ['oua', '2'],
  ['ein', '4'],
  ['ain', '4'],
  ['eim', '4'],
  ['aim', '4'],
];
const STEP7: ReadonlyArray<readonly [string, string]> = [
  ['é', 'y'],
  ['è', 'y'],
  ['ê', 'y'],
  ['ai', 'y'],
  ['ei', 'y'],
  ['er', 'yr'],
  ['ess', 'yss'],
  ['et', 'yt'],
];
const STEP11: ReadonlyArray<readonly [string, string]> = [
  ['oe', 'e'],
  ['eu', 'e'],
  ['au', 'o'],
  ['oi', '2'],
  ['oy', '2'],
  ['ou', '3'],
];
const STEP12: ReadonlyArray<readonly [string, string]> = [
  ['ch', '5'],
  ['sch', '5'],
  ['sh', '5'],
  ['ss', 's'],
  ['sc', 's'],
];
const STEP14: ReadonlyArray<readonly [string, string]> = [
  ['c', 'k'],
  ['q', 'k'],
  ['qu', 'k'],
  ['gu', 'k'],
  ['ga', 'ka'],
  ['go', 'ko'],
  ['gy', 'ky'],
];
const STEP15: ReadonlyArray<readonly [string, string]> = [
  ['a', 'o'],
  ['d', 't'],
  ['p', 't'],
  ['j', 'g'],
  ['b', 'f'],
  ['v', 'f'],
  ['m', 'n'],
];

// The following character is consumed by the match (and put back), as in the reference PHP regular expressions:
// `ainaine` gives `ynaine`, not `ynyne`.
const STEP5 = [/ain([aeiou])/g, /ein([aeiou])/g, /aim([aeiou])/g, /eim([aeiou])/g] as const;
const STEP8: ReadonlyArray<readonly [RegExp, string]> = [
  [/an($|[^aeiou1234])/g, '1$1'],
  [/am($|[^aeiou1234])/g, '1$1'],
  [/en($|[^aeiou1234])/g, '1$1'],
  [/em($|[^aeiou1234])/g, '1$1'],
  [/in($|[^aeiou1234])/g, '4$1'],
];

/**
 * The phonetic string of a name (spec, section 2, steps 1 to 17), before it is turned into a number.
 *
 * @example
 * phonexLetters('JEANMARC'); // "g1nork"
 */
export function phonexLetters(normalisedName: string): string {
  // 1-3
  let s = normalisedName.toLowerCase().replaceAll(' ', '').replaceAll('y', 'i');
  s = s.replace(/(?<![csp])h/g, '');
  s = s.replaceAll('ph', 'f');
  // 4-7
  s = replaceEach(s, STEP4);
  for (const pattern of STEP5) s = s.replace(pattern, 'yn$1');
  s = replaceEach(s, STEP6);
  s = replaceEach(s, STEP7);
  // 8-10
  for (const [pattern, to] of STEP8) s = s.replace(pattern, to);
  s = s.replaceAll('on', '1');
  s = s.replace(/([aeiou1234])s([aeiou1234])/g, '$1z$2');
  // 11-15
  s = replaceEach(s, STEP11);
  s = replaceEach(s, STEP12);
  s = s.replace(/c([ei])/g, 's$1');
  s = replaceEach(s, STEP14);
  s = replaceEach(s, STEP15);
  // 16-17
  s = s.replace(/(.)\1/g, '$1');
  if (s.endsWith('t') || s.endsWith('x')) s = s.slice(0, -1);
  return s;
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
