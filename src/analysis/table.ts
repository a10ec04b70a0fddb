/**
 * The columnar record table: the few variables the analysis needs, one typed array per variable, values
 * interned. About 60 bytes a line, whatever the width of the source record, so several million lines of a
 * national consolidation fit in a few hundred megabytes.
 */
import { grownTo } from './grow.js';
import { StringPool } from './intern.js';
import { capValue } from '../model/index.js';

/** A record as the analysis reads it: variable name → raw text ('' or absent = empty). */
export type RecordLike = Readonly<Record<string, string | undefined>>;

/** A record with where it came from (file label and line number), for located quality findings. */
export interface LocatedRecord {
  values: RecordLike;
  file?: string;
  line?: number;
}

/** Coded or dated variables stored as ids into the table's small pool (16 bits). */
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

const SMALL_LIMIT = 65_535;

/**
 * Columnar store of event lines. Add records with {@link RecordTable.add}; read with {@link RecordTable.small},
 * {@link RecordTable.str}.
 *
 * @example
 * const t = new RecordTable();
 * t.add({ NUMANONYM: 'a'.repeat(40), TYPEV: '1', DATDEB: '2018-03-01' }, 'f.xml', 1);
 * t.str('TYPEV', 0) // '1'
 */
export class RecordTable {
  /** Distinct codes and dates (16-bit ids). */
  readonly small = new StringPool();
  /** Distinct pseudonyms (NUMANONYM and NUMANONYMANT share this pool). */
  readonly ids = new StringPool();
  /** Distinct free-text labels. */
  readonly texts = new StringPool();
  /** File labels, by file index. */
  readonly files: string[] = [];
  private readonly fileIndex = new Map<string, number>();
  private capacity = 0;
  /** Number of lines. */
  length = 0;

  readonly cols = {} as Record<SmallColumn, Uint16Array>;
  readonly textCols = {} as Record<TextColumn, Int32Array>;
  numanonym = new Int32Array(0);
  numanonymant = new Int32Array(0);
  danger = new Uint32Array(0);
  file = new Uint16Array(0);
  /** The line in the file; for a record given without one, minus its position from 1 (see {@link where}). */
  line = new Int32Array(0);

  constructor(initialCapacity = 1024) {
    for (const c of SMALL_COLUMNS) this.cols[c] = new Uint16Array(0);
    for (const c of TEXT_COLUMNS) this.textCols[c] = new Int32Array(0);
    this.ensure(initialCapacity);
  }

  private ensure(n: number): void {
    if (n <= this.capacity) return;
    let size = Math.max(1024, this.capacity);
    while (size < n) size *= 2;
    for (const c of SMALL_COLUMNS) this.cols[c] = grownTo(this.cols[c], size);
    for (const c of TEXT_COLUMNS) this.textCols[c] = grownTo(this.textCols[c], size);
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
    const i = this.length;
    this.ensure(i + 1);
    for (const c of SMALL_COLUMNS) {
      const id = this.small.intern(values[c]?.trim());
      if (id > SMALL_LIMIT) {
        throw new RangeError(
          `trop de valeurs distinctes pour les codes et dates (plus de ${SMALL_LIMIT}) — ${c} = « ${capValue(values[c])} » (too many distinct code/date values)`,
        );
      }
      this.cols[c][i] = id;
    }
    for (const c of TEXT_COLUMNS) this.textCols[c][i] = this.texts.intern(values[c]?.trim());
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

  /** The raw text of a coded or dated variable on a row. */
  str(column: SmallColumn, row: number): string {
    return this.small.get(this.cols[column][row] ?? 0);
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

  /** Approximate bytes held by the columns (not counting the pools). */
  get columnBytes(): number {
    return this.capacity * (SMALL_COLUMNS.length * 2 + TEXT_COLUMNS.length * 4 + 4 + 4 + 4 + 2 + 4);
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
