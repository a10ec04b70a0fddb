/**
 * How a value is quoted in a message: never more than {@link MAX_QUOTED} characters, so that a message about a
 * 10 MB value is not 10 MB long, and so that a free text (possibly a name) pasted in a coded variable is shown
 * only in part.
 *
 * @module
 */

/** Most characters (code points) of a value a message repeats. */
export const MAX_QUOTED = 40;

/**
 * The value as a message may repeat it: at most {@link MAX_QUOTED} characters, then `…`. Never throws: a value
 * that is not a string is described by its type.
 *
 * @example
 * capValue('3'); // "3"
 * capValue('x'.repeat(100)); // "xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx…"
 */
export function capValue(value: unknown): string {
  let text: string;
  if (typeof value === 'string') text = value;
  else if (typeof value === 'number' || typeof value === 'boolean' || typeof value === 'bigint') text = String(value);
  else if (value === null) text = 'null';
  else if (value === undefined) text = 'undefined';
  else text = Array.isArray(value) ? 'array' : typeof value;
  if (text.length <= MAX_QUOTED) return text;
  const head = Array.from(text.slice(0, MAX_QUOTED * 2 + 2));
  return head.length > MAX_QUOTED ? `${head.slice(0, MAX_QUOTED).join('')}…` : head.join('');
}
