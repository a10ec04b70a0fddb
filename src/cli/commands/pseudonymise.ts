import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import type { ParseArgsConfig } from 'node:util';
import {
  CsvPseudonymisation,
  IDENTITY_ENCODINGS,
  IdentityCsvError,
  keyFromFileBytes,
  MIN_KEY_BYTES,
} from '../../pseudonymisation/index.js';
import type { IdentityEncoding } from '../../pseudonymisation/index.js';
import { UsageError } from '../command.js';
import { nodeSha1Bytes, nodeSha1Digest, nodeSha1Utf8 } from '../sha1.js';
import type { CliIO, Command } from '../command.js';
import { openInput, openOutput, registerInput } from '../io.js';

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
    const run = new CsvPseudonymisation(key, scheme, nodeSha1Utf8, {
      sha1Bytes: nodeSha1Bytes,
      sha1Digest: nodeSha1Digest,
    });
    let rejected = 0;
    try {
      // A UTF-8 file is pseudonymised on its bytes where it can (see CsvPseudonymisation.pseudonymiseBytes).
      for await (const { output: written, rejections } of run.pseudonymiseBytes(input, encoding as IdentityEncoding)) {
        if (written.length > 0) await output.write(written);
        for (const line of rejections) io.stderr.write(`olinpe pseudonymise : ${line}`);
        rejected += rejections.length;
      }
    } catch (error) {
      throw error instanceof IdentityCsvError ? new UsageError(error.message) : error;
    }
    await output.close();
    io.stderr.write(countsLine('pseudonymise', run.read, run.written, rejected));
    return rejected > 0 ? 1 : 0;
  },
};
