/**
 * The whole-text `rewriteIdentifiers` of `olinpe rehash` as it was before it streamed (commit 42523f0,
 * src/transmission/rewrite-identifiers.ts, kept verbatim but for imports and exports): the reference the
 * streaming rewriting is compared with (rehash-streaming.test.ts).
 */
import { SaxesParser } from 'saxes';
import type { SaxesTagPlain } from 'saxes';
import { isBlank, parseCsv } from '../../src/_lib/csv-text.js';
import { guessFormat, readTransmission } from '../../src/transmission/read.js';
import type { TransmissionFormat } from '../../src/transmission/types.js';

/** The variables rewritten. */
export type IdentifierVariable = 'NUMANONYM' | 'NUMANONYMANT';

/** The identifier variables, in the order they are rewritten. */
export const IDENTIFIER_VARIABLES: readonly IdentifierVariable[] = ['NUMANONYM', 'NUMANONYMANT'];

/** Why a value or a record is refused: French and English, never quoting a value. */
export interface RefusalReason {
  fr: string;
  en: string;
}

/** A record (or, with `fatal`, the whole file) left out of the output. */
export interface IdentifierRefusal {
  /** 1-based line of the element or row concerned. */
  line: number;
  /** The variable or element concerned, when there is one. */
  variable?: string;
  fr: string;
  en: string;
}

/** The outcome of {@link rewriteIdentifiers}. With `fatal`, `output` is empty and nothing must be written. */
export interface IdentifierRewrite {
  format: TransmissionFormat;
  output: string;
  /** Records met (XML: every `<DONNEE>`; CSV: every non-blank row after the header). */
  read: number;
  written: number;
  /** One per refused record: `read = written + refusals.length`. */
  refusals: IdentifierRefusal[];
  /** Set when the whole file is refused (unreadable, or an identifier outside any record). */
  fatal?: IdentifierRefusal;
}

/** Turns one identifier into its replacement, or says why it cannot. */
export type IdentifierReplacer = (value: string, variable: IdentifierVariable) => string | RefusalReason;

/** Options of {@link rewriteIdentifiers}. */
export interface RewriteIdentifiersOptions {
  /** `auto` (default) looks at `fileName`, then at the first character. */
  format?: TransmissionFormat | 'auto';
  fileName?: string;
}

/** A run of 40 hexadecimal characters: the shape of an identifier, whatever its case. */
const HEX40 = /[0-9a-fA-F]{40}/;

const NOT_PLACED: Record<string, RefusalReason> = {
  attribute: {
    fr: 'attribut inattendu : le lecteur ne sait pas le placer, enregistrement écarté',
    en: 'unexpected attribute: the reader cannot place it, record left out',
  },
  duplicate: {
    fr: 'élément présent deux fois dans l’enregistrement : enregistrement écarté',
    en: 'element present twice in the record: record left out',
  },
  comment: {
    fr: 'commentaire ou instruction dans un enregistrement : enregistrement écarté',
    en: 'comment or processing instruction inside a record: record left out',
  },
  text: {
    fr: 'texte entre les éléments d’un enregistrement : enregistrement écarté',
    en: 'text between the elements of a record: record left out',
  },
  notPlain: {
    fr: 'identifiant écrit avec des entités, une section CDATA ou un commentaire : enregistrement écarté',
    en: 'identifier written with entities, a CDATA section or a comment: record left out',
  },
  missing: { fr: 'valeur absente', en: 'missing value' },
  unreadable: {
    fr: 'enregistrement illisible pour le lecteur : écarté',
    en: 'record the reader cannot read: left out',
  },
  hex: {
    fr: '40 caractères hexadécimaux hors de NUMANONYM et NUMANONYMANT (un identifiant ?) : enregistrement écarté',
    en: '40 hexadecimal characters outside NUMANONYM and NUMANONYMANT (an identifier?): record left out',
  },
};

function refusal(line: number, variable: string | undefined, reason: RefusalReason): IdentifierRefusal {
  return variable === undefined ? { line, ...reason } : { line, variable, ...reason };
}

/** What the reader saw of one record. */
interface Seen {
  line: number;
  values: Partial<Record<IdentifierVariable, string>>;
}

/** Reads the text with the file's reader: its records' identifiers and lines, or its fatal error. */
async function readerView(
  text: string | Uint8Array,
  format: TransmissionFormat,
  fileName: string | undefined,
): Promise<{ records: Seen[]; fatal?: IdentifierRefusal }> {
  const records: Seen[] = [];
  let fatal: IdentifierRefusal | undefined;
  const options = fileName === undefined ? { format, checkModel: false } : { format, fileName, checkModel: false };
  for await (const item of readTransmission(text, options)) {
    if (item.type === 'record') {
      const values: Seen['values'] = {};
      for (const name of IDENTIFIER_VARIABLES) {
        const v = item.values[name];
        if (v !== undefined) values[name] = v;
      }
      records.push({ line: item.line, values });
    } else if (item.type === 'error' && item.severity === 'fatal' && fatal === undefined) {
      fatal = refusal(item.line, item.variable, {
        fr: `fichier refusé : ${item.message}`,
        en: `file refused: ${item.messageEn}`,
      });
    }
  }
  return fatal === undefined ? { records } : { records, fatal };
}

/** 1-based line of `offset` in `text`, counting from a known (offset, line) pair before it. */
function lineCounter(text: string): (offset: number) => number {
  let at = 0;
  let line = 1;
  return (offset) => {
    if (offset < at) {
      at = 0;
      line = 1;
    }
    for (let i = text.indexOf('\n', at); i >= 0 && i < offset; i = text.indexOf('\n', i + 1)) line++;
    at = offset;
    return line;
  };
}

/** A placed identifier: where its raw text lies, on which line. */
interface Placed {
  start: number;
  end: number;
  line: number;
}

/** One record as the positional pass sees it. */
interface Found {
  start: number;
  end: number;
  line: number;
  /** The reader does not make a record of it (nested element, too many fields). */
  broken: boolean;
  problem?: IdentifierRefusal;
  ids: Partial<Record<IdentifierVariable, Placed>>;
}

/** Replaces the identifiers of one record's text, or says why the record is refused. */
function rewriteRecord(
  text: string,
  found: Found,
  seen: Seen,
  replace: IdentifierReplacer,
): { text: string } | { refusal: IdentifierRefusal } {
  if (found.problem) return { refusal: found.problem };
  const edits: Array<{ start: number; end: number; value: string }> = [];
  for (const name of IDENTIFIER_VARIABLES) {
    const placed = found.ids[name];
    const value = seen.values[name];
    if (placed === undefined || value === undefined) {
      if (placed === undefined && value === undefined && name === 'NUMANONYMANT') continue;
      if (placed === undefined && value === undefined)
        return { refusal: refusal(found.line, name, NOT_PLACED.missing!) };
      return { refusal: refusal(placed?.line ?? found.line, name, NOT_PLACED.notPlain!) };
    }
    if (text.slice(placed.start, placed.end) !== value)
      return { refusal: refusal(placed.line, name, NOT_PLACED.notPlain!) };
    const replaced = replace(value, name);
    if (typeof replaced !== 'string') return { refusal: refusal(placed.line, name, replaced) };
    edits.push({ start: placed.start, end: placed.end, value: replaced });
  }
  edits.sort((a, b) => a.start - b.start);
  const parts: string[] = [];
  let cursor = found.start;
  for (const e of edits) {
    parts.push(text.slice(cursor, e.start));
    if (HEX40.test(parts[parts.length - 1]!)) return { refusal: refusal(found.line, undefined, NOT_PLACED.hex!) };
    parts.push(e.value);
    cursor = e.end;
  }
  const tail = text.slice(cursor, found.end);
  if (HEX40.test(tail)) return { refusal: refusal(found.line, undefined, NOT_PLACED.hex!) };
  parts.push(tail);
  return { text: parts.join('') };
}

/** The `<DONNEE>` elements of an XML text, where their identifiers are and what keeps them from being placed. */
function placeXml(body: string): Found[] {
  const parser = new SaxesParser({ position: true, xmlns: false });
  const found: Found[] = [];
  let depth = 0;
  let record: Found | undefined;
  let fields = 0;
  let field: { name: string; openEnd: number; line: number } | undefined;
  let seenNames = new Set<string>();
  const problem = (line: number, variable: string | undefined, reason: RefusalReason): void => {
    if (record && !record.problem) record.problem = refusal(line, variable, reason);
  };
  parser.on('opentag', (tag: SaxesTagPlain) => {
    depth++;
    const pos = parser.position;
    const hasAttributes = Object.keys(tag.attributes).length > 0;
    if (depth === 2 && tag.name === 'DONNEE') {
      record = { start: body.lastIndexOf('<', pos - 1), end: pos, line: parser.line, broken: false, ids: {} };
      fields = 0;
      seenNames = new Set();
      if (hasAttributes) problem(parser.line, 'DONNEE', NOT_PLACED.attribute!);
      return;
    }
    if (!record) return;
    if (depth === 3) {
      fields++;
      if (fields > 1000) record.broken = true; // the reader's default bound (maxFieldsPerRecord)
      field = { name: tag.name, openEnd: pos, line: parser.line };
      if (hasAttributes) problem(parser.line, tag.name, NOT_PLACED.attribute!);
      if (seenNames.has(tag.name) && (IDENTIFIER_VARIABLES as readonly string[]).includes(tag.name)) {
        problem(parser.line, tag.name, NOT_PLACED.duplicate!);
      }
      seenNames.add(tag.name);
    } else if (depth > 3) {
      record.broken = true;
    }
  });
  parser.on('text', (t) => {
    if (record && depth === 2 && t.trim() !== '') problem(parser.line, undefined, NOT_PLACED.text!);
  });
  parser.on('cdata', () => {
    if (record && depth === 2) problem(parser.line, undefined, NOT_PLACED.text!);
  });
  const inside = (): void => {
    if (record) problem(parser.line, field?.name, NOT_PLACED.comment!);
  };
  parser.on('comment', inside);
  parser.on('processinginstruction', inside);
  parser.on('closetag', (tag: SaxesTagPlain) => {
    const pos = parser.position;
    if (record && depth === 3 && field) {
      const name = field.name as IdentifierVariable;
      if ((IDENTIFIER_VARIABLES as readonly string[]).includes(name) && record.ids[name] === undefined) {
        const end = tag.isSelfClosing ? pos : body.lastIndexOf('<', pos - 1);
        record.ids[name] = { start: tag.isSelfClosing ? pos : field.openEnd, end, line: field.line };
        if (tag.isSelfClosing) record.ids[name] = { start: pos, end: pos, line: field.line };
      }
      field = undefined;
    } else if (record && depth === 2) {
      record.end = pos;
      found.push(record);
      record = undefined;
    }
    depth--;
  });
  parser.write(body).close();
  return found;
}

function rewriteXml(body: string, seen: Seen[], replace: IdentifierReplacer, result: IdentifierRewrite): void {
  let found: Found[];
  try {
    found = placeXml(body);
  } catch {
    result.fatal = refusal(1, undefined, { fr: 'fichier refusé : XML mal formé', en: 'file refused: malformed XML' });
    return;
  }
  const lineOf = lineCounter(body);
  const parts: string[] = [];
  let cursor = 0;
  let next = 0; // the reader's next record
  const outside = (from: number, to: number): boolean => {
    const m = HEX40.exec(body.slice(from, to));
    if (!m) return true;
    result.fatal = refusal(lineOf(from + m.index), undefined, {
      fr: 'fichier refusé : 40 caractères hexadécimaux hors de tout enregistrement (un identifiant ?)',
      en: 'file refused: 40 hexadecimal characters outside any record (an identifier?)',
    });
    return false;
  };
  for (const f of found) {
    result.read++;
    let kept: string | undefined;
    if (f.broken) {
      result.refusals.push(f.problem ?? refusal(f.line, undefined, NOT_PLACED.unreadable!));
    } else {
      const s = seen[next++];
      if (!s || s.line !== f.line) {
        result.fatal = refusal(f.line, undefined, {
          fr: 'fichier refusé : le lecteur et la réécriture ne voient pas les mêmes enregistrements',
          en: 'file refused: the reader and the rewriting do not see the same records',
        });
        return;
      }
      const r = rewriteRecord(body, f, s, replace);
      if ('text' in r) kept = r.text;
      else result.refusals.push(r.refusal);
    }
    if (kept !== undefined) {
      if (!outside(cursor, f.start)) return;
      parts.push(body.slice(cursor, f.start), kept);
      result.written++;
    } else {
      // Leave out the record and the blank text (line end, indentation) before it.
      let blank = f.start;
      while (blank > cursor && /\s/.test(body[blank - 1]!)) blank--;
      if (!outside(cursor, blank)) return;
      parts.push(body.slice(cursor, blank));
    }
    cursor = f.end;
  }
  if (next !== seen.length) {
    result.fatal = refusal(1, undefined, {
      fr: 'fichier refusé : le lecteur et la réécriture ne voient pas les mêmes enregistrements',
      en: 'file refused: the reader and the rewriting do not see the same records',
    });
    return;
  }
  if (!outside(cursor, body.length)) return;
  parts.push(body.slice(cursor));
  result.output = parts.join('');
}

function rewriteCsv(body: string, seen: Seen[], replace: IdentifierReplacer, result: IdentifierRewrite): void {
  const rows = parseCsv(body);
  const headerAt = rows.findIndex((r) => !isBlank(r));
  const header = rows[headerAt];
  if (!header) {
    result.fatal = refusal(1, undefined, { fr: 'fichier refusé : fichier vide', en: 'file refused: empty file' });
    return;
  }
  const lineOf = lineCounter(body);
  const headerText = body.slice(0, header.end);
  const hex = HEX40.exec(headerText);
  if (hex) {
    result.fatal = refusal(lineOf(hex.index), undefined, {
      fr: "fichier refusé : 40 caractères hexadécimaux dans l'en-tête (un identifiant ?)",
      en: 'file refused: 40 hexadecimal characters in the header (an identifier?)',
    });
    return;
  }
  const names = header.fields.map((f) => f.value.trim());
  const at: Partial<Record<IdentifierVariable, number>> = {};
  for (const name of IDENTIFIER_VARIABLES) if (names.includes(name)) at[name] = names.indexOf(name);
  const byLine = new Map(seen.map((s) => [s.line, s]));
  const parts: string[] = [body.slice(0, header.end), header.newline];
  for (const row of rows.slice(headerAt + 1)) {
    if (isBlank(row)) {
      parts.push(row.newline);
      continue;
    }
    result.read++;
    const s = byLine.get(row.line);
    if (!s) {
      result.refusals.push(refusal(row.line, undefined, NOT_PLACED.unreadable!));
      continue;
    }
    const ids: Found['ids'] = {};
    for (const name of IDENTIFIER_VARIABLES) {
      const i = at[name];
      const cell = i === undefined ? undefined : row.fields[i];
      if (cell === undefined) continue;
      // The value as the reader has it: the cell without its quotes.
      const start = cell.quoted ? cell.start + 1 : cell.start;
      const end = cell.quoted ? start + cell.value.length : cell.end;
      ids[name] = { start, end, line: row.line };
      if (cell.quoted && body.slice(start, end) !== cell.value)
        ids[name] = { start: cell.start, end: cell.start, line: row.line };
    }
    // A CSV row has no element that can be empty-and-absent: an empty cell is the reader's '' (refused by the replacer).
    const r = rewriteRecord(body, { start: row.start, end: row.end, line: row.line, broken: false, ids }, s, replace);
    if ('text' in r) {
      parts.push(r.text, row.newline);
      result.written++;
    } else {
      result.refusals.push(r.refusal);
    }
  }
  result.output = parts.join('');
}

/**
 * Rewrites NUMANONYM and NUMANONYMANT of a transmission text (XML or CSV) with `replace`, through the file's
 * reader, every other byte of each written record unchanged. Records that cannot be placed exactly as the
 * reader reads them are refused with their line; nothing that looks like an identifier is passed through.
 *
 * @example
 * const toLevel2 = createRehasher({ key: 'exemple-cle-observatoire' });
 * const text = `<DECRET><DONNEE><NUMANONYM>${'a'.repeat(40)}</NUMANONYM><TYPEV>1</TYPEV></DONNEE></DECRET>`;
 * const r = await rewriteIdentifiers(text, (value) => toLevel2(value));
 * r.read === r.written + r.refusals.length; // true
 */
export async function rewriteIdentifiers(
  input: string | Uint8Array,
  replace: IdentifierReplacer,
  options: RewriteIdentifiersOptions = {},
): Promise<IdentifierRewrite> {
  let text: string;
  if (typeof input === 'string') text = input;
  else {
    try {
      text = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(input);
    } catch {
      // Not UTF-8: the reader says where, and the file is refused.
      const head = new TextDecoder('utf-8').decode(input.subarray(0, 64)).replace(/^\uFEFF/, '');
      const format =
        options.format === 'xml' || options.format === 'csv' ? options.format : guessFormat(options.fileName, head);
      const view = await readerView(input, format, options.fileName);
      const fatal =
        view.fatal ??
        refusal(1, undefined, {
          fr: "fichier refusé : octets qui ne sont pas de l'UTF-8",
          en: 'file refused: bytes that are not UTF-8',
        });
      return { format, output: '', read: 0, written: 0, refusals: [], fatal };
    }
  }
  const bom = text.charCodeAt(0) === 0xfeff ? '\ufeff' : '';
  const body = text.slice(bom.length);
  const format =
    options.format === 'xml' || options.format === 'csv'
      ? options.format
      : guessFormat(options.fileName, body.slice(0, 64));
  const result: IdentifierRewrite = { format, output: '', read: 0, written: 0, refusals: [] };
  const view = await readerView(body, format, options.fileName);
  if (view.fatal) {
    result.fatal = view.fatal;
    return result;
  }
  if (format === 'xml') rewriteXml(body, view.records, replace, result);
  else rewriteCsv(body, view.records, replace, result);
  if (result.fatal) {
    result.output = '';
    return result;
  }
  result.output = bom + result.output;
  return result;
}
