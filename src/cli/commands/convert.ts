import { parseArgs } from 'node:util';
import type { EditionId } from '../../nomenclature/index.js';
import { isEdition } from '../../nomenclature/index.js';
import { addToMigrationSummary, emptyMigrationSummary, migrate2011 } from '../../transmission/index.js';
import type { MigrationNote } from '../../transmission/index.js';
import { openTransmission } from '../../transmission/index.js';
import type { ErrorItem } from '../../transmission/index.js';
import type { WritableRecord } from '../../transmission/index.js';
import { writeTransmissionBytes } from '../../transmission/index.js';
import { UsageError, type Command } from '../command.js';
import { displayName, openInput, openOutput } from '../io.js';
import { createProgress } from '../progress.js';
import { parseEncoding } from '../rules-input.js';

const usage = `Usage: olinpe convert ENTRÉE SORTIE [--to xml|csv] [--from xml|csv] [--edition 2016|2011]
                      [--migrate] [--strict-xsd] [--all-variables] [--date-export AAAA-MM-JJ]
                      [--report FICHIER.json] [--quiet] [--encoding latin1|windows-1252]

Convertit un fichier de transmission (XML <DECRET> ou CSV « ; ») : XML ↔ CSV, 2011 → 2016, forme stricte.
Converts a transmission file (XML or CSV): XML ↔ CSV, 2011 → 2016, strict form. ENTRÉE/SORTIE: a file or -.

  --to             xml ou csv (par défaut : d'après l'extension de SORTIE, sinon xml)
  --from           xml ou csv (par défaut : d'après l'extension ou le contenu)
  --edition        édition de sortie (par défaut : celle des enregistrements lus, VERSIONXSD n'étant qu'une
                   indication ; 2016 avec --migrate)
  --migrate        migre les enregistrements 2011 (CODEV) vers 2016 (TYPEV) ; les pertes sont comptées
  --strict-xsd     écrit un fichier valide pour le schéma officiel (dates inconnues 0000-00-00, sans UTDP)
  --all-variables  écrit un élément vide pour chaque variable absente
  --date-export    DATEXPORT écrit (par défaut : celui du fichier lu, sinon aujourd'hui)
  --report         écrit un rapport JSON (comptes, refus, pertes de migration)
  --quiet          pas de barre de progression ni de détail, seulement le bilan
  --encoding       encodage de l'ENTRÉE CSV : utf-8 (par défaut), latin1 (ISO-8859-1) ou windows-1252 ; une
                   ENTRÉE XML suit sa déclaration. La SORTIE est toujours en UTF-8.

Codes de sortie : 0 tout est écrit ; 1 des enregistrements refusés (hors modèle) ; 2 entrée illisible en tout ou
partie (erreur fatale ou fragments illisibles : les enregistrements lisibles sont quand même écrits).
`;

const MAX_DETAILS = 1000;

function located(name: string, line: number, column?: number): string {
  return `${name}:${line}${column !== undefined ? `:${column}` : ''}`;
}

export const convertCommand: Command = {
  name: 'convert',
  summary: 'Convertit un fichier de transmission (XML/CSV, 2011 → 2016, strict) / converts a file',
  usage,
  async run(args, io) {
    const parsed = parseArgs({
      args,
      options: {
        to: { type: 'string' },
        from: { type: 'string' },
        edition: { type: 'string' },
        migrate: { type: 'boolean', default: false },
        'strict-xsd': { type: 'boolean', default: false },
        'all-variables': { type: 'boolean', default: false },
        'date-export': { type: 'string' },
        report: { type: 'string' },
        quiet: { type: 'boolean', default: false },
        encoding: { type: 'string' },
      },
      allowPositionals: true,
    });
    const { values: opt, positionals } = parsed;
    if (positionals.length !== 2) throw new UsageError(`il faut une ENTRÉE et une SORTIE (fichier ou -)\n\n${usage}`);
    const [inPath, outPath] = positionals as [string, string];
    const to = opt.to ?? (/\.csv$/i.test(outPath) ? 'csv' : 'xml');
    if (to !== 'xml' && to !== 'csv') throw new UsageError(`--to : « ${to} » (attendu xml ou csv)`);
    if (opt.from !== undefined && opt.from !== 'xml' && opt.from !== 'csv')
      throw new UsageError(`--from : « ${opt.from} » (attendu xml ou csv)`);
    if (opt.edition !== undefined && !isEdition(opt.edition))
      throw new UsageError(`--edition : « ${opt.edition} » (attendu 2016 ou 2011)`);
    if (opt.migrate && opt.edition === '2011')
      throw new UsageError('--migrate écrit l’édition 2016 ; --edition 2011 est contradictoire');
    if (opt['date-export'] !== undefined && !/^\d{4}-\d{2}-\d{2}$/.test(opt['date-export']))
      throw new UsageError('--date-export : attendu AAAA-MM-JJ');
    // Every option is checked before the input is opened: a usage error comes first.
    const encoding = parseEncoding(opt.encoding);

    const inName = displayName(inPath, 'input');
    const input = openInput(inPath, io);
    const progress = createProgress(io.stderr, { quiet: opt.quiet, label: 'enregistrements' });
    const say = (text: string): void => {
      if (!opt.quiet) io.stderr.write(`${text}\n`);
    };
    const printError = (e: ErrorItem): void => {
      const label = e.severity === 'warning' ? 'avertissement' : e.severity === 'fatal' ? 'illisible' : 'erreur';
      if (e.severity === 'fatal') io.stderr.write(`${located(inName, e.line, e.column)}: ${label}: ${e.message}\n`);
      else say(`${located(inName, e.line, e.column)}: ${label}: ${e.message}`);
    };

    // Read ahead to decide the file's edition from its records (VERSIONXSD is only a hint) before the writer starts.
    const opened = await openTransmission(input, {
      fileName: inName,
      format: opt.from === 'xml' || opt.from === 'csv' ? opt.from : 'auto',
      ...(encoding ? { encoding } : {}),
    });
    const headerDate = opened.header?.dateExport;
    const edition: EditionId = opt.migrate
      ? '2016'
      : ((opt.edition as EditionId | undefined) ?? opened.edition.edition);
    const dateExport =
      opt['date-export'] ?? (headerDate && /^\d{4}-\d{2}-\d{2}$/.test(headerDate) ? headerDate : undefined);

    let currentLine = 0;
    const migration = emptyMigrationSummary();
    const refusals: { line: number; message: string }[] = [];
    const lossDetails: (MigrationNote & { line: number })[] = [];
    let strictLosses = 0;

    async function* records(): AsyncGenerator<WritableRecord> {
      for await (const item of opened.items) {
        if (item.type === 'error') printError(item);
        else if (item.type === 'record') {
          progress.tick();
          currentLine = item.line;
          if (opt.migrate && item.edition === '2011') {
            const result = migrate2011(item.values);
            addToMigrationSummary(migration, result);
            for (const loss of result.losses)
              if (lossDetails.length < MAX_DETAILS) lossDetails.push({ ...loss, line: item.line });
            yield result.record;
          } else {
            yield item.values;
          }
        }
      }
    }

    // UTF-8 chunks straight from the writer: no text to encode on the way to the file.
    const writer = writeTransmissionBytes(records(), {
      format: to,
      edition,
      strictXsd: opt['strict-xsd'],
      allVariables: opt['all-variables'],
      dateExport,
      onRefused: (r) => {
        if (refusals.length < MAX_DETAILS) refusals.push({ line: currentLine, message: r.message });
        say(`${located(inName, currentLine)}: refusé: ${r.message}`);
      },
      onLoss: () => {
        strictLosses++;
      },
    });
    const output = await openOutput(outPath, io);
    try {
      for await (const chunk of writer) await output.write(chunk);
    } finally {
      progress.done();
    }
    // A file whose reading stopped early is not written: a partial output under the final name would read as
    // complete. The temporary file is removed and an existing file at that name is left as it was.
    const summary = opened.items.summary;
    if (summary?.fatal !== true) await output.close();
    else if (outPath !== '-')
      io.stderr.write(
        `olinpe convert: lecture incomplète, ${outPath} non écrit (incomplete reading, output not written)\n`,
      );

    const s = summary;
    if (!s) throw new Error('internal: no summary');
    const stats = writer.summary;
    const parts = [
      `${s.read} lus`,
      `${stats.written} écrits`,
      `${stats.refused} refusés`,
      `${s.unreadable} illisibles`,
    ];
    if (opt.migrate)
      parts.push(
        `${migration.records} migrés (${migration.losses} valeurs non reprises, ${migration.changes} recodées)`,
      );
    if (opt['strict-xsd'])
      parts.push(`${stats.withLosses} enregistrements modifiés pour le schéma strict (${strictLosses} valeurs)`);
    io.stderr.write(`olinpe convert: ${parts.join(', ')} (read, written, refused, unreadable)\n`);
    if (opt.migrate && migration.losses + migration.changes > 0 && !opt.quiet) {
      for (const [key, count] of Object.entries(migration.byKind).sort((a, b) => b[1] - a[1]))
        io.stderr.write(`  ${key}: ${count}\n`);
    }
    if (opt.report !== undefined) {
      const report = await openOutput(opt.report, io);
      await report.write(
        `${JSON.stringify(
          {
            input: inName,
            output: displayName(outPath, 'output'),
            format: to,
            edition,
            read: s.read,
            valid: s.valid,
            withFindings: s.withFindings,
            unreadable: s.unreadable,
            fatal: s.fatal,
            written: stats.written,
            refused: stats.refused,
            refusals,
            strict: opt['strict-xsd'] ? { recordsChanged: stats.withLosses, values: strictLosses } : undefined,
            migration: opt.migrate ? { ...migration, details: lossDetails } : undefined,
          },
          null,
          2,
        )}\n`,
      );
      await report.close();
    }
    if (s.fatal || s.unreadable > 0) return 2;
    return stats.refused > 0 ? 1 : 0;
  },
};
