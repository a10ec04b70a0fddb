import { createFillRateCounter, renderReportHtml } from '../../report/index.js';
import { audit, renderAuditText } from '../../rules/index.js';
import { UsageError, type Command } from '../command.js';
import { displayName } from '../io.js';
import { openRecords, parseFileCheckArgs, tapRecords } from '../rules-input.js';

const usage = `Usage: olinpe audit <fichier> --year AAAA [--format text|json|html] [--lang fr|en]

Reproduit le « rapport d'audit technique » de l'ONPE sur un fichier de transmission (XML ou CSV) : variables
absentes, vides, toujours « ne sait pas », incohérences d'identifiant, TYPEV, dates, âges, doublons, variables
manquantes, périmètre, fins sans ouverture, durées excessives, décisions par année.
Reproduces ONPE's technical audit report.

  --year     année de référence N de l'extraction (obligatoire)
  --format   text (par défaut), json, ou html (un rapport autonome, sans réseau, à ouvrir dans un navigateur)
  --lang     langue du texte : fr (par défaut) ou en
`;

export const auditCommand: Command = {
  name: 'audit',
  summary: 'rapport d’audit technique de l’ONPE (ONPE technical audit report)',
  usage,
  async run(args, io) {
    const { file, format, year, lang } = parseFileCheckArgs(args);
    if (year === undefined) throw new UsageError('--year est obligatoire (--year is required)');
    const input = await openRecords(file, io);
    const fill = format === 'html' ? createFillRateCounter(input.edition) : undefined;
    const source = fill ? tapRecords(input.records, (r) => fill.add(r)) : input.records;
    const report = await audit(source, {
      year,
      edition: input.edition,
      lang,
      ...(input.exportDate ? { exportDate: input.exportDate } : {}),
    });
    const fatal = input.readErrors.find((e) => e.severity === 'fatal');
    if (fatal && report.records === 0) {
      throw new UsageError(`${displayName(file, 'input')}:${fatal.line}${fatal.column ? `:${fatal.column}` : ''}: lecture impossible : ${fatal.message} (${fatal.messageEn})`, 2);
    }
    for (const e of input.readErrors) io.stderr.write(`${file}:${e.line}: ${lang === 'en' ? e.messageEn : e.message}\n`);
    if (format === 'html') {
      const source = { kind: 'audit' as const, source: displayName(file, 'input'), edition: input.edition, audit: report };
      io.stdout.write(renderReportHtml(fill ? { ...source, fillRates: fill.rates() } : source, { lang }));
    } else {
      io.stdout.write(format === 'json' ? `${JSON.stringify(report, null, 2)}\n` : renderAuditText(report, { lang, year }));
    }
    return 0;
  },
};
