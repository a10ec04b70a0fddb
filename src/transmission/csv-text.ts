/**
 * A small reader for `;`-separated UTF-8 CSV with double-quote quoting, keeping the exact text of every field
 * and line ending so that a command can rewrite one field and leave every other byte as it was. Whole-text,
 * not streaming: the full streaming reader belongs to `src/transmission`.
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
  const records: CsvRecord[] = [];
  let i = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  let line = 1;
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
        while (i < text.length && text.charCodeAt(i) !== sep && text[i] !== '\n' && text[i] !== '\r') value += text[i++];
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
  return records;
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
