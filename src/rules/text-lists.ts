/**
 * Lists of texts numbered as first interned, found through a {@link HashSlots} table of their hashes and compared
 * part by part, so that no key text is built for a list already seen (the codes and decision variables of every
 * end and renewal line of the young-person rules, issue 16). Two meanings of "the same list":
 *
 * - {@link TextListPool}: the same parts (`['1|', '']` and `['1', '|']` differ);
 * - {@link JoinedTextPool}: the same text once joined with `|` (those two are both `1||`).
 *
 * Guarded by test/rules/kept-lines.test.ts (both against a `Map` keyed by the lists' texts).
 *
 * @module
 */
import { detach } from '../_lib/detach.js';
import { HashSlots } from '../_lib/hash-slots.js';

/**
 * Distinct lists of texts numbered as first interned, each kept once.
 *
 * @example
 * const p = new TextListPool();
 * p.intern(['1', '']); // 0
 * p.intern(['1|', '']) === p.intern(['1', '|']); // false
 * p.parts(0); // ["1", ""]
 */
export class TextListPool {
  private readonly lists: (readonly string[])[] = [];
  private readonly slots = new HashSlots();

  intern(parts: readonly string[]): number {
    // Each part's length, then its code units: no text of parts can be mistaken for another split.
    let h = 0x811c9dc5;
    for (let k = 0; k < parts.length; k++) {
      const part = parts[k]!;
      h = Math.imul(h ^ part.length, 0x01000193);
      for (let i = 0; i < part.length; i++) h = Math.imul(h ^ part.charCodeAt(i), 0x01000193);
    }
    const lists = this.lists;
    for (let n = this.slots.first(h); n >= 0; n = this.slots.next()) if (sameParts(lists[n]!, parts)) return n;
    const n = lists.length;
    lists.push(parts.map(detach));
    this.slots.put(n);
    return n;
  }

  parts(n: number): readonly string[] {
    return this.lists[n]!;
  }
}

function sameParts(a: readonly string[], b: readonly string[]): boolean {
  for (let k = 0; k < b.length; k++) if (a[k] !== b[k]) return false;
  return a.length === b.length;
}

/**
 * Distinct texts made of parts joined with `|` (`parts.join('|')`), numbered as first interned: lists whose joined
 * texts are equal get one number (as when the joined text was looked up), and the text is built only for a new one.
 *
 * @example
 * const p = new JoinedTextPool();
 * p.intern(['1', '']); // 0
 * p.intern(['1|', '']) === p.intern(['1', '|']); // true: both are "1||"
 * p.get(0); // "1|"
 */
export class JoinedTextPool {
  private readonly texts: string[] = [];
  private readonly slots = new HashSlots();

  intern(parts: readonly string[]): number {
    // The code units of the joined text, the `|` between parts included.
    let h = 0x811c9dc5;
    for (let k = 0; k < parts.length; k++) {
      if (k > 0) h = Math.imul(h ^ 124, 0x01000193);
      const part = parts[k]!;
      for (let i = 0; i < part.length; i++) h = Math.imul(h ^ part.charCodeAt(i), 0x01000193);
    }
    const texts = this.texts;
    for (let n = this.slots.first(h); n >= 0; n = this.slots.next()) if (joinedEquals(texts[n]!, parts)) return n;
    const n = texts.length;
    texts.push(detach(parts.join('|')));
    this.slots.put(n);
    return n;
  }

  /** The joined text of number n. */
  get(n: number): string {
    return this.texts[n]!;
  }
}

/** Whether `parts.join('|')` is `text`, without making it. */
function joinedEquals(text: string, parts: readonly string[]): boolean {
  let at = 0;
  for (let k = 0; k < parts.length; k++) {
    if (k > 0) {
      if (text.charCodeAt(at) !== 124) return false;
      at++;
    }
    const part = parts[k]!;
    if (!text.startsWith(part, at)) return false;
    at += part.length;
  }
  return at === text.length;
}
