/**
 * The linkage of an export (young people, measures, what could not be linked) in bounded memory, whatever the
 * number of files and events.
 *
 * Design (see docs/guides/parquet.md, "Mémoire bornée"):
 *
 * 1. While the files are read, every event leaves in DuckDB (table `link_stage`) the few values the linkage
 *    reads, already trimmed as the analysis' {@link RecordTable} trims them. Nothing is kept in JavaScript but
 *    per-file counters.
 * 2. Young people are the connected components of the pseudonyms (a line joins its NUMANONYM with its
 *    NUMANONYMANT), computed in SQL by label propagation with pointer jumping until nothing changes: the same
 *    components as the analysis' union-find. Young people are numbered in the order of their first line, as the
 *    analysis numbers them. DuckDB runs these joins and sorts within `memory_limit`, spilling to
 *    `temp_directory`.
 * 3. The lines are then read back from DuckDB sorted by young person and line, in batches of whole young people
 *    (about {@link BATCH_LINES} lines), and each batch is linked by the analysis' own {@link linkTable} with the
 *    files' window given: a young person's measures depend only on that young person's lines and on the window,
 *    so the measures, flags and quality lists are the analysis' own, and their ids follow from the batch
 *    offsets. JavaScript holds one batch at a time (plus the longest history of one young person). One detail
 *    of the whole files matters beyond the window: the analysis orders a young person's lines by the pool id of
 *    their TYPEV first, so every batch's pool receives the TYPEV values first, in the whole files' order.
 * 4. The results go back to DuckDB through appenders on a second connection (tables `event_links_t`,
 *    `people_t`, `measures_t`, `quality_stage`); the lines without NUMANONYM and the lines with a partial date
 *    are listed in SQL. `test/export/linkage.test.ts` proves the tables equal the in-process analysis'.
 */
import type { DuckDBConnection } from '@duckdb/node-api';
import { openSink, type RowSink } from './chunks.js';
import {
  DANGER_VARIABLES,
  KINDS,
  MeasureFlag,
  NATURE_GROUPS,
  NO_DAY,
  PersonFlag,
  RecordTable,
  SMALL_COLUMNS,
  linkTable,
  type RecordLike,
  type Trajectories,
} from '../analysis/index.js';
import { sqlName } from './duckdb.js';

/** Lines linked together in one batch (whole young people: a batch ends at the first young person past it). */
export const BATCH_LINES = 50_000;

/** The columns of `link_stage`, in order, after row_id, link_file, line. */
export const LINK_TEXT_COLUMNS = ['k_a', 'k_b', ...SMALL_COLUMNS, 'AUTREDA', 'AUTREDJ'] as const;

/** DDL of the staging table of the linkage. */
export function linkStageDdl(): string {
  return `CREATE TABLE link_stage (row_id INTEGER, link_file INTEGER, line INTEGER, ${LINK_TEXT_COLUMNS.map((c) => `${sqlName(c)} VARCHAR`).join(', ')}, danger UINTEGER, approximate BOOLEAN)`;
}

/** Order of the categories of the quality table (the analysis' order); `unlinked` lists lines without NUMANONYM first. */
const QUALITY_LINE_CATEGORIES = [
  'endsWithoutOpening',
  'endsBeforeWindow',
  'renewalsWithoutOpening',
  'renewalsBeforeWindow',
  'conflictingEnds',
  'looseEnds',
  'repeatedLines',
  'periodsWithoutEnd',
] as const;
const RANK = {
  openNeverClosed: 8,
  notStarted: 9,
  conflictingIdentities: 10,
  unlinkedNoNumanonym: 11,
  unlinkedOther: 12,
  approximateDates: 13,
} as const;

const DANGER_CODE = [null, '1', '2', '9'] as const;
const DANGER_TEXT = ['', '1', '2', '9'] as const;

function appendText(a: RowSink, v: string | null | undefined): void {
  if (v === null || v === undefined || v === '') a.appendNull();
  else a.appendVarchar(v);
}
function appendInt(a: RowSink, v: number | null): void {
  if (v === null) a.appendNull();
  else a.appendInteger(v);
}

/** Progress of the linkage: young people linked so far, of how many. */
export type LinkageProgress = (people: number, total: number) => void;

/** What the linkage gives the rest of the export. */
export interface LinkageSummary {
  people: number;
  measures: number;
}

/**
 * Links the lines of `link_stage` (see the module comment) and fills `event_links_t`, `people_t`, `measures_t`,
 * `pseudonyms_t` and `quality_t`. `c` runs the queries; `w` (a second connection to the same database) appends.
 */
export async function linkInDuckDB(
  duck: typeof import('@duckdb/node-api'),
  c: DuckDBConnection,
  w: DuckDBConnection,
  fileLabels: readonly string[],
  typevOrder: readonly string[],
  window: { firstYear: number; lastYear: number },
  DateValue: new (days: number) => import('@duckdb/node-api').DuckDBDateValue,
  batchLines: number,
  onProgress?: LinkageProgress,
): Promise<LinkageSummary> {
  // Pseudonyms, numbered in the order they first appear (NUMANONYM before NUMANONYMANT on a line).
  await c.run(`CREATE TABLE pid AS
    SELECT k, CAST(ROW_NUMBER() OVER (ORDER BY pos) AS INTEGER) AS id FROM (
      SELECT k, MIN(pos) AS pos FROM (
        SELECT k_a AS k, 2 * CAST(row_id AS BIGINT) AS pos FROM link_stage WHERE k_a IS NOT NULL
        UNION ALL SELECT k_b, 2 * CAST(row_id AS BIGINT) + 1 FROM link_stage WHERE k_b IS NOT NULL
      ) GROUP BY k)`);
  await c.run(`CREATE TABLE line_ids AS
    SELECT s.row_id, a.id AS a_id, b.id AS b_id FROM link_stage s JOIN pid a ON a.k = s.k_a LEFT JOIN pid b ON b.k = s.k_b`);
  // Connected components: every pseudonym of a component ends labelled with the component's smallest id.
  await c.run(`CREATE TABLE adj AS
    SELECT a_id AS x, b_id AS y FROM line_ids WHERE b_id IS NOT NULL AND a_id <> b_id
    UNION SELECT b_id, a_id FROM line_ids WHERE b_id IS NOT NULL AND a_id <> b_id`);
  await c.run('CREATE TABLE lab AS SELECT x AS v, LEAST(x, MIN(y)) AS l FROM adj GROUP BY x');
  for (;;) {
    await c.run(`CREATE OR REPLACE TABLE lab_next AS
      SELECT o.v, LEAST(o.l, COALESCE(n.l, o.l), COALESCE(j.l, o.l)) AS l
      FROM lab o
      LEFT JOIN (SELECT a.x AS v, MIN(m.l) AS l FROM adj a JOIN lab m ON m.v = a.y GROUP BY a.x) n ON n.v = o.v
      LEFT JOIN lab j ON j.v = o.l`);
    const changed = await c.runAndReadAll(
      'SELECT COUNT(*) AS n FROM lab_next JOIN lab USING (v) WHERE lab_next.l <> lab.l',
    );
    await c.run('DROP TABLE lab');
    await c.run('ALTER TABLE lab_next RENAME TO lab');
    if (Number(changed.getRowObjectsJS()[0]!.n) === 0) break;
  }
  await c.run(
    `CREATE TABLE line_comp AS SELECT i.row_id, i.a_id, i.b_id, COALESCE(l.l, i.a_id) AS comp FROM line_ids i LEFT JOIN lab l ON l.v = i.a_id`,
  );
  await c.run(`CREATE TABLE comp_person AS
    SELECT comp, CAST(ROW_NUMBER() OVER (ORDER BY first_row) - 1 AS INTEGER) AS person_id
    FROM (SELECT comp, MIN(row_id) AS first_row FROM line_comp GROUP BY comp)`);
  const total = Number((await c.runAndReadAll('SELECT COUNT(*) AS n FROM comp_person')).getRowObjectsJS()[0]!.n);

  // Every pseudonym and its young person (the analysis maps the NUMANONYM and NUMANONYMANT of linked lines).
  await c.run(`CREATE TABLE pseudonyms_t AS
    SELECT p.k AS numanonym, x.person_id FROM (
      SELECT DISTINCT id, person_id FROM (
        SELECT l.a_id AS id, cp.person_id FROM line_comp l JOIN comp_person cp USING (comp)
        UNION ALL SELECT l.b_id, cp.person_id FROM line_comp l JOIN comp_person cp USING (comp) WHERE l.b_id IS NOT NULL)
    ) x JOIN pid p ON p.id = x.id ORDER BY p.id`);

  await w.run('CREATE TABLE event_links_t (row_id INTEGER, person_id INTEGER, measure_id INTEGER)');
  await w.run(
    'CREATE TABLE people_t (person_id INTEGER, sex VARCHAR, birth_year INTEGER, birth_month INTEGER, conflict_sex BOOLEAN, conflict_birth BOOLEAN, measures INTEGER, lines INTEGER, first_measure_id INTEGER)',
  );
  const dangerCols = DANGER_VARIABLES.map((v) => `${sqlName(`danger_${v}`)} VARCHAR`).join(', ');
  await w.run(`CREATE TABLE measures_t (measure_id INTEGER, person_id INTEGER, rank INTEGER, kind VARCHAR, nature_group VARCHAR, nature_code VARCHAR,
     decision_date DATE, start_date DATE, end_date DATE, decision_day INTEGER, start_day INTEGER, end_day INTEGER,
     renewals INTEGER, lines INTEGER, opening_missing BOOLEAN, before_window BOOLEAN, approximate BOOLEAN, loose_end BOOLEAN,
     not_started BOOLEAN, implicit_period_end BOOLEAN, end_date_unknown BOOLEAN, end_reason VARCHAR, end_reason_ml VARCHAR,
     ${dangerCols}, first_file VARCHAR, first_line INTEGER, end_file VARCHAR, end_line INTEGER)`);
  await w.run(
    'CREATE TABLE quality_stage (rank INTEGER, seq BIGINT, category VARCHAR, file VARCHAR, line INTEGER, person_id INTEGER, measure_id INTEGER, reason VARCHAR)',
  );
  const out = {
    links: await openSink(duck, w, 'event_links_t'),
    people: await openSink(duck, w, 'people_t'),
    measures: await openSink(duck, w, 'measures_t'),
    quality: await openSink(duck, w, 'quality_stage'),
    date: DateValue,
    seq: 0,
  };

  const cols = LINK_TEXT_COLUMNS.slice(2).map((col) => `s.${sqlName(col)}`);
  const result =
    await c.stream(`SELECT cp.person_id, s.row_id, s.link_file, s.line, l.a_id, l.b_id, ${cols.join(', ')}, s.danger
    FROM link_stage s JOIN line_comp l USING (row_id) JOIN comp_person cp USING (comp)
    ORDER BY cp.person_id, s.row_id`);
  let batch: unknown[][] = [];
  let personBase = 0;
  let measureBase = 0;
  const flush = (): void => {
    if (batch.length === 0) return;
    const n = linkBatch(batch, fileLabels, typevOrder, window, personBase, measureBase, out);
    personBase += n.people;
    measureBase += n.measures;
    batch = [];
    onProgress?.(personBase, total);
  };
  for await (const rows of result.yieldRowsJs()) {
    for (const row of rows) {
      if (batch.length >= batchLines && row[0] !== batch[batch.length - 1]![0]) flush();
      batch.push(row as unknown[]);
    }
  }
  flush();
  if (personBase !== total)
    throw new Error(`rattachement incohérent : ${personBase} jeunes liés sur ${total} (linkage mismatch)`);

  // Lines without NUMANONYM, and lines with a partial date, as the analysis lists them (line order).
  for (const [rank, category, where, reason] of [
    [RANK.unlinkedNoNumanonym, 'unlinked', 's.k_a IS NULL', "'no-numanonym'"],
    [RANK.approximateDates, 'approximateDates', 's.approximate', 'NULL'],
  ] as const) {
    for (const a of [out.links, out.people, out.measures, out.quality]) a.flushSync();
    await w.run(`INSERT INTO quality_stage
      SELECT ${rank}, s.row_id, '${category}', f.file, s.line, l.person_id, l.measure_id, ${reason}
      FROM link_stage s JOIN link_files_t f ON f.link_file = s.link_file LEFT JOIN event_links_t l ON l.row_id = s.row_id
      WHERE ${where}`);
  }
  for (const a of [out.links, out.people, out.measures, out.quality]) a.closeSync();
  return { people: personBase, measures: measureBase };
}

interface Outputs {
  links: RowSink;
  people: RowSink;
  measures: RowSink;
  quality: RowSink;
  date: new (days: number) => import('@duckdb/node-api').DuckDBDateValue;
  seq: number;
}

/** Links one batch of whole young people and appends its rows; returns how many young people and measures. */
function linkBatch(
  rows: unknown[][],
  fileLabels: readonly string[],
  typevOrder: readonly string[],
  window: { firstYear: number; lastYear: number },
  personBase: number,
  measureBase: number,
  out: Outputs,
): { people: number; measures: number } {
  const table = new RecordTable(rows.length);
  // Every file label first, so that file indices (a tie-break of the analysis' line order) are the global ones.
  for (const label of fileLabels) table.fileId(label);
  // The TYPEV values first, in the order of the whole files' pool (the analysis orders lines by their pool id).
  for (const v of typevOrder) table.small.intern(v);
  const globalRow = new Int32Array(rows.length);
  const texts = LINK_TEXT_COLUMNS.slice(2);
  rows.forEach((row, i) => {
    const values: Record<string, string> = { NUMANONYM: String(row[4]) };
    if (row[5] !== null) values.NUMANONYMANT = String(row[5]);
    for (let k = 0; k < texts.length; k++) {
      const v = row[6 + k];
      if (v !== null) values[texts[k]!] = v as string;
    }
    const danger = row[6 + texts.length] as number;
    for (let k = 0; k < DANGER_VARIABLES.length; k++) {
      const bits = (danger >>> (2 * k)) & 3;
      if (bits) values[DANGER_VARIABLES[k]!] = DANGER_TEXT[bits]!;
    }
    globalRow[i] = row[1] as number;
    table.add(values as RecordLike, fileLabels[row[2] as number], row[3] as number);
  });
  const t = linkTable(table, { window });
  const persons = new Set(rows.map((r) => r[0])).size;
  if (t.people.length !== persons)
    throw new Error(`rattachement incohérent : ${t.people.length} jeunes pour ${persons} (linkage mismatch)`);
  appendBatch(t, globalRow, personBase, measureBase, out);
  return { people: t.people.length, measures: t.measures.length };
}

function appendBatch(
  t: Trajectories,
  globalRow: Int32Array,
  personBase: number,
  measureBase: number,
  out: Outputs,
): void {
  const { people: P, measures: M, table } = t;
  const date = (a: RowSink, day: number): void => {
    if (day === NO_DAY) a.appendNull();
    else a.appendDate(new out.date(day));
  };
  const dayInt = (a: RowSink, day: number): void => appendInt(a, day === NO_DAY ? null : day);
  const file = (r: number): string => table.files[table.file[r]!] ?? '';

  const links = out.links;
  for (let i = 0; i < table.length; i++) {
    links.appendInteger(globalRow[i]!);
    links.appendInteger(personBase + t.linePerson[i]!);
    appendInt(links, t.lineMeasure[i]! >= 0 ? measureBase + t.lineMeasure[i]! : null);
    links.endRow();
  }

  const a = out.people;
  for (let p = 0; p < P.length; p++) {
    a.appendInteger(personBase + p);
    a.appendVarchar(String(P.sex[p]!));
    appendInt(a, P.birthYear[p]! || null);
    appendInt(a, P.birthMonth[p]! || null);
    a.appendBoolean((P.flags[p]! & PersonFlag.CONFLICT_SEX) !== 0);
    a.appendBoolean((P.flags[p]! & PersonFlag.CONFLICT_BIRTH) !== 0);
    a.appendInteger(P.measureStart[p + 1]! - P.measureStart[p]!);
    a.appendInteger(P.lineStart[p + 1]! - P.lineStart[p]!);
    appendInt(a, P.measureStart[p + 1]! > P.measureStart[p]! ? measureBase + P.measureStart[p]! : null);
    a.endRow();
  }

  const m = out.measures;
  const flag = (k: number, f: number): boolean => (M.flags[k]! & f) !== 0;
  for (let p = 0; p < P.length; p++) {
    for (let k = P.measureStart[p]!; k < P.measureStart[p + 1]!; k++) {
      m.appendInteger(measureBase + k);
      m.appendInteger(personBase + p);
      m.appendInteger(k - P.measureStart[p]! + 1);
      m.appendVarchar(KINDS[M.kind[k]!]!);
      m.appendVarchar(NATURE_GROUPS[M.group[k]!]!.id);
      appendText(m, table.small.get(M.nature[k]!));
      date(m, M.decision[k]!);
      date(m, M.start[k]!);
      date(m, M.end[k]!);
      dayInt(m, M.decision[k]!);
      dayInt(m, M.start[k]!);
      dayInt(m, M.end[k]!);
      m.appendInteger(M.renewals[k]!);
      m.appendInteger(M.lineCount[k]!);
      m.appendBoolean(flag(k, MeasureFlag.OPENING_MISSING));
      m.appendBoolean(flag(k, MeasureFlag.BEFORE_WINDOW));
      m.appendBoolean(flag(k, MeasureFlag.APPROXIMATE));
      m.appendBoolean(flag(k, MeasureFlag.LOOSE_END));
      m.appendBoolean(flag(k, MeasureFlag.NOT_STARTED));
      m.appendBoolean(flag(k, MeasureFlag.IMPLICIT_PERIOD_END));
      m.appendBoolean(flag(k, MeasureFlag.END_DATE_UNKNOWN));
      appendText(m, M.endReason[k]! ? String(M.endReason[k]) : null);
      appendText(m, M.endReasonMl[k]! ? String(M.endReasonMl[k]) : null);
      for (let d = 0; d < DANGER_VARIABLES.length; d++) appendText(m, DANGER_CODE[(M.danger[k]! >>> (2 * d)) & 3]);
      const first = M.firstLine[k]!;
      m.appendVarchar(file(first));
      m.appendInteger(table.line[first]!);
      const end = M.endLine[k]!;
      appendText(m, end >= 0 ? file(end) : null);
      appendInt(m, end >= 0 ? table.line[end]! : null);
      m.endRow();
    }
  }

  const q = out.quality;
  const row = (
    rank: number,
    category: string,
    r: number,
    measure: number | null,
    person: number | null,
    reason: string | null = null,
  ): void => {
    q.appendInteger(rank);
    q.appendBigInt(BigInt(out.seq++));
    q.appendVarchar(category);
    q.appendVarchar(file(r));
    q.appendInteger(table.line[r]!);
    appendInt(q, personBase + (person ?? t.linePerson[r]!));
    const lm = measure ?? t.lineMeasure[r]!;
    appendInt(q, lm >= 0 ? measureBase + lm : null);
    appendText(q, reason);
    q.endRow();
  };
  const Q = t.quality;
  QUALITY_LINE_CATEGORIES.forEach((k, rank) => {
    for (const r of Q[k]) row(rank, k, r, null, null);
  });
  for (const k of ['openNeverClosed', 'notStarted'] as const)
    for (const x of Q[k]) row(RANK[k], k, M.firstLine[x]!, x, M.person[x]!);
  for (const p of Q.conflictingIdentities)
    row(RANK.conflictingIdentities, 'conflictingIdentities', P.lineOrder[P.lineStart[p]!]!, null, p);
  // Lines without NUMANONYM never reach a batch; the others (TYPEV outside 1–3) are listed here.
  for (const u of Q.unlinked) row(RANK.unlinkedOther, 'unlinked', u.row, null, null, u.reason);
}

/** The final quality table: the analysis' order (category, then the order it lists them), numbered from 0. */
export const QUALITY_QUERY = `SELECT CAST(ROW_NUMBER() OVER (ORDER BY rank, seq) - 1 AS INTEGER) AS n, category, file, line, person_id, measure_id, reason
  FROM quality_stage ORDER BY rank, seq`;
