import { createRehasher, PseudonymisationError } from '../../pseudonymisation/index.js';
import { UsageError } from '../command.js';
import type { Command } from '../command.js';
import { columnIndex, isBlank, parseCsv } from '../csv.js';
import { rehashXml } from '../rehash-xml.js';
import { countsLine, readInput, readKeyFile, rejectionLine, safeParseArgs, writeOutput } from './pseudonymise.js';

/** The columns re-hashed at level 2. */
export const REHASHED_COLUMNS = ['NUMANONYM', 'NUMANONYMANT'] as const;

/** The outcome of re-hashing a CSV transmission text. */
export interface RehashCsvResult {
  output: string;
  read: number;
  written: number;
  rejections: string[];
}

/**
 * Re-hashes the NUMANONYM and NUMANONYMANT columns of a `;`-separated CSV transmission with `rehashValue`
 * (a function over one received value, reusable for XML), leaving every other byte of each record unchanged.
 * A record whose identifier cannot be re-hashed is left out and reported by line and column.
 *
 * @example
 * const toLevel2 = createRehasher({ key: observatoryKey });
 * rehashCsv(text, (value, column) => toLevel2(value, column === 'NUMANONYM' ? 'numanonym' : 'numanonymAnt'));
 */
export function rehashCsv(
  text: string,
  rehashValue: (value: string, column: (typeof REHASHED_COLUMNS)[number]) => string,
): RehashCsvResult {
  const records = parseCsv(text);
  const headerAt = records.findIndex((r) => !isBlank(r));
  const header = records[headerAt];
  if (!header) throw new UsageError("le fichier d'entrée est vide (the input is empty)");
  const columns = REHASHED_COLUMNS.map((name) => ({ name, index: columnIndex(header, name) })).filter(
    (c) => c.index >= 0,
  );
  if (!columns.some((c) => c.name === 'NUMANONYM')) {
    throw new UsageError("colonne NUMANONYM absente de l'en-tête (missing NUMANONYM header column)");
  }
  const bom = text.charCodeAt(0) === 0xfeff ? '\ufeff' : '';
  const out: string[] = [bom];
  const rejections: string[] = [];
  let read = 0;
  let written = 0;
  for (const [n, record] of records.entries()) {
    if (n <= headerAt || isBlank(record)) {
      out.push(text.slice(record.start, record.end), record.newline);
      continue;
    }
    read++;
    const replacements: Array<{ start: number; end: number; text: string }> = [];
    let failed = false;
    for (const { name, index } of columns) {
      const field = record.fields[index];
      try {
        if (!field) throw new PseudonymisationError(name === 'NUMANONYM' ? 'numanonym' : 'numanonymAnt', 'missing');
        const value = rehashValue(field.value, name);
        replacements.push({ start: field.start, end: field.end, text: field.quoted ? `"${value}"` : value });
      } catch (error) {
        if (!(error instanceof PseudonymisationError)) throw error;
        rejections.push(rejectionLine(record.line, name, error));
        failed = true;
        break;
      }
    }
    if (failed) continue;
    written++;
    let cursor = record.start;
    for (const r of replacements.sort((a, b) => a.start - b.start)) {
      out.push(text.slice(cursor, r.start), r.text);
      cursor = r.end;
    }
    out.push(text.slice(cursor, record.end), record.newline);
  }
  return { output: out.join(''), read, written, rejections };
}

const usage = `Usage: olinpe rehash --key-file FICHIER [--allow-short-key] <entrée> <sortie>

Second niveau (observatoire) : re-hache NUMANONYM et NUMANONYMANT d'un fichier de transmission (XML
<DECRET> ou CSV « ; », UTF-8) avec la clé de l'observatoire, sans toucher à aucun autre octet des
enregistrements. Un enregistrement dont l'identifiant ne peut être re-haché est écarté et signalé (ligne,
élément) : un identifiant de niveau 1 n'atteint jamais le fichier de niveau 2. « - » désigne l'entrée ou la
sortie standard.
Level 2 (observatory): re-hashes NUMANONYM and NUMANONYMANT of an XML or CSV transmission file, every other
byte unchanged; a record whose identifier cannot be re-hashed is left out and reported.

  --key-file         fichier contenant la clé de l'observatoire (un saut de ligne final est ignoré)
  --allow-short-key  accepter une clé de moins de 16 caractères (déconseillé)
`;

export const rehashCommand: Command = {
  name: 'rehash',
  summary: 're-hache NUMANONYM et NUMANONYMANT au niveau 2 (observatory re-hash, XML or CSV)',
  usage,
  async run(args, io) {
    const { values, positionals } = safeParseArgs(
      args,
      { 'key-file': { type: 'string' }, 'allow-short-key': { type: 'boolean', default: false } },
      true,
    );
    if (positionals.length !== 2) {
      throw new UsageError('il faut une entrée et une sortie (an input and an output are required)');
    }
    const [input, output] = positionals as [string, string];
    const key = await readKeyFile(values['key-file'] as string | undefined, io.cwd, values['allow-short-key'] === true);
    const toLevel2 = createRehasher({ key });
    const text = await readInput(input, io.stdin, io.cwd);
    const rehashValue = (value: string, column: (typeof REHASHED_COLUMNS)[number]): string =>
      toLevel2(value, column === 'NUMANONYM' ? 'numanonym' : 'numanonymAnt');
    const xml = text.replace(/^\uFEFF/, '').trimStart().startsWith('<');
    const result = xml ? rehashXml(text, rehashValue) : rehashCsv(text, rehashValue);
    await writeOutput(output, result.output, io);
    for (const line of result.rejections) io.stderr.write(`olinpe rehash : ${line}`);
    io.stderr.write(countsLine('rehash', result.read, result.written, result.rejections.length));
    return result.rejections.length > 0 ? 1 : 0;
  },
};
