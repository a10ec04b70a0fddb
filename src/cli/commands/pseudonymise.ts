import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import type { Readable } from 'node:stream';
import { parseArgs } from 'node:util';
import type { ParseArgsConfig } from 'node:util';
import {
  createIdentityDecoder,
  createPseudonymiser,
  IDENTITY_ENCODINGS,
  keyFromFileBytes,
  MIN_KEY_BYTES,
  PseudonymisationError,
} from '../../pseudonymisation/index.js';
import type { Identity, IdentityEncoding, Key, Pseudonymiser, Scheme } from '../../pseudonymisation/index.js';
import { UsageError } from '../command.js';
import type { CliIO, Command } from '../command.js';
import { openInput, openOutput, registerInput } from '../io.js';
import { columnIndex, csvPieces, isBlank, parseCsv } from '../csv.js';
import type { CsvPiece, CsvRecord } from '../csv.js';

/** Shortest key accepted without `--allow-short-key`, in bytes. */
export const MIN_KEY_LENGTH = MIN_KEY_BYTES;

/**
 * Parses a subcommand's options; on a mistake, says so without repeating what was typed (it could be a key).
 *
 * @example
 * safeParseArgs(['--key-file', 'k.txt'], { 'key-file': { type: 'string' } });
 */
export function safeParseArgs(
  args: string[],
  options: NonNullable<ParseArgsConfig['options']>,
  allowPositionals = false,
): { values: Record<string, string | boolean | undefined>; positionals: string[] } {
  // parseArgs's own errors reach runCli, which names the option and the closest valid one.
  const parsed = parseArgs({ args, options, allowPositionals, strict: true });
  return { values: parsed.values as Record<string, string | boolean | undefined>, positionals: parsed.positionals };
}

/**
 * Reads a key file as bytes (see `keyFromFileBytes`: one final LF or CRLF removed; BOM, extra line break,
 * whitespace only, empty, or shorter than 16 bytes without `allowShort` refused with the reason). Messages never
 * contain the key.
 *
 * @example
 * const key = await readKeyFile('secret/cle.txt', process.cwd(), false);
 */
export async function readKeyFile(path: string | undefined, cwd: string, allowShort: boolean): Promise<Uint8Array> {
  if (!path) throw new UsageError('--key-file est obligatoire (--key-file is required)');
  let bytes: Uint8Array;
  try {
    bytes = await readFile(resolve(cwd, path));
  } catch {
    throw new UsageError('impossible de lire le fichier de clé (cannot read the key file)');
  }
  registerInput(resolve(cwd, path));
  const read = keyFromFileBytes(bytes, { allowShort });
  if ('problem' in read)
    throw new UsageError(`fichier de clé refusé : ${read.problem.fr} (key file refused: ${read.problem.en})`);
  return read.key;
}

/**
 * Reads a whole input as bytes: a file (relative to `cwd`), or the stream when `path` is absent or `-`.
 *
 * @example
 * const bytes = await readInputBytes('in.xml', io.stdin, io.cwd);
 */
export async function readInputBytes(path: string | undefined, stdin: Readable, cwd: string): Promise<Uint8Array> {
  if (path !== undefined && path !== '-') {
    try {
      const bytes = await readFile(resolve(cwd, path));
      registerInput(resolve(cwd, path));
      return bytes;
    } catch {
      throw new UsageError("impossible de lire le fichier d'entrée (cannot read the input file)");
    }
  }
  const chunks: Buffer[] = [];
  for await (const chunk of stdin) chunks.push(typeof chunk === 'string' ? Buffer.from(chunk) : (chunk as Buffer));
  return Buffer.concat(chunks);
}

/**
 * Writes the whole output to a file (relative to `cwd`) or, when `path` is absent or `-`, to the stream.
 *
 * @example
 * await writeOutput(undefined, '...', io);
 */
export async function writeOutput(path: string | undefined, text: string, io: CliIO): Promise<void> {
  // A file is written beside its target and renamed over it once complete (atomic; see openOutput).
  const output = await openOutput(path ?? '-', io);
  await output.write(text);
  await output.close();
}

/** The final line of a run: counts only. */
export function countsLine(command: string, read: number, written: number, rejected: number): string {
  return (
    `olinpe ${command} : ${read} lues, ${written} écrites, ${rejected} rejetées ` +
    `(read ${read} / written ${written} / rejected ${rejected})\n`
  );
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
const NAME_MEMO = 1 << 17;

/**
 * Pseudonymisation of a `;`-separated CSV, piece by piece (pieces cut at row boundaries by `csvPieces`, or the
 * whole text as one piece): NUMANONYM first, identity columns dropped, every other column kept as written, same
 * rows in the same order; rows that cannot be pseudonymised are left out and reported by line. The result does
 * not depend on where the pieces are cut (test/pseudonymisation/streaming.test.ts).
 */
export class CsvPseudonymisation {
  read = 0;
  written = 0;
  private readonly pseudo: Pseudonymiser;
  private layout:
    | { width: number; kept: number[]; prenom: number; nomMere: number; mnais: number; anais: number; jnais: number }
    | undefined;
  private first = true;

  constructor(
    key: Key,
    private readonly scheme: Scheme,
  ) {
    this.pseudo = createPseudonymiser({ key, scheme, memo: NAME_MEMO });
  }

  /** Output text and rejection lines of the next piece. Throws a UsageError on a header without the columns needed. */
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
    const pseudo = this.pseudo;
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
      const identity: Identity = {
        prenom: fields[layout.prenom]!.value,
        nomMere: fields[layout.nomMere]!.value,
        moisNaissance: fields[layout.mnais]!.value,
        anneeNaissance: fields[layout.anais]!.value,
        jourNaissance: layout.jnais >= 0 ? fields[layout.jnais]!.value : undefined,
      };
      let row: string;
      try {
        row = pseudo(identity);
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
  private plainPiece(
    text: string,
    firstLine: number,
    layout: NonNullable<CsvPseudonymisation['layout']>,
  ): { output: string; rejections: string[] } {
    const out: string[] = [];
    const rejections: string[] = [];
    const pseudo = this.pseudo;
    const starts: number[] = [];
    const ends: number[] = [];
    const { width, kept, prenom, nomMere, mnais, anais, jnais } = layout;
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
      const field = (i: number): string => text.slice(starts[i], ends[i]);
      let row: string;
      try {
        row = pseudo({
          prenom: field(prenom),
          nomMere: field(nomMere),
          moisNaissance: field(mnais),
          anneeNaissance: field(anais),
          jourNaissance: jnais >= 0 ? field(jnais) : undefined,
        });
      } catch (error) {
        if (!(error instanceof PseudonymisationError)) throw error;
        rejections.push(rejectionLine(line, FIELD_COLUMN[error.field] ?? error.field, error));
        continue;
      }
      this.written++;
      for (const i of kept) row += ';' + text.slice(starts[i], ends[i]);
      out.push(row, '\n');
    }
    return { output: out.join(''), rejections };
  }

  /** After the last piece: a file without a header row is refused. */
  finish(): void {
    if (this.layout === undefined) throw new UsageError("le fichier d'entrée est vide (the input is empty)");
  }

  private header(header: CsvRecord, text: string, out: string[]): void {
    const required = ['PRENOM', 'NOMMERE', 'MNAIS', 'ANAIS', ...(this.scheme === 'oned-2011' ? ['JNAIS'] : [])];
    const missing = required.filter((c) => columnIndex(header, c) < 0);
    if (missing.length > 0) {
      throw new UsageError(`colonnes absentes de l'en-tête : ${missing.join(', ')} (missing header columns)`);
    }
    if (columnIndex(header, 'NUMANONYM') >= 0) {
      throw new UsageError("l'entrée a déjà une colonne NUMANONYM (the input already has a NUMANONYM column)");
    }
    const at = (name: string): number => columnIndex(header, name);
    const identityIndexes = new Set(IDENTITY_COLUMNS.map(at).filter((i) => i >= 0));
    const kept = header.fields.map((_, i) => i).filter((i) => !identityIndexes.has(i));
    this.layout = {
      width: header.fields.length,
      kept,
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

const usage = `Usage: olinpe pseudonymise --key-file FICHIER [--scheme olinpe-2016|oned-2011] [--in FICHIER] [--out FICHIER]
                          [--encoding latin1|windows-1252] [--allow-short-key]

Calcule NUMANONYM (niveau 1, département) pour chaque ligne d'un CSV UTF-8 séparé par « ; » dont l'en-tête
nomme PRENOM, NOMMERE, MNAIS, ANAIS (et JNAIS pour oned-2011). Écrit les mêmes lignes, NUMANONYM en premier,
sans les colonnes d'identité (PRENOM, NOMMERE, JNAIS, NOMUSAGE, PRENOMS). Les lignes rejetées sont signalées
sur la sortie d'erreur par numéro de ligne et nom de champ ; code de sortie 1 s'il y en a.
Computes the level-1 NUMANONYM for each row of a ';'-separated UTF-8 CSV and drops the identity columns.

  --key-file         fichier contenant la clé du département : ses octets, sans un saut de ligne final (LF
                     ou CRLF) ; BOM, second saut de ligne, espaces seuls refusés
  --scheme           olinpe-2016 (par défaut, mois et année) ou oned-2011 (jour, mois et année)
  --in, --out        fichiers d'entrée et de sortie (par défaut : entrée et sortie standard)
  --encoding         encodage du fichier d'identités s'il n'est pas en UTF-8 : latin1 (ISO-8859-1) ou
                     windows-1252. Sans cette option, un octet qui n'est pas de l'UTF-8 fait refuser le fichier
                     (ligne indiquée, code 2) : une lettre perdue changerait le pseudonyme sans bruit.
  --allow-short-key  accepter une clé de moins de ${MIN_KEY_LENGTH} caractères (déconseillé)
`;

export const pseudonymiseCommand: Command = {
  name: 'pseudonymise',
  summary: 'Calcule NUMANONYM à partir des identités d’un CSV (level-1 pseudonymisation)',
  usage,
  async run(args, io) {
    const { values } = safeParseArgs(args, {
      'key-file': { type: 'string' },
      scheme: { type: 'string', default: 'olinpe-2016' },
      in: { type: 'string' },
      out: { type: 'string' },
      'allow-short-key': { type: 'boolean', default: false },
      encoding: { type: 'string', default: 'utf-8' },
    });
    const encoding = values.encoding === 'utf8' ? 'utf-8' : values.encoding;
    if (!(IDENTITY_ENCODINGS as readonly unknown[]).includes(encoding)) {
      throw new UsageError('--encoding doit valoir latin1 ou windows-1252 (--encoding must be latin1 or windows-1252)');
    }
    const scheme = values.scheme;
    if (scheme !== 'olinpe-2016' && scheme !== 'oned-2011') {
      throw new UsageError('--scheme doit valoir olinpe-2016 ou oned-2011 (--scheme must be olinpe-2016 or oned-2011)');
    }
    const key = await readKeyFile(values['key-file'] as string | undefined, io.cwd, values['allow-short-key'] === true);
    // Read, decoded, pseudonymised and written piece by piece: memory does not grow with the file. The output is a
    // temporary file renamed at the end (stdout: spooled, then copied), so a file refused half-way (bytes that
    // are not in the encoding) leaves nothing behind.
    const input = openInput((values.in as string | undefined) ?? '-', io);
    const output = await openOutput((values.out as string | undefined) ?? '-', io, { spool: true });
    const run = new CsvPseudonymisation(key, scheme);
    const decoder = createIdentityDecoder(encoding as IdentityEncoding);
    async function* text(): AsyncGenerator<string> {
      const decoded = (chunk: Uint8Array, final: boolean): string => {
        const r = decoder.decode(chunk, final);
        if ('problem' in r) {
          const { line, fr, en } = r.problem;
          throw new UsageError(
            `fichier d'identités refusé, ligne ${line} : ${fr} (identity file refused, line ${line}: ${en})`,
          );
        }
        return r.text;
      };
      for await (const chunk of input) yield decoded(chunk, false);
      yield decoded(new Uint8Array(0), true);
    }
    let rejected = 0;
    for await (const piece of csvPieces(text(), { pieceLength: 1 << 16 })) {
      const { output: written, rejections } = run.piece(piece);
      if (written.length > 0) await output.write(written);
      for (const line of rejections) io.stderr.write(`olinpe pseudonymise : ${line}`);
      rejected += rejections.length;
    }
    run.finish();
    await output.close();
    io.stderr.write(countsLine('pseudonymise', run.read, run.written, rejected));
    return rejected > 0 ? 1 : 0;
  },
};
