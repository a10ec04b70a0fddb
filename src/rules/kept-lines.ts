/**
 * Lines that young-person rules keep until the end of a run (the ends and renewals of OL16-YP-010…012, the ends
 * still without an opening of OL16-YP-004), as numbers in typed columns rather than one object per line.
 *
 * What a kept line costs, in bytes (pages of 16,384 lines allocated as written, never a copy on growth):
 *
 * - its reference for a finding (`RecordRef`), 24: `index` 4 and `line` 4 (whole 32-bit numbers; any other number,
 *   and a missing line, kept aside exactly), the young person's number (`RecordContext.person`) 4, DATDECPE 4 and
 *   DATDEB 4 as numbers of distinct texts, TYPEV, CODEV, DECISION, NATPDECADM and NATDECASSED 4 as the number of
 *   their distinct combination. The pseudonym is the engine's (`RecordContext.pseudonymOf`: the run's young people
 *   are numbered once, their pseudonyms kept as 160 bits), and the record key of fingerprints (`recordKey`) is
 *   rebuilt only for a line that gives a finding;
 * - 4 per word a rule adds (its own numbers, or texts as numbers of a `TextPool`);
 * - each distinct text once.
 *
 * A 1,000,000-line file kept whole by the three rules on ends and renewals (40 bytes a line) holds ~40 MB here,
 * where the objects it replaced (an object per line with its reference, keys and strings) held ~650 MB.
 *
 * Guarded by test/rules/kept-lines.test.ts (differential property: the same findings as the plain object-based
 * rules kept in test/rules/reference-guide-lines.ts) and the golden findings.
 *
 * @module
 */
import { TextPool } from '../_lib/text-pool.js';
import type { EditionId } from '../nomenclature/index.js';
import { RECORD_KEY_VARIABLES, recordKey } from './messages.js';
import { editionLayout } from './row.js';
import { TextListPool } from './text-lists.js';
import type { RecordContext, RecordRef, RecordValues } from './types.js';

const PAGE_BITS = 14;
const PAGE = 1 << PAGE_BITS;
const PAGE_MASK = PAGE - 1;

/** A cell whose number is kept aside (not a whole 32-bit number, or one of the two marks). */
const ASIDE = -2147483648;
/** A line that has no line number. */
const NO_LINE = -2147483647;

/** The variables of {@link recordKey} but NUMANONYM and the two dates, kept as one combination. */
const KEY_CODES = RECORD_KEY_VARIABLES.filter((v) => v !== 'NUMANONYM' && v !== 'DATDECPE' && v !== 'DATDEB');

/** Positions of a kept line's words. */
const INDEX = 0;
const LINE = 1;
const PERSON = 2;
const DATDECPE = 3;
const DATDEB = 4;
const CODES = 5;
const REF_WORDS = 6;

/**
 * Lines kept for a whole run: each line's reference (see the module) and `extra` whole 32-bit words of a rule's
 * own, numbered in the order added (0, 1, 2…).
 *
 * @example
 * const kept = new KeptLines(1);
 * // in a cross rule's observe(state, ctx, ref):
 * //   const n = kept.add(ctx, ref); kept.set(n, 0, someNumber);
 * // in its finish: { at: kept.ref(n), … }
 */
export class KeptLines {
  /** DATDECPE and DATDEB (and any text a rule adds through {@link text}) as numbers. */
  readonly texts = new TextPool();
  /**
   * The last text numbered (our copy) and its number, given again without a lookup: a young person's lines often
   * repeat a date (kept here rather than in the pool: the analysis' pools, which see a different variable at each
   * call, measured it as a cost).
   */
  private lastText: string | undefined;
  private lastTextNumber = -1;
  private readonly codes = new TextListPool();
  /** The run's pseudonyms by young person's number (`RecordContext.pseudonymOf`, the engine's). */
  private pseudonymOf: RecordContext['pseudonymOf'] | undefined;
  private readonly pages: Int32Array[] = [];
  private readonly width: number;
  private readonly indexAside = new Map<number, number>();
  private readonly lineAside = new Map<number, number>();
  private readonly codeParts: string[] = KEY_CODES.map(() => '');
  /**
   * Row positions of {@link KEY_CODES} in the edition of the lines (-1 for a name it has not, read from the record),
   * read from the row rather than as `values[name]`, a keyed load by a different name each time (V8's slow one).
   */
  private codeAt: Int32Array | undefined;
  private codeEdition: EditionId | undefined;
  size = 0;

  constructor(extra: number) {
    this.width = REF_WORDS + extra;
  }

  /** Keeps a line of a young person (`ctx.person` ≥ 0) and returns its number. */
  add(ctx: RecordContext, ref: RecordRef): number {
    const n = this.size++;
    const p = n >>> PAGE_BITS;
    if (p === this.pages.length) this.pages.push(new Int32Array(PAGE * this.width));
    const page = this.pages[p]!;
    const at = (n & PAGE_MASK) * this.width;
    const values = ctx.values;
    page[at + INDEX] = this.whole(ref.index, n, this.indexAside);
    page[at + LINE] = ref.line === undefined ? NO_LINE : this.whole(ref.line, n, this.lineAside);
    const person = ctx.person;
    page[at + PERSON] = person;
    this.pseudonymOf ??= ctx.pseudonymOf;
    page[at + DATDECPE] = this.textNumber(values.DATDECPE ?? '');
    page[at + DATDEB] = this.textNumber(values.DATDEB ?? '');
    const parts = this.codeParts;
    if (ctx.edition !== this.codeEdition) {
      const index = editionLayout(ctx.edition).index;
      this.codeAt = Int32Array.from(KEY_CODES, (name) => index.get(name) ?? -1);
      this.codeEdition = ctx.edition;
    }
    // As `values[name] ?? ''`: the row holds `values[name]`, or for an absent variable undefined or '' (Columns.read).
    const row = ctx.row;
    const codeAt = this.codeAt!;
    for (let k = 0; k < KEY_CODES.length; k++) {
      const i = codeAt[k]!;
      parts[k] = (i >= 0 ? row[i] : values[KEY_CODES[k]!]) ?? '';
    }
    page[at + CODES] = this.codes.intern(parts);
    return n;
  }

  private textNumber(text: string): number {
    if (text === this.lastText) return this.lastTextNumber;
    const n = this.texts.intern(text);
    this.lastText = this.texts.get(n);
    this.lastTextNumber = n;
    return n;
  }

  private whole(value: number, n: number, aside: Map<number, number>): number {
    if ((value | 0) === value && value !== ASIDE && value !== NO_LINE && !Object.is(value, -0)) return value;
    aside.set(n, value);
    return ASIDE;
  }

  private cell(n: number, word: number): number {
    return this.pages[n >>> PAGE_BITS]![(n & PAGE_MASK) * this.width + word]!;
  }

  /** Sets word k of a rule's own words of line n. */
  set(n: number, k: number, value: number): void {
    this.pages[n >>> PAGE_BITS]![(n & PAGE_MASK) * this.width + REF_WORDS + k] = value;
  }

  /** Word k of a rule's own words of line n. */
  get(n: number, k: number): number {
    return this.cell(n, REF_WORDS + k);
  }

  /** The numbers of line n's DATDECPE and DATDEB in {@link texts}. */
  decisionDate(n: number): number {
    return this.cell(n, DATDECPE);
  }
  startDate(n: number): number {
    return this.cell(n, DATDEB);
  }

  /** Line n's place: `placeOf` of its reference. */
  place(n: number): number {
    const line = this.cell(n, LINE);
    if (line === NO_LINE) return -(this.index(n) + 1);
    return line === ASIDE ? this.lineAside.get(n)! : line;
  }

  private index(n: number): number {
    const index = this.cell(n, INDEX);
    return index === ASIDE ? this.indexAside.get(n)! : index;
  }

  /** Line n's reference, as the engine gave it (its key rebuilt as `recordKey` built it). */
  ref(n: number): RecordRef {
    const numanonym = this.pseudonymOf!(this.cell(n, PERSON))!;
    const line = this.cell(n, LINE);
    const codes = this.codes.parts(this.cell(n, CODES));
    const values: Record<string, string> = {
      NUMANONYM: numanonym,
      DATDECPE: this.texts.get(this.cell(n, DATDECPE)),
      DATDEB: this.texts.get(this.cell(n, DATDEB)),
    };
    for (let k = 0; k < KEY_CODES.length; k++) values[KEY_CODES[k]!] = codes[k]!;
    return {
      index: this.index(n),
      line: line === NO_LINE ? undefined : line === ASIDE ? this.lineAside.get(n)! : line,
      numanonym,
      key: recordKey(values as RecordValues),
    };
  }
}
