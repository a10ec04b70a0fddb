/**
 * Streaming reader of the CSV form of the transmission file: separator `;`, UTF-8, a header row of
 * variable names, fields quoted RFC 4180 style when they hold `;`, `"` or a line break.
 *
 * @module
 */
import type { EditionId } from '../nomenclature/index.js';
import { editionNameSets, editionOfEvent, editionOfNames } from './edition.js';
import { DecodeError, detach } from './chunks.js';
import { Tally } from './tally.js';
import type {
  ErrorItem,
  ReadErrorKind,
  HeaderItem,
  ReadOptions,
  ReadSummary,
  RecordItem,
  TransmissionItem,
  TransmissionStream,
} from './types.js';
import { summarised, type SummarisedStream, unbatched } from '../_lib/stream.js';

const DEFAULT_MAX_TOKEN = 65_536;
const DEFAULT_MAX_FIELDS = 1_000;
/** Large text chunks are fed in slices of this size (characters). */
const SLICE = 1 << 16;

const SEMI = 0x3b;
const QUOTE = 0x22;
const LF = 0x0a;
const CR = 0x0d;

class Stop extends Error {}

/**
 * Reads the CSV form from decoded text chunks. Yields a header (the column names), records and errors; the
 * stream's `summary` is set once it has been read to the end. A row whose number of fields differs from the header is reported and counted
 * unreadable; in a record, an empty cell of a column that is not a variable of the row's edition is left
 * out (a CSV row cannot omit a column; mixed 2011/2016 files have both CODEV and TYPEV columns).
 *
 * @example
 * const reading = readCsv(textChunks('SEXE;TYPEV\n1;2\n'));
 * for await (const item of reading) item.type; // "header", "record"
 * reading.summary?.read; // 1
 */
export function readCsv(chunks: AsyncIterable<string>, options: ReadOptions = {}): TransmissionStream {
  return unbatched(readCsvBatches(chunks, options));
}

/** {@link readCsv} in batches: the items of each slice of input (see `unbatched` in _lib/stream.ts). */
export function readCsvBatches(
  chunks: AsyncIterable<string>,
  options: ReadOptions = {},
): SummarisedStream<TransmissionItem[], ReadSummary> {
  return summarised((end) => csvBatches(chunks, options, end));
}

async function* csvBatches(
  chunks: AsyncIterable<string>,
  options: ReadOptions,
  end: (summary: ReadSummary) => void,
): AsyncGenerator<TransmissionItem[], void, undefined> {
  const maxToken = options.maxTokenLength ?? DEFAULT_MAX_TOKEN;
  const maxFields = options.maxFieldsPerRecord ?? DEFAULT_MAX_FIELDS;
  const tally = new Tally('csv', options);
  const queue: TransmissionItem[] = [];
  const { in2016, in2011 } = editionNameSets();

  let columns: string[] | undefined;
  /** What the header tells once for every row (see `header`). */
  let layout: {
    typevAt: number;
    codevAt: number;
    byNames: EditionId;
    all2016: boolean;
    all2011: boolean;
    stable: boolean;
  } = {
    typevAt: -1,
    codevAt: -1,
    byNames: '2016',
    all2016: false,
    all2011: false,
    stable: false,
  };
  let row: string[] = [];
  let field = '';
  let inQuotes = false;
  let quoteSeen = false; // a quote inside a quoted field: either the end or the first of a doubled quote
  let afterQuote = false; // the quoted field ended; only ; or a line break may follow
  let badRow: { kind: 'csv-quote' | 'too-long' | 'too-many-fields'; column: number } | undefined;
  let line = 1; // current line
  let rowLine = 1; // line where the current row starts
  let column = 1;
  let skipLf = false; // the previous character was CR

  const fail = (item: ErrorItem): never => {
    queue.push(item);
    throw new Stop();
  };
  /** Stops at the header row (fatal: nothing after it can be read as records). */
  const badHeader = (
    kind: ReadErrorKind,
    column: number | undefined,
    message: string,
    messageEn: string,
    extra?: { variable: string },
  ): never => fail(tally.error(kind, 'fatal', rowLine, column, message, messageEn, extra));

  const endField = (): void => {
    if (row.length < maxFields) row.push(detach(field));
    else if (!badRow) badRow = { kind: 'too-many-fields', column };
    field = '';
    afterQuote = false;
  };

  const header = (names: string[]): void => {
    const trimmed = names.map((n) => n.trim());
    if (trimmed.length === 1) {
      const only = trimmed[0] ?? '';
      const other = [',', '\t', '|'].find((sep) => only.includes(sep));
      if (other !== undefined || (!in2016.has(only) && !in2011.has(only))) {
        const shown = other === '\t' ? 'tabulation' : other;
        badHeader(
          'csv-separator',
          1,
          `La ligne d'en-tête n'a qu'une colonne${shown ? ` et contient « ${shown} »` : ''} : le séparateur attendu est « ; ».`,
          `The header row has a single column${shown ? ` and contains "${shown}"` : ''}: the expected separator is ";".`,
        );
      }
    }
    // A first row that names no variable is not a header: most likely data (an identity file, a file without its
    // header row). Its cells are never repeated in a message: they may be names.
    if (!trimmed.some((n) => in2016.has(n) || in2011.has(n))) {
      badHeader(
        'csv-header',
        undefined,
        "La première ligne ne nomme aucune variable OLINPE : ce n'est pas un fichier de transmission, ou sa ligne d'en-tête manque (contenu non reproduit : il peut s'agir de données personnelles).",
        'The first row names no OLINPE variable: this is not a transmission file, or its header row is missing (content not shown: it may be personal data).',
      );
    }
    const seen = new Set<string>();
    trimmed.forEach((name, i) => {
      if (name === '' || !/^[A-Za-z0-9_]+$/.test(name)) {
        badHeader(
          'csv-header',
          undefined,
          `Colonne ${i + 1} de l'en-tête : ce n'est pas un nom de variable (contenu non reproduit).`,
          `Header column ${i + 1}: not a variable name (content not shown).`,
        );
      }
      if (seen.has(name)) {
        badHeader(
          'csv-header',
          undefined,
          `La colonne ${name} apparaît deux fois dans l'en-tête.`,
          `Column ${name} appears twice in the header.`,
          { variable: name },
        );
      }
      seen.add(name);
    });
    columns = trimmed;
    const has2016 = trimmed.some((n) => in2016.has(n) && !in2011.has(n));
    const has2011 = trimmed.some((n) => in2011.has(n) && !in2016.has(n));
    tally.hint = has2011 && !has2016 ? '2011' : has2016 && !has2011 ? '2016' : undefined;
    layout = {
      typevAt: trimmed.indexOf('TYPEV'),
      codevAt: trimmed.indexOf('CODEV'),
      byNames: editionOfNames(trimmed, tally.hint),
      all2016: trimmed.every((n) => in2016.has(n)),
      all2011: trimmed.every((n) => in2011.has(n)),
      stable: trimmed.every((n) => in2016.has(n) || in2011.has(n)),
    };
    const item: HeaderItem = {
      type: 'header',
      format: 'csv',
      edition: options.edition ?? tally.hint ?? '2016',
      columns: trimmed,
      line: rowLine,
    };
    queue.push(item);
  };

  const endRow = (): void => {
    endField();
    const cells = row;
    row = [];
    const bad = badRow;
    badRow = undefined;
    if (!columns) {
      if (bad) {
        badHeader(
          bad.kind === 'csv-quote' ? 'csv-quote' : 'csv-header',
          bad.column,
          "Ligne d'en-tête illisible.",
          'Unreadable header row.',
        );
      }
      header(cells);
      return;
    }
    if (cells.length === 1 && cells[0] === '') return; // blank line
    if (bad) {
      tally.unreadable++;
      const [fr, en] =
        bad.kind === 'csv-quote'
          ? ['guillemet mal placé', 'misplaced quote']
          : bad.kind === 'too-long'
            ? [`champ de plus de ${maxToken} caractères`, `field longer than ${maxToken} characters`]
            : [`plus de ${maxFields} champs`, `more than ${maxFields} fields`];
      queue.push(
        tally.error(bad.kind, 'error', rowLine, bad.column, `Ligne illisible : ${fr}.`, `Unreadable row: ${en}.`),
      );
      return;
    }
    if (cells.length !== columns.length) {
      tally.unreadable++;
      queue.push(
        tally.error(
          'csv-ragged',
          'error',
          rowLine,
          undefined,
          `Ligne illisible : ${cells.length} champs pour ${columns.length} colonnes dans l'en-tête (séparateur « ; »).`,
          `Unreadable row: ${cells.length} fields for ${columns.length} header columns (separator ";").`,
        ),
      );
      return;
    }
    const edition =
      options.edition ??
      editionOfEvent(
        layout.typevAt >= 0 ? cells[layout.typevAt] : undefined,
        layout.codevAt >= 0 ? cells[layout.codevAt] : undefined,
      ) ??
      layout.byNames;
    if (edition === '2016' ? layout.all2016 : layout.all2011) {
      // Every column is a variable of the row's edition: the row is the record.
      tally.record(columns, cells, rowLine, false, queue as (ErrorItem | RecordItem)[], layout.stable, edition);
      return;
    }
    const known = edition === '2016' ? in2016 : in2011;
    const names: string[] = [];
    const texts: string[] = [];
    for (let i = 0; i < columns.length; i++) {
      const name = columns[i]!;
      const text = cells[i]!;
      if (text === '' && !known.has(name)) continue;
      names.push(name);
      texts.push(text);
    }
    tally.record(names, texts, rowLine, false, queue as (ErrorItem | RecordItem)[], layout.stable);
  };

  const feed = (chunk: string): void => {
    const n = chunk.length;
    let start = 0; // start of the pending unquoted/quoted text to append to `field`
    // Next `"`, CR and `;` at or after the row being read (found once, looked for again only when passed);
    // `indexOf(…) >>> 0` turns "none left" (-1) into 2^32 - 1, past every row.
    let nextQuote = -1;
    let nextCr = -1;
    let nextSemi = -1;
    for (let i = 0; i < n; i++) {
      // A whole row of the chunk, with no quote and no CR but one before its LF, is split with indexOf: the same
      // fields, lines and columns as the character loop below, which takes every other row.
      if (
        columns !== undefined &&
        i === start &&
        row.length === 0 &&
        field === '' &&
        !inQuotes &&
        !afterQuote &&
        !skipLf &&
        badRow === undefined
      ) {
        const nl = chunk.indexOf('\n', i);
        if (nl >= 0 && nl - i <= maxToken) {
          if (nextQuote < i) nextQuote = chunk.indexOf('"', i) >>> 0;
          if (nextCr < i) nextCr = chunk.indexOf('\r', i) >>> 0;
          if (nextQuote > nl && nextCr >= nl - 1) {
            const end = nextCr === nl - 1 ? nl - 1 : nl;
            let a = i;
            for (;;) {
              if (nextSemi < a) nextSemi = chunk.indexOf(';', a) >>> 0;
              if (nextSemi >= end) break;
              field = chunk.slice(a, nextSemi);
              column = nextSemi - i + 1;
              endField();
              a = nextSemi + 1;
            }
            field = chunk.slice(a, end);
            column = end - i + 1;
            endRow();
            line++;
            column = 1;
            rowLine = line;
            start = nl + 1;
            i = nl;
            continue;
          }
        }
      }
      const c = chunk.charCodeAt(i);
      if (skipLf) {
        skipLf = false;
        if (c === LF) {
          start = i + 1;
          continue;
        }
      }
      if (inQuotes) {
        if (quoteSeen) {
          quoteSeen = false;
          if (c === QUOTE) {
            field += '"';
            start = i + 1;
            continue;
          }
          inQuotes = false;
          afterQuote = true;
          start = i;
          // fall through to the unquoted handling of c
        } else {
          if (c === QUOTE) {
            field += chunk.slice(start, i);
            quoteSeen = true;
            start = i + 1;
          } else if (c === LF) {
            // a line break inside quotes belongs to the value
            line++;
            column = 0;
          }
          column++;
          if (field.length + (i - start) > maxToken) {
            fail(
              tally.error(
                'too-long',
                'fatal',
                rowLine,
                column,
                `Champ entre guillemets de plus de ${maxToken} caractères (guillemet non fermé ?) : lecture arrêtée.`,
                `Quoted field longer than ${maxToken} characters (unclosed quote?): reading stopped.`,
              ),
            );
          }
          continue;
        }
      }
      if (c === SEMI) {
        if (!afterQuote) field += chunk.slice(start, i);
        endField();
        start = i + 1;
        column++;
      } else if (c === LF || c === CR) {
        if (!afterQuote) field += chunk.slice(start, i);
        endRow();
        if (c === CR) skipLf = true;
        line++;
        column = 1;
        rowLine = line;
        start = i + 1;
      } else if (c === QUOTE && field === '' && i === start && !afterQuote) {
        inQuotes = true;
        start = i + 1;
        column++;
      } else {
        if (afterQuote && !badRow) badRow = { kind: 'csv-quote', column };
        column++;
        if (field.length + (i - start) > maxToken) {
          if (!columns) {
            fail(
              tally.error(
                'too-long',
                'fatal',
                rowLine,
                column,
                `En-tête de plus de ${maxToken} caractères : lecture arrêtée.`,
                `Header longer than ${maxToken} characters: reading stopped.`,
              ),
            );
          }
          fail(
            tally.error(
              'too-long',
              'fatal',
              rowLine,
              column,
              `Champ de plus de ${maxToken} caractères : lecture arrêtée.`,
              `Field longer than ${maxToken} characters: reading stopped.`,
            ),
          );
        }
      }
    }
    if (!inQuotes || !quoteSeen) {
      if (!afterQuote) field += chunk.slice(start, n);
    }
  };

  let atEnd = false;
  try {
    for await (const chunk of chunks) {
      // Fed in slices, so that the items of one slice (at most one per line) are handed out before the next:
      // any number of rows per chunk, with a bounded queue.
      for (let start = 0; start < chunk.length; start += SLICE) {
        feed(chunk.length <= SLICE ? chunk : chunk.slice(start, start + SLICE));
        if (queue.length > 0) yield queue.splice(0);
      }
    }
    atEnd = true;
    if (inQuotes && !quoteSeen) {
      fail(
        tally.error(
          'truncated',
          'fatal',
          rowLine,
          undefined,
          'Fichier tronqué : guillemet ouvert jamais fermé.',
          'Truncated file: a quote was opened and never closed.',
        ),
      );
    }
    inQuotes = false;
    quoteSeen = false;
    if (field !== '' || row.length > 0 || afterQuote) endRow();
    if (!columns) {
      fail(
        tally.error(
          'empty',
          'fatal',
          1,
          undefined,
          "Fichier vide : pas de ligne d'en-tête.",
          'Empty file: no header row.',
        ),
      );
    }
  } catch (e) {
    if (e instanceof DecodeError) {
      // The rows before the bad bytes are read (and checked) first; the line is then where the bad bytes are.
      try {
        if (e.before) feed(e.before);
      } catch (inner) {
        if (!(inner instanceof Stop)) throw inner;
      }
      queue.push(
        tally.error(
          'encoding',
          'fatal',
          line,
          column,
          `Ligne ${line} : octets qui ne sont pas de l'UTF-8. Si le fichier vient d'un logiciel qui écrit en Latin-1 ou Windows-1252, indiquez-le : --encoding latin1 (ou windows-1252) ; les lignes précédentes ont été lues.`,
          `Line ${line}: bytes that are not UTF-8. If the file comes from software that writes Latin-1 or Windows-1252, say so: --encoding latin1 (or windows-1252); the rows before were read.`,
        ),
      );
    } else if (!(e instanceof Stop)) {
      throw e;
    }
    if (!atEnd || row.length > 0 || field !== '') tally.unreadable++;
  }
  if (queue.length > 0) yield queue.splice(0);
  end(tally.summary());
}
