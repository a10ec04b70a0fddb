/**
 * PHP's conversion of a float to text under `precision = 14` (the `echo $float` of PHP 5 and 7, and of PHP 8's
 * string casts), reproduced exactly: at most `precision` significant digits rounded half-to-even on the exact
 * binary value, trailing zeros dropped, `0` for zero, and the exponent form `1.0E-5` / `9.3914350112697E-5`
 * when the decimal exponent is below -4 or at least `precision`.
 */

/** The exact decimal digits of a finite positive double and its decimal exponent (`x = d.ddd × 10^exponent`). */
function exactDigits(x: number): { digits: string; exponent: number } {
  const view = new DataView(new ArrayBuffer(8));
  view.setFloat64(0, x);
  const high = view.getUint32(0);
  const low = view.getUint32(4);
  const biased = (high >>> 20) & 0x7ff;
  let mantissa = (BigInt(high & 0xfffff) << 32n) | BigInt(low);
  let power: number;
  if (biased === 0) power = -1074;
  else {
    mantissa |= 1n << 52n;
    power = biased - 1075;
  }
  // x = mantissa × 2^power = mantissa × 5^-power / 10^-power when power < 0.
  const scaled = power < 0 ? mantissa * 5n ** BigInt(-power) : mantissa << BigInt(power);
  const digits = scaled.toString();
  const scale = Math.min(power, 0);
  return { digits, exponent: digits.length - 1 + scale };
}

/** `digits` rounded half-to-even to `precision` digits; may carry into a new leading digit. */
function roundHalfEven(digits: string, exponent: number, precision: number): { digits: string; exponent: number } {
  if (digits.length <= precision) return { digits, exponent };
  const head = digits.slice(0, precision);
  const next = digits.charCodeAt(precision) - 48;
  const rest = digits.slice(precision + 1);
  const beyondHalf = next > 5 || (next === 5 && /[1-9]/.test(rest));
  const exactlyHalf = next === 5 && !/[1-9]/.test(rest);
  const lastOdd = (head.charCodeAt(precision - 1) - 48) % 2 === 1;
  if (!(beyondHalf || (exactlyHalf && lastOdd))) return { digits: head, exponent };
  const bumped = (BigInt(head) + 1n).toString();
  return bumped.length > precision
    ? { digits: bumped.slice(0, precision), exponent: exponent + 1 }
    : { digits: bumped, exponent };
}

/** The `precision` significant digits of a finite positive double, correctly rounded half-to-even. */
function significant(x: number, precision: number): { digits: string; exponent: number } {
  const short = x.toExponential(precision - 1);
  const at = short.indexOf('e');
  const exponent = Number(short.slice(at + 1));
  // JavaScript rounds exact ties up, PHP (dtoa) to even. A tie needs x × 2 × 10^(precision-1-e) to be an odd
  // integer, hence x × 2^(precision+1-e) to be an integer: when it is not (nearly always), no tie is possible.
  if (Number.isInteger(x * 2 ** (precision + 2 - exponent))) {
    const exact = exactDigits(x);
    return roundHalfEven(exact.digits, exact.exponent, precision);
  }
  return { digits: (short[0] as string) + short.slice(2, at), exponent };
}

/**
 * Writes a number as PHP does with `precision = 14` (or the precision given).
 *
 * @example
 * phpFloatToString(0.32856627268396); // "0.32856627268396"
 * phpFloatToString(0.000093914350112697); // "9.3914350112697E-5"
 * phpFloatToString(0.00001); // "1.0E-5"
 * phpFloatToString(0); // "0"
 */
export function phpFloatToString(x: number, precision = 14): string {
  if (Number.isNaN(x)) return 'NAN';
  if (x === Infinity) return 'INF';
  if (x === -Infinity) return '-INF';
  if (x === 0) return Object.is(x, -0) ? '-0' : '0';
  if (x < 0) return `-${phpFloatToString(-x, precision)}`;
  const rounded = significant(x, precision);
  let end = rounded.digits.length;
  while (end > 1 && rounded.digits.charCodeAt(end - 1) === 48) end--;
  const digits = rounded.digits.slice(0, end);
  const decpt = rounded.exponent + 1;
  if (decpt < 0 ? decpt < -3 : decpt > precision) {
    const e = decpt - 1;
    const mantissa = digits.length === 1 ? `${digits}.0` : `${digits[0]}.${digits.slice(1)}`;
    return `${mantissa}E${e < 0 ? '-' : '+'}${Math.abs(e)}`;
  }
  if (decpt <= 0) return `0.${'0'.repeat(-decpt)}${digits}`;
  if (digits.length <= decpt) return digits.padEnd(decpt, '0');
  return `${digits.slice(0, decpt)}.${digits.slice(decpt)}`;
}
