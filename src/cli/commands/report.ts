import { parseArgs } from 'node:util';
import { addSource, analysisReport, indicators, linkTable, RecordTable, reportCsv, reportHtml, type LocatedRecord } from '../../analysis/index.js';
import { readTransmission } from '../../transmission/index.js';
import { UsageError, type Command } from '../command.js';
import { openInput, openOutput } from '../io.js';

const usage = `Usage: olinpe report <fichiers…> [--format html|json|csv] [--out FICHIER] [--year AAAA]

Reconstitue les parcours (mesures, renouvellements, fins) à partir d'un ou plusieurs fichiers annuels
(XML ou CSV, dans n'importe quel ordre) et produit les indicateurs : une page HTML autonome (graphiques
SVG, sans réseau), du JSON ou des tables CSV (« ; », format long).
Rebuilds trajectories from one or several yearly files and reports the indicators.

  --format   html (par défaut), json ou csv
  --out      fichier de sortie (par défaut : sortie standard)
  --year     année de référence (par défaut : la dernière année des fichiers)
`;

export const reportCommand: Command = {
  name: 'report',
  summary: 'parcours et indicateurs des observatoires (trajectories and indicators)',
  usage,
  async run(args, io) {
    const { values, positionals } = parseArgs({
      args,
      allowPositionals: true,
      options: { format: { type: 'string', default: 'html' }, out: { type: 'string', default: '-' }, year: { type: 'string' } },
    });
    const format = values.format;
    if (format !== 'html' && format !== 'json' && format !== 'csv') throw new UsageError(`--format doit valoir html, json ou csv (reçu « ${format} »)`);
    if (positionals.length === 0) throw new UsageError('au moins un fichier est attendu (at least one file)');
    const year = values.year === undefined ? undefined : Number(values.year);
    if (year !== undefined && !(Number.isInteger(year) && year > 1900 && year < 2200)) throw new UsageError(`--year doit être une année (reçu « ${values.year} »)`);
    const table = new RecordTable();
    let errors = 0;
    for (const file of positionals) {
      async function* records(): AsyncGenerator<LocatedRecord> {
        for await (const item of readTransmission(openInput(file, io), { fileName: file, checkModel: false })) {
          if (item.type === 'record') yield { values: item.values, file, line: item.line };
          else if (item.type === 'error') {
            errors++;
            io.stderr.write(`${file}:${item.line}: ${item.message}\n`);
            if (item.severity === 'fatal') throw new UsageError(`${file}:${item.line}: lecture impossible (${item.messageEn})`, 1);
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
      `${table.length} lignes lues, ${t.people.length} jeunes, ${t.measures.length} mesures ; ${t.quality.unlinked.length} lignes non rattachées, ${errors} erreurs de lecture\n`,
    );
    return 0;
  },
};
