import { parseArgs } from 'node:util';
import {
  addSource,
  analysisReport,
  indicators,
  linkTable,
  qualityItems,
  RecordTable,
  releaseLines,
  reportCsv,
  reportHtml,
  reportXlsx,
  type LocatedRecord,
} from '../../analysis/index.js';
import { migrate2011, readTransmission } from '../../transmission/index.js';
import { UsageError, type Command } from '../command.js';
import { openInput, openOutput } from '../io.js';
import { createProgress } from '../progress.js';
import { parseEdition, parseEncoding } from '../rules-input.js';
import { reportWithDuckDB } from './export.js';

const usage = `Usage: olinpe report <fichiers…> [--format html|json|csv|xlsx] [--out FICHIER] [--year AAAA] [--edition 2016|2011]
                     [--encoding latin1|windows-1252] [--quiet]
       olinpe report --engine duckdb <dossier Parquet> [--format html|json|csv] [--out FICHIER] [--year AAAA]

Reconstitue les parcours (mesures, renouvellements, fins) à partir d'un ou plusieurs fichiers annuels
(XML ou CSV, dans n'importe quel ordre) et produit les indicateurs : une page HTML autonome (graphiques
SVG, sans réseau, chaque tableau téléchargeable en CSV et tous en classeur .xlsx), du JSON, des tables CSV
(« ; », format long) ou le classeur .xlsx des tableaux de la page (une feuille par tableau).
Rebuilds trajectories from one or several yearly files and reports the indicators.

  --format   html (par défaut), json, csv ou xlsx (--out obligatoire pour xlsx)
  --out      fichier de sortie (par défaut : sortie standard)
  --year     année de référence (par défaut : la dernière année des fichiers)
  --engine   memory (par défaut : en mémoire, à partir des fichiers annuels) ou duckdb (à partir du dossier
             écrit par olinpe export, par les vues SQL de sql/indicators.sql)
  --edition  force l'édition des enregistrements (par défaut : détectée sur chacun ; VERSIONXSD n'est qu'une
             indication) ; les enregistrements 2011 sont migrés vers 2016 pour l'analyse
  --encoding encodage des fichiers CSV : utf-8 (par défaut), latin1 (ISO-8859-1) ou windows-1252
  --quiet    pas de ligne de progression (elle n'est montrée que sur un terminal, jamais dans la sortie)

Code de sortie : 0 rapport produit, 2 fichier illisible en tout ou partie (le rapport est produit sur ce qui a été lu).
`;

export const reportCommand: Command = {
  name: 'report',
  summary: 'parcours et indicateurs des observatoires (trajectories and indicators)',
  usage,
  async run(args, io) {
    const { values, positionals } = parseArgs({
      args,
      allowPositionals: true,
      options: {
        format: { type: 'string', default: 'html' },
        out: { type: 'string', default: '-' },
        year: { type: 'string' },
        edition: { type: 'string' },
        engine: { type: 'string', default: 'memory' },
        encoding: { type: 'string' },
        quiet: { type: 'boolean', default: false },
      },
    });
    const format = values.format;
    if (format !== 'html' && format !== 'json' && format !== 'csv' && format !== 'xlsx')
      throw new UsageError(`--format doit valoir html, json, csv ou xlsx (reçu « ${format} »)`);
    if (format === 'xlsx' && values.out === '-')
      throw new UsageError('--format xlsx écrit un fichier binaire : --out FICHIER.xlsx est attendu (--out expected)');
    if (positionals.length === 0) throw new UsageError('au moins un fichier est attendu (at least one file)');
    const year = values.year === undefined ? undefined : Number(values.year);
    if (year !== undefined && !(Number.isInteger(year) && year > 1900 && year < 2200))
      throw new UsageError(`--year doit être une année (reçu « ${values.year} »)`);
    if (values.engine === 'duckdb') {
      if (format === 'xlsx')
        throw new UsageError('--format xlsx : avec --engine memory seulement (memory engine only)');
      return reportWithDuckDB(positionals, { format, out: values.out, ...(year === undefined ? {} : { year }) }, io);
    }
    if (values.engine !== 'memory')
      throw new UsageError(`--engine doit valoir memory ou duckdb (reçu « ${values.engine} »)`);
    const forced = parseEdition(values.edition);
    const encoding = parseEncoding(values.encoding);
    const table = new RecordTable();
    const progress = createProgress(io.stderr, { quiet: values.quiet, label: 'lignes lues' });
    let errors = 0;
    let migrated = 0;
    let incomplete = false;
    for (const file of positionals) {
      // Each record's edition is detected from its content (or forced): the analysis reads 2016 records, so a
      // 2011 record is migrated first (CODEV → TYPEV…), and counted.
      async function* records(): AsyncGenerator<LocatedRecord> {
        const reading = readTransmission(openInput(file, io), {
          fileName: file,
          checkModel: false,
          ...(forced ? { edition: forced } : {}),
          ...(encoding ? { encoding } : {}),
        });
        for await (const item of reading) {
          if (item.type === 'record') {
            progress.tick();
            if (item.edition === '2011') {
              migrated++;
              yield { values: migrate2011(item.values).record, file, line: item.line };
            } else yield { values: item.values, file, line: item.line };
          } else if (item.type === 'error') {
            if (item.severity !== 'warning') errors++;
            progress.done();
            io.stderr.write(
              `${file}:${item.line}: ${item.severity === 'warning' ? 'avertissement' : 'erreur'} : ${item.message}\n`,
            );
          }
        }
        const s = reading.summary;
        if (s && (s.fatal || s.unreadable > 0)) {
          incomplete = true;
          progress.done();
          io.stderr.write(
            `olinpe report: ${file} : LECTURE INCOMPLÈTE, ${s.read} enregistrement(s) lu(s), ${s.unreadable} fragment(s) illisible(s) (INCOMPLETE READING)\n`,
          );
        }
      }
      await addSource(table, { file, records: records() });
    }
    progress.phase('rattachement des parcours');
    // The linkage consumes the table (each part of the lines let go once used: they are most of the memory);
    // the quality examples locate lines; once taken, the rest of the lines is let go before the indicators, which
    // read the people and measures only.
    const t = linkTable(table, { consume: true });
    const quality = qualityItems(t);
    releaseLines(t);
    progress.phase('calcul des indicateurs');
    // With the charts' data (year-to-year flows, Kaplan–Meier curves), as the DuckDB engine's report gives them too.
    const ind = indicators(t, { charts: true, ...(year === undefined ? {} : { year }) });
    const report = analysisReport(t, ind, quality);
    progress.phase('écriture du rapport');
    const out = await openOutput(values.out, io);
    if (format === 'xlsx') await out.write(reportXlsx(report));
    else
      await out.write(
        format === 'html'
          ? reportHtml(report)
          : format === 'csv'
            ? reportCsv(report)
            : `${JSON.stringify(report, null, 2)}\n`,
      );
    await out.close();
    progress.done();
    io.stderr.write(
      `${table.length} lignes lues${migrated > 0 ? ` (dont ${migrated} de l'édition 2011, migrées vers 2016)` : ''}, ${t.people.length} jeunes, ${t.measures.length} mesures ; ${t.quality.unlinked.length} lignes non rattachées, ${errors} erreurs de lecture\n`,
    );
    return incomplete ? 2 : 0;
  },
};
