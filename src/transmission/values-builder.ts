/**
 * Makes the values object of each record a reader yields. Records of a file nearly always carry the same
 * variables in the same order; for such a layout the object is made by a small function written for it, one
 * object literal with its keys in file order (about 30 times quicker than filling an object key by key: one
 * allocation instead of ~106 keyed stores, and an object the rules read quickly). Where the environment forbids
 * compiling code (a Content-Security-Policy without 'unsafe-eval'), objects are cloned from a template with
 * those keys instead. The layout is rebuilt when it changes, at most `LAYOUTS` times per reading, so alternating
 * layouts cost no more than plain objects.
 *
 * @module
 */

/** How many times a reading may build a layout. */
const LAYOUTS = 64;

type Maker = (texts: readonly string[]) => Record<string, string>;

/**
 * A function that makes values from texts as one object literal with the given keys, or undefined where code
 * cannot be compiled. Keys are written as JSON strings (any text is a safe literal key); `__proto__`, which a
 * literal would take as the prototype, is never passed (see {@link ValuesBuilder.build}).
 */
function literalMaker(keys: readonly string[]): Maker | undefined {
  const body = `return {${keys.map((k, i) => `${JSON.stringify(k)}: t[${i}]`).join(', ')}};`;
  try {
    return new Function('t', body) as Maker;
  } catch {
    return undefined;
  }
}

/** One per reading. */
export class ValuesBuilder {
  private template: Record<string, string> | undefined;
  private make: Maker | undefined;
  private names: readonly string[] = [];
  private layoutsLeft = LAYOUTS;

  /**
   * The values of one record: `names[i]` holds `texts[i]` (names distinct). `stable` tells that the names may
   * serve as the layout of the next records (the readers pass true when every name is a variable of either
   * edition).
   */
  build(names: readonly string[], texts: readonly string[], stable: boolean): Record<string, string> {
    const n = names.length;
    if (this.template !== undefined && n === this.names.length) {
      const layout = this.names;
      let same = true;
      for (let i = 0; i < n; i++) {
        if (names[i] !== layout[i]) {
          same = false;
          break;
        }
      }
      if (same) {
        if (this.make !== undefined) return this.make(texts);
        const values = { ...this.template };
        for (let i = 0; i < n; i++) values[names[i]!] = texts[i]!;
        return values;
      }
    }
    const values: Record<string, string> = {};
    for (let i = 0; i < n; i++) values[names[i]!] = texts[i]!;
    if (stable && this.layoutsLeft > 0 && !names.includes('__proto__')) {
      this.layoutsLeft--;
      this.template = JSON.parse(JSON.stringify(values)) as Record<string, string>;
      this.names = names.slice();
      this.make = literalMaker(names);
    }
    return values;
  }
}
