/**
 * The edition of a whole file, decided by its records (VERSIONXSD is only a hint): what the rules, the audit,
 * the converter and the analysis use. The reader detects the edition of each record (TYPEV vs CODEV, then the
 * variables present); the file's edition is the edition most of its records have. A file that mixes both is
 * reported as such, with the counts.
 *
 * @module
 */
import type { EditionId } from '../nomenclature/index.js';
import { readTransmissionBatches } from './read.js';
import type {
  HeaderItem,
  ReadOptions,
  ReadSummary,
  TransmissionInput,
  TransmissionItem,
  TransmissionStream,
} from './types.js';
import { summarised, type SummarisedStream, unbatched } from '../_lib/stream.js';

/** How the file's edition was decided. */
export type EditionSource = 'forced' | 'records' | 'header' | 'default';

/** The edition of a file and how it was decided. */
export interface FileEdition {
  /** The edition the rules, the audit and the writers use. */
  edition: EditionId;
  /** `forced` (an option), `records` (most records), `header` (no record: VERSIONXSD or the CSV columns), `default` (2016). */
  source: EditionSource;
  /** The edition the header announces (VERSIONXSD 1.x → 2011; CSV: the columns), when it says one. */
  headerEdition?: EditionId;
  versionXsd?: string;
  /** Records per detected edition among those looked at (the whole file when `complete`). */
  counts: Record<EditionId, number>;
  /** Whether `counts` covers every record of the file. */
  complete: boolean;
}

/**
 * The edition most records have (`counts`), else `fallback`. A tie between two non-zero counts goes to
 * `fallback` too.
 *
 * @example
 * editionOfCounts({ '2016': 25, '2011': 3 }); // "2016"
 * editionOfCounts({ '2016': 0, '2011': 0 }, '2011'); // "2011"
 */
export function editionOfCounts(counts: Record<EditionId, number>, fallback: EditionId = '2016'): EditionId {
  if (counts['2016'] > counts['2011']) return '2016';
  if (counts['2011'] > counts['2016']) return '2011';
  return fallback;
}

/**
 * When a file mixes both editions, a message that says so with the counts (French and English); otherwise
 * undefined.
 *
 * @example
 * mixedEditions({ '2016': 25, '2011': 3 }, '2016')?.message;
 * // "Fichier mixte : 25 enregistrements de l'édition 2016 et 3 de l'édition 2011 ; …"
 */
export function mixedEditions(
  counts: Record<EditionId, number>,
  edition: EditionId,
): { message: string; messageEn: string; other: EditionId; otherCount: number } | undefined {
  const other: EditionId = edition === '2016' ? '2011' : '2016';
  if (counts['2016'] === 0 || counts['2011'] === 0) return undefined;
  return {
    other,
    otherCount: counts[other],
    message: `Fichier mixte : ${counts['2016']} enregistrement(s) de l'édition 2016 et ${counts['2011']} de l'édition 2011 ; les règles de l'édition ${edition} sont appliquées, les ${counts[other]} enregistrement(s) de l'édition ${other} ne sont pas vérifiés (séparez-les, ou migrez-les avec « olinpe convert --migrate », ou forcez l'édition avec --edition).`,
    messageEn: `Mixed file: ${counts['2016']} record(s) of the 2016 edition and ${counts['2011']} of the 2011 edition; the ${edition} rules are applied, the ${counts[other]} record(s) of the ${other} edition are not checked (split them, migrate them with "olinpe convert --migrate", or force the edition with --edition).`,
  };
}

/** What {@link openTransmission} returns. */
export interface OpenedTransmission {
  /** The header item, when the reader gave one before the records. */
  header: HeaderItem | undefined;
  /** The file's edition, decided on the records read ahead. */
  edition: FileEdition;
  /** Every item of the reading, from the first (the ones read ahead are replayed), and its summary at the end. */
  items: TransmissionStream;
}

/** Records read ahead to decide the file's edition (bounded memory; a file that is shorter is decided exactly). */
export const EDITION_LOOKAHEAD = 1000;

/**
 * Opens a transmission file and decides its edition from its records: reads ahead up to `lookahead` records
 * (default {@link EDITION_LOOKAHEAD}), takes the edition most of them have, and replays every item. `edition`
 * in the options forces it (and the reader then labels every record with it). VERSIONXSD only decides when
 * there is no record.
 *
 * @example
 * const xml = '<DECRET><INTRO><VERSIONXSD>1.22</VERSIONXSD></INTRO><DONNEE><TYPEV>1</TYPEV><SEXE>2</SEXE></DONNEE></DECRET>';
 * const { edition, items } = await openTransmission(xml);
 * edition.edition; // "2016"
 * edition.headerEdition; // "2011"
 * for await (const item of items) item.type; // "header", "record"
 * items.summary?.read; // 1
 */
export async function openTransmission(
  input: TransmissionInput,
  options: ReadOptions & { lookahead?: number } = {},
): Promise<OpenedTransmission> {
  const { header, edition, batches } = await openTransmissionBatches(input, options);
  return { header, edition, items: unbatched(batches) };
}

/**
 * {@link openTransmission} with the items in batches (see `unbatched` in _lib/stream.ts): the edition is decided on
 * the same records (the first `lookahead`), the batches then replay every item.
 */
export async function openTransmissionBatches(
  input: TransmissionInput,
  options: ReadOptions & { lookahead?: number } = {},
): Promise<Omit<OpenedTransmission, 'items'> & { batches: SummarisedStream<TransmissionItem[], ReadSummary> }> {
  const { lookahead = EDITION_LOOKAHEAD, ...readOptions } = options;
  const iterator = readTransmissionBatches(input, readOptions);
  const buffered: TransmissionItem[] = [];
  const counts: Record<EditionId, number> = { '2016': 0, '2011': 0 };
  let header: HeaderItem | undefined;
  let records = 0;
  let complete = false;
  // Records are counted one by one up to `lookahead` (the rest of that batch is kept, not counted); the reading is
  // complete when it ended before.
  while (records < lookahead) {
    const next = await iterator.next();
    if (next.done) {
      complete = true;
      break;
    }
    for (const item of next.value) {
      buffered.push(item);
      if (records >= lookahead) continue;
      if (item.type === 'header') header ??= item;
      else if (item.type === 'record') {
        records++;
        counts[item.edition]++;
      }
    }
  }
  const headerEdition = header
    ? header.versionXsd !== undefined || header.format === 'csv'
      ? header.edition
      : undefined
    : undefined;
  const edition: FileEdition = {
    edition:
      readOptions.edition ??
      (records > 0 ? editionOfCounts(counts, headerEdition ?? '2016') : (headerEdition ?? '2016')),
    source: readOptions.edition ? 'forced' : records > 0 ? 'records' : headerEdition ? 'header' : 'default',
    counts,
    complete,
  };
  if (headerEdition) edition.headerEdition = headerEdition;
  if (header?.versionXsd !== undefined) edition.versionXsd = header.versionXsd;
  async function* replay(end: (summary: ReadSummary) => void): AsyncGenerator<TransmissionItem[], void, undefined> {
    if (buffered.length > 0) yield buffered.splice(0);
    // Delegated (no promise turn of this generator's own per batch); left early, the reader is closed with it.
    if (!complete) yield* iterator;
    if (iterator.summary) end(iterator.summary);
  }
  return { header, edition, batches: summarised(replay) };
}
