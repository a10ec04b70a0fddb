import { parseArgs } from 'node:util';
import { addSource, analysisReport, indicators, linkTable, RecordTable, reportCsv, reportHtml, type LocatedRecord } from '../../analysis/index.js';
import { migrate2011, readTransmission } from '../../transmission/index.js';
import { UsageError, type Command } from '../command.js';
import { openInput, openOutput } from '../io.js';
import { parseEdition, parseEncoding } from '../rules-input.js';
import { reportWithDuckDB } from './export.js';

const usage = `Usage: olinpe report <fichiers…> [--format html|json|csv] [--out FICHIER] [--year AAAA] [--edition 2016|2011]
                     [--encoding latin1|windows-1252]
       olinpe report --engine duckdb <dossier Parquet> [--format html|json|csv] [--out FICHIER] [--year AAAA]

Reconstitue les parcours (mesures, renouvellements, fins) à partir d'un ou plusieurs fichiers annuels
(XML ou CSV, dans n'importe quel ordre) et produit les indicateurs : une page HTML autonome (graphiques
SVG, sans réseau), du JSON ou des tables CSV (« ; », format long).
Rebuilds trajectories from one or several yearly files and reports the indicators.

  --format   html (par défaut), json ou csv
  --out      fichier de sortie (par défaut : sortie standard)
  --year     année de référence (par défaut : la dernière année des fichiers)
  --engine   memory (par défaut : en mémoire, à partir des fichiers annuels) ou duckdb (à partir du dossier
             écrit par olinpe export, par les vues SQL de sql/indicators.sql)
  --edition  force l'édition des enregistrements (par défaut : détectée sur chacun ; VERSIONXSD n'est qu'une
             indication) ; les enregistrements 2011 sont migrés vers 2016 pour l'analyse
  --encoding encodage des fichiers CSV : utf-8 (par défaut), latin1 (ISO-8859-1) ou windows-1252

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
      options: { format: { type: 'string', default: 'html' }, out: { type: 'string', default: '-' }, year: { type: 'string' }, edition: { type: 'string' }, engine: { type: 'string', default: 'memory' }, encoding: { type: 'string' } },
    });
    const format = values.format;
    if (format !== 'html' && format !== 'json' && format !== 'csv') throw new UsageError(`--format doit valoir html, json ou csv (reçu « ${format} »)`);
    if (positionals.length === 0) throw new UsageError('au moins un fichier est attendu (at least one file)');
    const year = values.year === undefined ? undefined : Number(values.year);
    if (year !== undefined && !(Number.isInteger(year) && year > 1900 && year < 2200)) throw new UsageError(`--year doit être une année (reçu « ${values.year} »)`);
    if (values.engine === 'duckdb') return reportWithDuckDB(positionals, { format, out: values.out, ...(year === undefined ? {} : { year }) }, io);
    if (values.engine !== 'memory') throw new UsageError(`--engine doit valoir memory ou duckdb (reçu « ${values.engine} »)`);
    const forced = parseEdition(values.edition);
    const encoding = parseEncoding(values.encoding);
    const table = new RecordTable();
    let errors = 0;
    let migrated = 0;
    let incomplete = false;
    for (const file of positionals) {
      // Each record's edition is detected from its content (or forced): the analysis reads 2016 records, so a
      // 2011 record is migrated first (CODEV → TYPEV…), and counted.
      async function* records(): AsyncGenerator<LocatedRecord> {
        for await (const item of readTransmission(openInput(file, io), { fileName: file, checkModel: false, ...(forced ? { edition: forced } : {}), ...(encoding ? { encoding } : {}) })) {
          if (item.type === 'record') {
            if (item.edition === '2011') {
              migrated++;
              yield { values: migrate2011(item.values).record, file, line: item.line };
            } else yield { values: item.values, file, line: item.line };
          } else if (item.type === 'error') {
            if (item.severity !== 'warning') errors++;
            io.stderr.write(`${file}:${item.line}: ${item.severity === 'warning' ? 'avertissement' : 'erreur'} : ${item.message}\n`);
          } else if (item.type === 'summary' && (item.fatal || item.unreadable > 0)) {
            incomplete = true;
            io.stderr.write(
              `olinpe report: ${file} : LECTURE INCOMPLÈTE, ${item.read} enregistrement(s) lu(s), ${item.unreadable} fragment(s) illisible(s) (INCOMPLETE READING)\n`,
            );
          }
        }
      }
      await addSource(table, { file, records: records() });
    }
    const t = linkTable(table);
    const ind = indicators(t, year === undefined ? {} : { year });
    const report = analysisReport(t, ind);
    const text = format === 'html' ? reportHtml(report) : format === 'csv' ? reportCsv(report) : `${JSON.stringify(report, null, 2)}\n`;
    const out = await openOutput(values.out, io);
    await out.write(text);
    await out.close();
    io.stderr.write(
      `${table.length} lignes lues${migrated > 0 ? ` (dont ${migrated} de l'édition 2011, migrées vers 2016)` : ''}, ${t.people.length} jeunes, ${t.measures.length} mesures ; ${t.quality.unlinked.length} lignes non rattachées, ${errors} erreurs de lecture\n`,
    );
    return incomplete ? 2 : 0;
  },
};
