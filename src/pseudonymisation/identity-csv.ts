/**
 * Pseudonymisation of an identity file: a `;`-separated CSV whose header names PRENOM, NOMMERE, MNAIS, ANAIS (and
 * JNAIS for oned-2011), read whole or piece by piece. Written out: NUMANONYM first, the identity columns dropped,
 * every other column as it was. What `olinpe pseudonymise` and `olinpe demo` run; moved here from the CLI so that
 * a program can do the same without the command line.
 *
 * @module
 */
import { columnIndex, isBlank, parseCsv, type CsvPiece, type CsvRecord } from '../_lib/csv-text.js';
import { PseudonymisationError } from './errors.js';
import type { Key } from './key.js';
import type { Identity, Scheme } from './identity.js';
import type { Sha1Utf8 } from './sha1.js';
import { keyBytes } from './key.js';
import { NameTable } from './name-table.js';
import { birthDigits, hashHalves, type Halves } from './pseudonymise.js';
import { sha1Hex } from './sha1.js';

/**
 * A header that does not allow pseudonymising the file (a column needed is missing, or NUMANONYM is already
 * there). Its message is bilingual and names columns only. The CLI shows it as a usage error (exit code 2).
 */
export class IdentityCsvError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'IdentityCsvError';
  }
}

/** One rejected row, named by its line and field (never its content). */
export function rejectionLine(line: number, column: string, error: unknown): string {
  if (error instanceof PseudonymisationError) {
    const fr = error.messageFr.slice(error.messageFr.indexOf(':') + 2);
    const en = error.messageEn.slice(error.messageEn.indexOf(':') + 2);
    return `ligne ${line} : ${column} : ${fr} (line ${line}: ${column}: ${en})\n`;
  }
  return `ligne ${line} : ${column} : rejetée (line ${line}: ${column}: rejected)\n`;
}

/** Identity columns: never written out. */
export const IDENTITY_COLUMNS = ['PRENOM', 'NOMMERE', 'JNAIS', 'NOMUSAGE', 'PRENOMS'] as const;

const FIELD_COLUMN: Record<string, string> = {
  prenom: 'PRENOM',
  nomMere: 'NOMMERE',
  jourNaissance: 'JNAIS',
  moisNaissance: 'MNAIS',
  anneeNaissance: 'ANAIS',
};

/** The outcome of pseudonymising a CSV text. */
export interface PseudonymiseCsvResult {
  output: string;
  read: number;
  written: number;
  /** One line per rejected row, ready for stderr. */
  rejections: string[];
}

/** Distinct names whose normalised form and phonetic code a run remembers (see `memo` of createPseudonymiser). */
const NAME_MEMO = 1 << 16;

/** Where a row's fields are, and which runs of consecutive kept columns it writes after NUMANONYM. */
interface Layout {
  width: number;
  kept: number[];
  /** [first, last] column of each run of consecutive kept columns: written as one slice of the row. */
  runs: Array<readonly [number, number]>;
  prenom: number;
  nomMere: number;
  mnais: number;
  anais: number;
  jnais: number;
}

/**
 * Pseudonymisation of a `;`-separated CSV, piece by piece (pieces cut at row boundaries by `csvPieces`, or the
 * whole text as one piece): NUMANONYM first, identity columns dropped, every other column kept as written, same
 * rows in the same order; rows that cannot be pseudonymised are left out and reported by line. The result does
 * not depend on where the pieces are cut (test/pseudonymisation/streaming.test.ts).
 */
export class CsvPseudonymisation {
  read = 0;
  written = 0;
  private readonly halves: Halves;
  private readonly names: NameTable;
  private layout: Layout | undefined;
  private first = true;

  /** `sha1Utf8`: a faster SHA-1 of texts, e.g. `node:crypto`'s (see `createPseudonymiser`); same output. */
  constructor(
    key: Key,
    private readonly scheme: Scheme,
    sha1Utf8?: Sha1Utf8,
  ) {
    if (scheme !== 'olinpe-2016' && scheme !== 'oned-2011') throw new PseudonymisationError('scheme', 'invalid');
    // What createPseudonymiser({ key, scheme, memo, sha1Utf8 }) does, the names looked up in place (NameTable).
    this.halves = hashHalves(keyBytes(key), sha1Hex, sha1Utf8);
    this.names = new NameTable(NAME_MEMO);
  }

  /** NUMANONYM of a row whose names are `a.slice(as, ae)` and `b.slice(bs, be)`; throws a PseudonymisationError. */
  private numanonym(
    a: string,
    as: number,
    ae: number,
    b: string,
    bs: number,
    be: number,
    dates: Pick<Identity, 'moisNaissance' | 'anneeNaissance' | 'jourNaissance'>,
  ): string {
    const p = this.names.lookup(a, as, ae, 'prenom');
    const m = this.names.lookup(b, bs, be, 'nomMere');
    const d = birthDigits(dates as Identity, this.scheme);
    return this.halves(p[0], m[0], d, p[1], m[1]);
  }

  /** Output text and rejection lines of the next piece. Throws an IdentityCsvError on a header without the columns needed. */
  piece(piece: CsvPiece): { output: string; rejections: string[] } {
    const text = piece.text;
    if (this.layout !== undefined && !piece.first && text.indexOf('"') < 0 && text.indexOf('\r') < 0) {
      return this.plainPiece(text, piece.line, this.layout);
    }
    const records = piece.records;
    const out: string[] = [];
    const rejections: string[] = [];
    if (this.first) {
      this.first = false;
      if (text.charCodeAt(0) === 0xfeff) out.push('\ufeff');
    }
    for (const record of records) {
      if (isBlank(record)) continue;
      const layout = this.layout;
      if (layout === undefined) {
        this.header(record, text, out);
        continue;
      }
      this.read++;
      const fields = record.fields;
      if (fields.length !== layout.width) {
        rejections.push(
          `ligne ${record.line} : ${fields.length} champs au lieu de ${layout.width} ` +
            `(line ${record.line}: ${fields.length} fields instead of ${layout.width})\n`,
        );
        continue;
      }
      const prenom = fields[layout.prenom]!.value;
      const nomMere = fields[layout.nomMere]!.value;
      let row: string;
      try {
        row = this.numanonym(prenom, 0, prenom.length, nomMere, 0, nomMere.length, {
          moisNaissance: fields[layout.mnais]!.value,
          anneeNaissance: fields[layout.anais]!.value,
          jourNaissance: layout.jnais >= 0 ? fields[layout.jnais]!.value : undefined,
        });
      } catch (error) {
        if (!(error instanceof PseudonymisationError)) throw error;
        rejections.push(rejectionLine(record.line, FIELD_COLUMN[error.field] ?? error.field, error));
        continue;
      }
      this.written++;
      for (const i of layout.kept) {
        const f = fields[i]!;
        row += ';' + text.slice(f.start, f.end);
      }
      out.push(row, record.newline || '\n');
    }
    return { output: out.join(''), rejections };
  }

  /**
   * A piece without quotes or CR, split with indexOf: the same rows, fields and lines as `parseCsv` gives (every
   * row ends with LF, except perhaps the last; an empty line is a blank row), without a record object per row.
   */
  private plainPiece(text: string, firstLine: number, layout: Layout): { output: string; rejections: string[] } {
    const out: string[] = [];
    const rejections: string[] = [];
    const starts: number[] = [];
    const ends: number[] = [];
    const { width, runs, prenom, nomMere, mnais, anais, jnais } = layout;
    const n = text.length;
    let line = firstLine;
    for (let pos = 0; pos < n; line++) {
      const nl = text.indexOf('\n', pos);
      const end = nl < 0 ? n : nl;
      if (end === pos) {
        pos = end + 1;
        continue;
      }
      let count = 0;
      for (let a = pos; ; ) {
        const semi = text.indexOf(';', a);
        starts[count] = a;
        if (semi < 0 || semi > end) {
          ends[count++] = end;
          break;
        }
        ends[count++] = semi;
        a = semi + 1;
      }
      pos = end + 1;
      this.read++;
      if (count !== width) {
        rejections.push(
          `ligne ${line} : ${count} champs au lieu de ${width} (line ${line}: ${count} fields instead of ${width})\n`,
        );
        continue;
      }
      let row: string;
      try {
        row = this.numanonym(text, starts[prenom]!, ends[prenom]!, text, starts[nomMere]!, ends[nomMere]!, {
          moisNaissance: text.slice(starts[mnais], ends[mnais]),
          anneeNaissance: text.slice(starts[anais], ends[anais]),
          jourNaissance: jnais >= 0 ? text.slice(starts[jnais], ends[jnais]) : undefined,
        });
      } catch (error) {
        if (!(error instanceof PseudonymisationError)) throw error;
        rejections.push(rejectionLine(line, FIELD_COLUMN[error.field] ?? error.field, error));
        continue;
      }
      this.written++;
      // Consecutive kept fields are one slice: in a plain row, exactly one ';' lies between two fields.
      for (const [first, last] of runs) row += ';' + text.slice(starts[first], ends[last]);
      out.push(row, '\n');
    }
    return { output: out.join(''), rejections };
  }

  /** After the last piece: a file without a header row is refused. */
  finish(): void {
    if (this.layout === undefined) throw new IdentityCsvError("le fichier d'entrée est vide (the input is empty)");
  }

  private header(header: CsvRecord, text: string, out: string[]): void {
    const required = ['PRENOM', 'NOMMERE', 'MNAIS', 'ANAIS', ...(this.scheme === 'oned-2011' ? ['JNAIS'] : [])];
    const missing = required.filter((c) => columnIndex(header, c) < 0);
    if (missing.length > 0) {
      throw new IdentityCsvError(`colonnes absentes de l'en-tête : ${missing.join(', ')} (missing header columns)`);
    }
    if (columnIndex(header, 'NUMANONYM') >= 0) {
      throw new IdentityCsvError("l'entrée a déjà une colonne NUMANONYM (the input already has a NUMANONYM column)");
    }
    const at = (name: string): number => columnIndex(header, name);
    const identityIndexes = new Set(IDENTITY_COLUMNS.map(at).filter((i) => i >= 0));
    const kept = header.fields.map((_, i) => i).filter((i) => !identityIndexes.has(i));
    const runs: Array<readonly [number, number]> = [];
    for (const i of kept) {
      const last = runs[runs.length - 1];
      if (last !== undefined && last[1] === i - 1) runs[runs.length - 1] = [last[0], i];
      else runs.push([i, i]);
    }
    this.layout = {
      width: header.fields.length,
      kept,
      runs,
      prenom: at('PRENOM'),
      nomMere: at('NOMMERE'),
      mnais: at('MNAIS'),
      anais: at('ANAIS'),
      jnais: at('JNAIS'),
    };
    const raw = (i: number): string => text.slice(header.fields[i]!.start, header.fields[i]!.end);
    out.push(['NUMANONYM', ...kept.map(raw)].join(';'), header.newline || '\n');
  }
}

/**
 * Pseudonymises a `;`-separated CSV text: NUMANONYM first, identity columns dropped, every other column kept as
 * written, same rows in the same order; rows that cannot be pseudonymised are left out and reported.
 *
 * @example
 * pseudonymiseCsv('PRENOM;NOMMERE;MNAIS;ANAIS;SEXE\nZoé;Dupont;11;2012;2\n', 'exemple-cle-departementale', 'olinpe-2016');
 * // { output: 'NUMANONYM;MNAIS;ANAIS;SEXE\n3e33…a30a;11;2012;2\n', read: 1, written: 1, rejections: [] }
 */
export function pseudonymiseCsv(text: string, key: Key, scheme: Scheme): PseudonymiseCsvResult {
  const run = new CsvPseudonymisation(key, scheme);
  const { output, rejections } = run.piece({ text, line: 1, first: true, records: parseCsv(text) });
  run.finish();
  return { output, read: run.read, written: run.written, rejections };
}
