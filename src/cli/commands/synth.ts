import { identitiesCsv, synthesise, synthLines } from '../../synth/index.js';
import type { SynthOptions } from '../../synth/index.js';
import { editionData } from '../../nomenclature/index.js';
import { csvField, donneeXml, elementOrder, escapeXml } from '../../transmission/index.js';
import { UsageError } from '../command.js';
import type { Command } from '../command.js';
import { openOutput, pipeTo } from '../io.js';
import { countedSync, createProgress } from '../progress.js';
import { readKeyFile, safeParseArgs } from './pseudonymise.js';

const USAGE = `olinpe synth --year AAAA [--records N | --young-people N] [--seed S] [options]

Génère l'extraction synthétique d'un département pour l'année AAAA (données fictives, déterministes pour une graine).
Generates a synthetic yearly extraction of one département (fake data, deterministic for a seed).

  --year AAAA            année de l'extraction (obligatoire)
  --records N            nombre approximatif de lignes (défaut 1000)
  --young-people N       nombre approximatif de jeunes dans le fichier (au lieu de --records)
  --seed S               graine (nombre ou texte, défaut 1)
  --department CODE      NUMDEP (défaut 84)
  --edition 2016|2011    modèle d'enregistrement (défaut 2016)
  --format xml|csv       format du fichier (défaut : selon l'extension de --out, sinon xml)
  --out FICHIER          fichier de sortie (défaut : sortie standard)
  --error-rate R         part de lignes avec une erreur injectée (0 à 0.5)
  --errors FICHIER       liste JSON des erreurs injectées (défaut : <out>.errors.json si --error-rate)
  --identities FICHIER   CSV des identités fictives (PRENOM;NOMMERE;JNAIS;MNAIS;ANAIS;REF)
  --truth FICHIER        vérité terrain JSON (mesures et parcours)
  --key-file FICHIER     clé de niveau 1 (défaut : clé de démonstration publique)
  --date-export AAAA-MM-JJ  DATEXPORT écrit (défaut : 31 janvier de l'année suivante)
  --quiet                pas de ligne de progression (montrée seulement sur un terminal, jamais dans la sortie)
`;

function intOption(value: string | boolean | undefined, name: string, min: number): number | undefined {
  if (value === undefined || typeof value !== 'string') return undefined;
  const n = Number(value);
  if (!Number.isInteger(n) || n < min)
    throw new UsageError(`--${name} : entier ≥ ${min} attendu (integer ≥ ${min} expected)`);
  return n;
}

/**
 * The file text, in chunks, laid out as `writeTransmission` does (schema order, empty elements for empty values),
 * but WITHOUT refusing records that do not fit the model: an injected invalid code or date must reach the file at
 * the record index the sidecar names.
 */
function* fileChunks(
  records: Iterable<Record<string, string | undefined>>,
  o: { format: 'xml' | 'csv'; edition: '2016' | '2011'; dateExport: string },
  count: { written: number },
): Generator<string> {
  const order = elementOrder(o.edition);
  let buffer =
    o.format === 'xml'
      ? '<?xml version="1.0" encoding="UTF-8"?>\n<DECRET>\n  <INTRO>\n' +
        `    <VERSIONXSD>${escapeXml(editionData(o.edition).xsdVersion)}</VERSIONXSD>\n    <DATEXPORT>${escapeXml(o.dateExport)}</DATEXPORT>\n  </INTRO>\n`
      : `${order.map(csvField).join(';')}\n`;
  for (const r of records) {
    count.written++;
    buffer += o.format === 'xml' ? donneeXml(r, order, true) : `${order.map((n) => csvField(r[n] ?? '')).join(';')}\n`;
    if (buffer.length > 65_536) {
      yield buffer;
      buffer = '';
    }
  }
  if (o.format === 'xml') buffer += '</DECRET>\n';
  yield buffer;
}

export const synthCommand: Command = {
  name: 'synth',
  summary: 'génère une extraction synthétique (données fictives) / generates a synthetic extraction',
  usage: USAGE,
  async run(args, io) {
    const { values } = safeParseArgs(args, {
      year: { type: 'string' },
      records: { type: 'string' },
      'young-people': { type: 'string' },
      seed: { type: 'string' },
      department: { type: 'string' },
      edition: { type: 'string' },
      format: { type: 'string' },
      out: { type: 'string' },
      'error-rate': { type: 'string' },
      errors: { type: 'string' },
      identities: { type: 'string' },
      truth: { type: 'string' },
      'key-file': { type: 'string' },
      'date-export': { type: 'string' },
      quiet: { type: 'boolean' },
      help: { type: 'boolean' },
    });
    if (values.help) {
      io.stdout.write(USAGE);
      return 0;
    }
    const year = intOption(values.year, 'year', 1950);
    if (year === undefined) throw new UsageError('--year est obligatoire (--year is required)');
    const edition = (values.edition as string | undefined) ?? '2016';
    if (edition !== '2016' && edition !== '2011')
      throw new UsageError('--edition : 2016 ou 2011 (--edition: 2016 or 2011)');
    const out = (values.out as string | undefined) ?? '-';
    const format = (values.format as string | undefined) ?? (out.toLowerCase().endsWith('.csv') ? 'csv' : 'xml');
    if (format !== 'xml' && format !== 'csv') throw new UsageError('--format : xml ou csv (--format: xml or csv)');
    const errorRate = values['error-rate'] === undefined ? 0 : Number(values['error-rate']);
    if (!(errorRate >= 0 && errorRate <= 0.5))
      throw new UsageError('--error-rate : nombre entre 0 et 0.5 (number between 0 and 0.5)');
    const seedText = (values.seed as string | undefined) ?? '1';
    const seed = /^\d+$/.test(seedText) ? Number(seedText) : seedText;
    const options: SynthOptions = {
      seed,
      year,
      edition,
      department: (values.department as string | undefined) ?? '84',
      errorRate,
    };
    const records = intOption(values.records, 'records', 1);
    const youngPeople = intOption(values['young-people'], 'young-people', 1);
    if (records !== undefined) options.records = records;
    else if (youngPeople !== undefined) options.youngPeople = youngPeople;
    else options.records = 1000;
    if (values['key-file'] !== undefined) options.key = await readKeyFile(values['key-file'] as string, io.cwd, false);
    const dateExport = (values['date-export'] as string | undefined) ?? `${year + 1}-01-31`;
    try {
      // Check options (department, year) before writing anything.
      synthLines(options).next();
    } catch (error) {
      throw new UsageError(error instanceof Error ? error.message : String(error));
    }
    const errorsPath =
      (values.errors as string | undefined) ?? (errorRate > 0 && out !== '-' ? `${out}.errors.json` : undefined);
    const needResult =
      errorRate > 0 || values.identities !== undefined || values.truth !== undefined || errorsPath !== undefined;
    const writeOpts = { format: format as 'xml' | 'csv', edition: edition as '2016' | '2011', dateExport };
    const count = { written: 0 };
    const progress = createProgress(io.stderr, { quiet: values.quiet === true, label: 'lignes écrites' });
    let injected = 0;
    if (!needResult) {
      // Streaming: nothing kept in memory (large files).
      const stream = (function* () {
        for (const line of synthLines(options)) yield line.record as Record<string, string | undefined>;
      })();
      const output = await openOutput(out, io);
      await pipeTo(fileChunks(countedSync(stream, progress), writeOpts, count), output);
      await output.close();
    } else {
      const result = synthesise(options);
      const output = await openOutput(out, io);
      await pipeTo(
        fileChunks(countedSync(result.records as Record<string, string | undefined>[], progress), writeOpts, count),
        output,
      );
      await output.close();
      injected = result.injected.length;
      if (errorsPath !== undefined) {
        const o = await openOutput(errorsPath, io);
        await o.write(`${JSON.stringify({ year, seed, errorRate, injected: result.injected }, null, 2)}\n`);
        await o.close();
      }
      if (values.identities !== undefined) {
        const o = await openOutput(values.identities as string, io);
        await o.write(identitiesCsv(result.identities));
        await o.close();
      }
      if (values.truth !== undefined) {
        const o = await openOutput(values.truth as string, io);
        await o.write(`${JSON.stringify(result.truth)}\n`);
        await o.close();
      }
    }
    progress.done();
    const written = count.written;
    io.stderr.write(
      `${written} lignes écrites (${edition}, ${format}, ${year}), ${injected} erreurs injectées / ${written} lines written, ${injected} injected errors\n`,
    );
    return 0;
  },
};
