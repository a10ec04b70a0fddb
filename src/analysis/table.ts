/**
 * The columnar record table: the few variables the analysis needs, one typed array per variable or group of
 * variables, values interned. Held per line (bytes): TYPEV, DATDECPE, DATDEB, DATFIN 2 each (small-pool ids);
 * the nature variables (DECISION, NATPDECADM, NATDECASSED, NATDECPLAC, TYPINTERDOM, TYPDECJUD, AUTREDA, AUTREDJ)
 * as one id of a pool of distinct combinations, 4; the other coded variables (NUMDEP, SEXE, ANAIS, MNAIS,
 * MOTFININT, MOTIFML) likewise, 4; the twelve danger variables packed, 4; NUMANONYM and NUMANONYMANT 4 each;
 * file 2 and line 4: 34 bytes a line (58 when each variable had its own column), plus up to a third more of
 * spare capacity while the table grows. Per distinct pseudonym (about one per young person, two after a
 * correction): about 30 bytes (`PseudonymPool`: 40 hexadecimal digits packed in 20 bytes, index and hash slots).
 * Per young person in `olinpe report`, the lines released before the indicators (see `releaseLines`): about 34
 * bytes a line plus 12 for the linkage's line maps, 30 for the pseudonym, and 39 a measure. So several million
 * lines of a national consolidation fit in a few hundred megabytes. Every value still goes through the small pool in the
 * same order as before, so ids (and the order of lines the linkage derives from them) do not depend on how they
 * are stored.
 */
import { grownTo } from './grow.js';
import { IdTuplePool, PseudonymPool, valuePool } from './intern.js';
import { capValue } from '../model/index.js';
import { NATURE_LINK_VARIABLES } from '../nomenclature/index.js';

/** A record as the analysis reads it: variable name → raw text ('' or absent = empty). */
export type RecordLike = Readonly<Record<string, string | undefined>>;

/** A record with where it came from (file label and line number), for located quality findings. */
export interface LocatedRecord {
  values: RecordLike;
  file?: string;
  line?: number;
}

/** Coded or dated variables interned into the table's small pool (16-bit ids), in this order. */
export const SMALL_COLUMNS = [
  'NUMDEP',
  'TYPEV',
  'SEXE',
  'ANAIS',
  'MNAIS',
  'DATDECPE',
  'DATDEB',
  'DATFIN',
  'DECISION',
  'NATPDECADM',
  'NATDECASSED',
  'NATDECPLAC',
  'TYPINTERDOM',
  'TYPDECJUD',
  'MOTFININT',
  'MOTIFML',
] as const;
export type SmallColumn = (typeof SMALL_COLUMNS)[number];

/** Free-text decision labels stored as ids into the text pool (32 bits). */
export const TEXT_COLUMNS = ['AUTREDA', 'AUTREDJ'] as const;
export type TextColumn = (typeof TEXT_COLUMNS)[number];

/** The small columns held one array each (the linkage reads them line by line). */
export const STORED_COLUMNS = ['TYPEV', 'DATDECPE', 'DATDEB', 'DATFIN'] as const;
export type StoredColumn = (typeof STORED_COLUMNS)[number];

/**
 * The nature variables (the nomenclature's NATURE_LINK_VARIABLES, G18 p. 6), held together as one id of
 * {@link RecordTable.natures}: two lines have the same nature exactly when they have the same id. Small-pool ids,
 * then the text-pool ids of the free-text labels.
 */
const NATURE_SMALL = NATURE_LINK_VARIABLES.filter((v): v is typeof v & SmallColumn =>
  (SMALL_COLUMNS as readonly string[]).includes(v),
);
const NATURE_TEXT = NATURE_LINK_VARIABLES.filter((v): v is typeof v & TextColumn =>
  (TEXT_COLUMNS as readonly string[]).includes(v),
);
const NATURE_PARTS: readonly string[] = [...NATURE_SMALL, ...NATURE_TEXT];

/** The other coded variables, held together as one id of {@link RecordTable.others}. */
const OTHER_PARTS = SMALL_COLUMNS.filter(
  (c) => !(STORED_COLUMNS as readonly string[]).includes(c) && !NATURE_PARTS.includes(c),
);

/** The nature-of-danger variables (67–78), packed two bits each (0 empty, 1 non, 2 oui, 3 ne sait pas). */
export const DANGER_VARIABLES = [
  'SANTE',
  'SECURITE',
  'MORALITE',
  'CONDEDUC',
  'CONDEDEV',
  'VIOLSEX',
  'VIOLPHYS',
  'NEGLIG',
  'VIOLPSY',
  'VIOLCONJ',
  'DANGER',
  'MINA',
] as const;

/** Where each small column is held: 0 its own array, 1 the nature tuple, 2 the other tuple; and its place there. */
const PLACE = new Map<string, [number, number]>([
  ...STORED_COLUMNS.map((c, k) => [c, [0, k]] as [string, [number, number]]),
  ...NATURE_PARTS.map((c, k) => [c, [1, k]] as [string, [number, number]]),
  ...OTHER_PARTS.map((c, k) => [c, [2, k]] as [string, [number, number]]),
]);
/** For each small column in SMALL_COLUMNS order, where it is held and its place there (see PLACE). */
const SMALL_WHERE = Int8Array.from(SMALL_COLUMNS, (c) => PLACE.get(c)![0]);
const SMALL_AT = Int8Array.from(SMALL_COLUMNS, (c) => PLACE.get(c)![1]);

const SMALL_LIMIT = 65_535;

/**
 * Columnar store of event lines. Add records with {@link RecordTable.add}; read with {@link RecordTable.id},
 * {@link RecordTable.str}.
 *
 * @example
 * const t = new RecordTable();
 * t.add({ NUMANONYM: 'a'.repeat(40), TYPEV: '1', DATDEB: '2018-03-01' }, 'f.xml', 1);
 * t.str('TYPEV', 0) // '1'
 */
export class RecordTable {
  /** Distinct codes and dates (16-bit ids). */
  readonly small = valuePool();
  /** Distinct pseudonyms (NUMANONYM and NUMANONYMANT share this pool). */
  readonly ids = new PseudonymPool();
  /** Distinct free-text labels. */
  readonly texts = valuePool();
  /** Distinct combinations of the nature variables (small ids, then the AUTREDA and AUTREDJ text ids). */
  readonly natures = new IdTuplePool(NATURE_PARTS.length);
  /** Distinct combinations of the other coded variables (NUMDEP, SEXE, ANAIS, MNAIS, MOTFININT, MOTIFML). */
  readonly others = new IdTuplePool(OTHER_PARTS.length);
  /** File labels, by file index. */
  readonly files: string[] = [];
  private readonly fileIndex = new Map<string, number>();
  private capacity = 0;
  /** Number of lines. */
  length = 0;

  /** TYPEV, DATDECPE, DATDEB, DATFIN: small-pool ids, one array each. */
  readonly cols = {} as Record<StoredColumn, Uint16Array>;
  /** The nature of each line: an id of {@link natures} (same id, same nature variables). */
  nature = new Int32Array(0);
  /** The other coded variables of each line: an id of {@link others}. */
  other = new Int32Array(0);
  numanonym = new Int32Array(0);
  numanonymant = new Int32Array(0);
  danger = new Uint32Array(0);
  file = new Uint16Array(0);
  /** The line in the file; for a record given without one, minus its position from 1 (see {@link where}). */
  line = new Int32Array(0);
  private readonly natureParts = new Int32Array(NATURE_PARTS.length);
  private readonly otherParts = new Int32Array(OTHER_PARTS.length);

  constructor(initialCapacity = 1024) {
    for (const c of STORED_COLUMNS) this.cols[c] = new Uint16Array(0);
    this.ensure(initialCapacity);
  }

  private ensure(n: number): void {
    if (n <= this.capacity) return;
    // Grows by half (not double): less spare capacity held, and a smaller peak while old and new arrays coexist.
    let size = Math.max(1024, this.capacity);
    while (size < n) size = Math.ceil(size * 1.5);
    for (const c of STORED_COLUMNS) this.cols[c] = grownTo(this.cols[c], size);
    this.nature = grownTo(this.nature, size);
    this.other = grownTo(this.other, size);
    this.numanonym = grownTo(this.numanonym, size);
    this.numanonymant = grownTo(this.numanonymant, size);
    this.danger = grownTo(this.danger, size);
    this.file = grownTo(this.file, size);
    this.line = grownTo(this.line, size);
    this.capacity = size;
  }

  /** The index of a file label, added when new. */
  fileId(label: string): number {
    let id = this.fileIndex.get(label);
    if (id === undefined) {
      id = this.files.length;
      this.files.push(label);
      this.fileIndex.set(label, id);
    }
    return id;
  }

  /**
   * Appends one record; returns its row index.
   *
   * @example
   * new RecordTable().add({ TYPEV: '3' }) // 0
   */
  add(values: RecordLike, file = '', line = 0): number {
    if (this.capacity === Number.POSITIVE_INFINITY) throw new Error('RecordTable.add: the table was released');
    const i = this.length;
    this.ensure(i + 1);
    const natureParts = this.natureParts;
    const otherParts = this.otherParts;
    for (let k = 0; k < SMALL_COLUMNS.length; k++) {
      const c = SMALL_COLUMNS[k]!;
      // Empty or absent is id 0 (valuePool) without a lookup: most variables of a line are empty.
      const v = values[c]?.trim();
      const id = v ? this.small.intern(v) : 0;
      if (id > SMALL_LIMIT) {
        throw new RangeError(
          `trop de valeurs distinctes pour les codes et dates (plus de ${SMALL_LIMIT}) — ${c} = « ${capValue(values[c])} » (too many distinct code/date values)`,
        );
      }
      const where = SMALL_WHERE[k]!;
      if (where === 0) this.cols[c as StoredColumn][i] = id;
      else if (where === 1) natureParts[SMALL_AT[k]!] = id;
      else otherParts[SMALL_AT[k]!] = id;
    }
    // The free-text labels after every code, in TEXT_COLUMNS order, as they always were.
    for (const c of TEXT_COLUMNS) {
      const v = values[c]?.trim();
      const id = v ? this.texts.intern(v) : 0;
      const place = PLACE.get(c);
      if (place) natureParts[place[1]] = id;
    }
    this.nature[i] = this.natures.intern(natureParts);
    this.other[i] = this.others.intern(otherParts);
    this.numanonym[i] = this.ids.intern(values.NUMANONYM?.trim().toLowerCase());
    this.numanonymant[i] = this.ids.intern(values.NUMANONYMANT?.trim().toLowerCase());
    let packed = 0;
    for (let k = 0; k < DANGER_VARIABLES.length; k++) {
      const v = values[DANGER_VARIABLES[k]!];
      const bits = v === '1' ? 1 : v === '2' ? 2 : v === '9' ? 3 : 0;
      packed |= bits << (2 * k);
    }
    this.danger[i] = packed >>> 0;
    this.file[i] = this.fileId(file);
    this.line[i] = line || -(i + 1);
    this.length = i + 1;
    return i;
  }

  /** The small-pool id of a coded or dated variable on a row. */
  id(column: SmallColumn, row: number): number {
    const [where, at] = PLACE.get(column)!;
    if (where === 0) return this.cols[column as StoredColumn][row] ?? 0;
    if (where === 1) return this.natures.at(this.nature[row] ?? 0, at);
    return this.others.at(this.other[row] ?? 0, at);
  }

  /** The text-pool id of a free-text label on a row. */
  textId(column: TextColumn, row: number): number {
    const place = PLACE.get(column);
    return place ? this.natures.at(this.nature[row] ?? 0, place[1]) : 0;
  }

  /** The raw text of a coded or dated variable on a row. */
  str(column: SmallColumn, row: number): string {
    return this.small.get(this.id(column, row));
  }

  /** The raw text of a free-text label on a row. */
  text(column: TextColumn, row: number): string {
    return this.texts.get(this.textId(column, row));
  }

  /** The danger code (0 empty, 1 non, 2 oui, 3 ne sait pas) of danger variable k on a row. */
  dangerBits(row: number, k: number): number {
    return ((this.danger[row] ?? 0) >>> (2 * k)) & 3;
  }

  /**
   * Where a row came from: `file:line` (or `ligne N`) for a line of a file; a record given without a line is
   * `file#N` (or `enregistrement N`), N its position from 1, never called a line.
   */
  where(row: number): string {
    const f = this.files[this.file[row] ?? 0] ?? '';
    const line = this.line[row] ?? 0;
    if (line < 0) return f ? `${f}#${-line}` : `enregistrement ${-line}`;
    return f ? `${f}:${line}` : `ligne ${line}`;
  }

  /**
   * Lets go of every line's data (columns and pseudonyms), keeping the number of lines, the file labels and the
   * code pools: for a caller that has taken what it needs from the lines (the CLI's report, once linked and its
   * quality examples located, computes the indicators from the people and measures only). Adding lines after
   * it is an error; {@link where} and the column readers then answer for no line.
   */
  release(): void {
    this.releasePseudonyms();
    this.releaseValues();
    this.file = new Uint16Array(0);
    this.line = new Int32Array(0);
  }

  /**
   * Lets go of the pseudonyms (NUMANONYM, NUMANONYMANT and their pool): what a linkage that consumes the table
   * does once it has grouped the lines into young people (see `BuildOptions.consume`). Adding lines after it is
   * an error.
   */
  releasePseudonyms(): void {
    this.numanonym = new Int32Array(0);
    this.numanonymant = new Int32Array(0);
    this.ids.release();
    this.capacity = Number.POSITIVE_INFINITY;
  }

  /**
   * Lets go of every line's values but where it came from ({@link where} still answers): what a linkage that
   * consumes the table does once it has built the measures (see `BuildOptions.consume`). Adding lines after it is
   * an error.
   */
  releaseValues(): void {
    for (const c of STORED_COLUMNS) this.cols[c] = new Uint16Array(0);
    this.nature = new Int32Array(0);
    this.other = new Int32Array(0);
    this.danger = new Uint32Array(0);
    this.capacity = Number.POSITIVE_INFINITY;
  }

  /** Approximate bytes held by the columns (not counting the pools). */
  get columnBytes(): number {
    return this.nature.length * (STORED_COLUMNS.length * 2 + 4 + 4 + 4 + 4 + 4 + 2 + 4);
  }
}

function isLocated(item: RecordLike | LocatedRecord): item is LocatedRecord {
  const v = (item as { values?: unknown }).values;
  return typeof v === 'object' && v !== null;
}

/** One source of records: an iterable or async iterable, optionally labelled with its file name. */
export type RecordSource =
  | Iterable<RecordLike | LocatedRecord>
  | AsyncIterable<RecordLike | LocatedRecord>
  | { file: string; records: Iterable<RecordLike | LocatedRecord> | AsyncIterable<RecordLike | LocatedRecord> };

/**
 * Appends every record of a source to a table (streams: one record at a time, nothing else kept).
 *
 * @example
 * const t = new RecordTable();
 * await addSource(t, { file: 'a.xml', records: [{ TYPEV: '1' }] });
 * t.length // 1
 */
export async function addSource(table: RecordTable, source: RecordSource, defaultFile = ''): Promise<void> {
  let file = defaultFile;
  let items: Iterable<RecordLike | LocatedRecord> | AsyncIterable<RecordLike | LocatedRecord>;
  if ('records' in source && 'file' in source && typeof (source as { file: unknown }).file === 'string') {
    file = source.file;
    items = source.records;
  } else {
    items = source as Iterable<RecordLike | LocatedRecord>;
  }
  table.fileId(file);
  let n = 0;
  const take = (item: RecordLike | LocatedRecord): void => {
    n++;
    if (isLocated(item)) table.add(item.values, item.file ?? file, item.line ?? -n);
    else table.add(item, file, -n);
  };
  if (Symbol.asyncIterator in items) {
    for await (const item of items as AsyncIterable<RecordLike | LocatedRecord>) take(item);
  } else {
    for (const item of items as Iterable<RecordLike | LocatedRecord>) take(item);
  }
}
