/**
 * A small reader for `;`-separated UTF-8 CSV with double-quote quoting, keeping the exact text of every field
 * and line ending so that a command can rewrite one field and leave every other byte as it was. Whole-text
 * ({@link parseCsv}) or piece by piece ({@link csvPieces}: text chunks cut at row boundaries, each parsed as the
 * whole text would be, so that a command's memory does not grow with the file).
 */

/** One field: its value (unquoted) and where its raw text sits in the source. */
export interface CsvField {
  value: string;
  /** Offset of the field's first character (the opening quote if quoted). */
  start: number;
  /** Offset just after the field's last character (the closing quote if quoted). */
  end: number;
  quoted: boolean;
}

/** One record: its fields, its first physical line number (1-based), and its raw text and line ending. */
export interface CsvRecord {
  line: number;
  fields: CsvField[];
  start: number;
  /** Offset just after the record's last field, before the line ending. */
  end: number;
  /** `\n`, `\r\n`, `\r` or `` at the end of the text. */
  newline: string;
}

/**
 * Splits a CSV text into records. A leading byte-order mark is not part of the first field.
 *
 * @example
 * parseCsv('A;B\n1;"x;y"\n')[1]?.fields[1]?.value; // "x;y"
 */
export function parseCsv(text: string, separator = ';'): CsvRecord[] {
  return parseCsvFrom(text, separator, 1, true).records;
}

/**
 * {@link parseCsv} of a row-aligned piece of a text whose first row is on `line` (`first`: the piece starts the
 * text, where a byte-order mark is skipped); returns the records and the line after its last row.
 */
export function parseCsvPiece(text: string, line: number, first: boolean): { records: CsvRecord[]; line: number } {
  return parseCsvFrom(text, ';', line, first);
}

function parseCsvFrom(
  text: string,
  separator: string,
  firstLine: number,
  skipBom: boolean,
): { records: CsvRecord[]; line: number } {
  const records: CsvRecord[] = [];
  let i = skipBom && text.charCodeAt(0) === 0xfeff ? 1 : 0;
  let line = firstLine;
  const sep = separator.charCodeAt(0);
  while (i < text.length) {
    const record: CsvRecord = { line, fields: [], start: i, end: i, newline: '' };
    for (;;) {
      const start = i;
      let value = '';
      let quoted = false;
      if (text.charCodeAt(i) === 34) {
        quoted = true;
        i++;
        for (;;) {
          const q = text.indexOf('"', i);
          if (q < 0) {
            value += text.slice(i);
            i = text.length;
            break;
          }
          value += text.slice(i, q);
          if (text.charCodeAt(q + 1) === 34) {
            value += '"';
            i = q + 2;
          } else {
            i = q + 1;
            break;
          }
        }
        for (const c of value) if (c === '\n') line++;
        // Anything between the closing quote and the separator is kept in the value, as written.
        while (i < text.length && text.charCodeAt(i) !== sep && text[i] !== '\n' && text[i] !== '\r')
          value += text[i++];
      } else {
        while (i < text.length && text.charCodeAt(i) !== sep && text[i] !== '\n' && text[i] !== '\r') i++;
        value = text.slice(start, i);
      }
      record.fields.push({ value, start, end: i, quoted });
      if (i < text.length && text.charCodeAt(i) === sep) {
        i++;
        continue;
      }
      break;
    }
    record.end = i;
    if (text.startsWith('\r\n', i)) record.newline = '\r\n';
    else if (text[i] === '\n' || text[i] === '\r') record.newline = text[i] as string;
    i += record.newline.length;
    if (record.newline) line++;
    records.push(record);
  }
  return { records, line };
}

/**
 * The line after a row-aligned piece that starts on `line`: as {@link parseCsv} counts, a line per row ending (LF,
 * CRLF or CR) plus a line per LF inside quoted fields; a text without quotes or CR needs only its LFs counted.
 */
function nextLine(text: string, line: number, first: boolean): number {
  if (text.indexOf('"') >= 0 || text.indexOf('\r') >= 0) return parseCsvFrom(text, ';', line, first).line;
  let n = line;
  for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) n++;
  return n;
}

/** A row-aligned piece of a CSV text: its text and its records (offsets in `text`, lines in the whole file). */
export interface CsvPiece {
  text: string;
  /** The line of the piece's first character in the whole text (1-based). */
  line: number;
  /** Whether this is the first piece (a byte-order mark at its start is not part of the first field). */
  first: boolean;
  /** The records, parsed when first asked for (a caller with a faster path for plain rows may never ask). */
  readonly records: CsvRecord[];
}

/** Options of {@link csvPieces}. */
export interface CsvPiecesOptions {
  /** Shortest piece worth cutting, in characters (default 256 KiB of text); a piece ends at the next row boundary. */
  pieceLength?: number;
  /**
   * Where the chunks start in a larger text, when it is not at its start: the line of their first character
   * (default 1), and `first: false` (no byte-order mark skipped). They must start at a row boundary.
   */
  from?: { line: number; first: boolean };
}

/**
 * Cuts `;`-separated CSV text chunks into pieces that end at row boundaries (a line break outside quotes,
 * never between CR and LF) and parses each: the records, fields and lines are those {@link parseCsv} gives for
 * the whole text, and the pieces' texts joined are the whole text. Memory holds one piece at a time (plus a row
 * quoted over many lines, which cannot be cut).
 *
 * @example
 * for await (const piece of csvPieces(['A;B\n1;', '2\n'], { pieceLength: 1 })) piece.records.length; // 1, then 1
 */
export async function* csvPieces(
  chunks: AsyncIterable<string> | Iterable<string>,
  options: CsvPiecesOptions = {},
): AsyncGenerator<CsvPiece> {
  const minimum = Math.max(1, options.pieceLength ?? 1 << 18);
  let pending = '';
  let line = options.from?.line ?? 1;
  let first = options.from?.first ?? true;
  // Scan state over `pending`: `at` is where scanning resumes; `inQuotes` tells whether it resumes inside a
  // quoted field (then `at` is on the opening quote's content or on a quote whose meaning the next character
  // decides); `cut` is the end of the last complete row found.
  let at = 0;
  let inQuotes = false;
  let cut = 0;
  const emit = (end: number): CsvPiece => {
    const text = pending.slice(0, end);
    pending = pending.slice(end);
    at -= end;
    cut = 0;
    const piece = { text, line, first, parsed: undefined as CsvRecord[] | undefined };
    const isFirst = first;
    const startLine = line;
    first = false;
    line = nextLine(text, line, isFirst);
    return {
      text,
      line: startLine,
      first: isFirst,
      get records() {
        piece.parsed ??= parseCsvFrom(text, ';', startLine, isFirst).records;
        return piece.parsed;
      },
    };
  };
  /** Last row boundary in pending[from, to) outside quotes, or -1. CR as the last character is undecided. */
  const boundaryIn = (from: number, to: number, final: boolean): number => {
    let best = -1;
    const lf = to > from ? pending.lastIndexOf('\n', to - 1) : -1;
    if (lf >= from) best = lf + 1;
    let cr = to > from ? pending.lastIndexOf('\r', to - 1) : -1;
    while (cr >= from && cr > best - 1) {
      if (cr + 1 < pending.length ? pending.charCodeAt(cr + 1) !== 0x0a : final) {
        best = Math.max(best, cr + 1);
        break;
      }
      cr = cr > 0 ? pending.lastIndexOf('\r', cr - 1) : -1;
    }
    return best;
  };
  const scan = (final: boolean): void => {
    const n = pending.length;
    while (at < n) {
      if (inQuotes) {
        const q = pending.indexOf('"', at);
        if (q < 0) {
          at = n;
          return;
        }
        if (q + 1 >= n && !final) {
          at = q; // a closing quote or the first of a doubled one: the next chunk tells
          return;
        }
        if (pending.charCodeAt(q + 1) === 0x22) at = q + 2;
        else {
          inQuotes = false;
          at = q + 1;
        }
        continue;
      }
      let q = pending.indexOf('"', at);
      // A quote opens a quoted field only at the start of a field (parseCsv; the streaming reader agrees).
      while (q >= 0) {
        const before = q === 0 ? -1 : pending.charCodeAt(q - 1);
        // pending[0] is always the start of a row: the start of the text, or just after a cut.
        if (q === 0 || before === 0x3b || before === 0x0a || before === 0x0d || (q === 1 && first && before === 0xfeff))
          break;
        q = pending.indexOf('"', q + 1);
      }
      const end = q < 0 ? n : q;
      const b = boundaryIn(at, end, final);
      if (b > cut) cut = b;
      if (q < 0) {
        at = n;
        return;
      }
      inQuotes = true;
      at = q + 1;
    }
  };
  for await (const chunk of chunks) {
    if (chunk.length === 0) continue;
    pending += chunk;
    scan(false);
    if (cut >= minimum) yield emit(cut);
  }
  scan(true);
  if (pending.length > 0) {
    const end = pending.length;
    yield emit(end);
  }
}

/**
 * True when a record is an empty line (no text at all), which readers skip.
 *
 * @example
 * isBlank(parseCsv('\n')[0]!); // true
 */
export function isBlank(record: CsvRecord): boolean {
  return record.fields.length === 1 && record.start === record.end;
}

/**
 * The index of each wanted column in a header record, matched without regard to case or surrounding spaces.
 *
 * @example
 * columnIndex(parseCsv('prenom;MNAIS\n')[0]!, 'PRENOM'); // 0
 */
export function columnIndex(header: CsvRecord, name: string): number {
  return header.fields.findIndex((f) => f.value.trim().toUpperCase() === name);
}
