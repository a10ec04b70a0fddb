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
  // Without a surrogate among the first characters, characters are code points: the first MAX_QUOTED of them.
  const scan = Math.min(text.length, MAX_QUOTED * 2 + 2);
  let i = 0;
  while (i < scan && (text.charCodeAt(i) & 0xf800) !== 0xd800) i++;
  if (i === scan) return `${text.slice(0, MAX_QUOTED)}…`;
  const head = Array.from(text.slice(0, MAX_QUOTED * 2 + 2));
  return head.length > MAX_QUOTED ? `${head.slice(0, MAX_QUOTED).join('')}…` : head.join('');
}

/**
 * The shown form of a pseudonym: its first 12 characters and an ellipsis, the same in every report, message and
 * output (a pseudonym is not an identity, but a full one is more than a reader needs to find a line).
 *
 * @example
 * shortPseudonym('0123456789abcdef0123456789abcdef01234567'); // "0123456789ab…"
 * shortPseudonym('abc'); // "abc"
 */
export function shortPseudonym(numanonym: string): string {
  return numanonym.length > 12 ? `${numanonym.slice(0, 12)}…` : numanonym;
}

/** What an element or key name looks like when it may be a variable name of the standard. */
const NAME_LIKE = /^[A-Z][A-Z0-9_]{0,30}$/;

/**
 * An unknown element or key name as a message may repeat it. A name comes from the file (an export may put any
 * text there, a person's name used as a tag): one that looks like a variable name is quoted (capped), any other
 * is only described by its length, never quoted.
 *
 * @example
 * shownName('SEXEX'); // { fr: "SEXEX", en: "SEXEX" }
 * shownName('Dupont Marie'); // { fr: "un élément inconnu (12 caractères)", en: "an unknown element (12 characters)" }
 *
 * @internal Exported through the door for the messages of src/rules and src/transmission.
 */
export function shownName(name: string): { fr: string; en: string } {
  if (NAME_LIKE.test(name)) {
    const shown = capValue(name);
    return { fr: shown, en: shown };
  }
  const n = Array.from(name).length;
  return { fr: `un élément inconnu (${n} caractères)`, en: `an unknown element (${n} characters)` };
}

/**
 * The text with its first letter in upper case (a shown name at the start of a sentence).
 *
 * @internal Exported through the door for the messages of src/rules and src/transmission.
 */
export function sentenceStart(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
