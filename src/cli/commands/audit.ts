import { createFillRateCounter, renderReportHtml } from '../../report/index.js';
import { audit, renderAuditText } from '../../rules/index.js';
import type { Command } from '../command.js';
import { displayName, openOutput } from '../io.js';
import { counted, createProgress } from '../progress.js';
import {
  auditForReport,
  incompleteMessage,
  openRecords,
  parseFileCheckArgs,
  readErrorJson,
  readingForReport,
  readingJson,
  tapRecords,
  textReportHead,
} from '../rules-input.js';

const usage = `Usage: olinpe audit <fichier> [--year AAAA] [--format text|json|html] [--out FICHIER] [--lang fr|en]
                    [--edition 2016|2011] [--encoding latin1|windows-1252] [--quiet]

Reproduit le « rapport d'audit technique » de l'ONPE sur un fichier de transmission (XML ou CSV) : variables
absentes, vides, toujours « ne sait pas », incohérences d'identifiant, TYPEV, dates, âges, doublons, variables
manquantes, périmètre, fins sans ouverture, durées excessives, décisions par année. Chaque section porte le numéro
de section d'ONPE ; les écarts connus de l'outil d'ONPE sont indiqués à côté de la section qu'ils touchent ; les
contrôles propres à olinpe sont dans des sections « olinpe : ».
Reproduces ONPE's technical audit report, section by section (ONPE's numbers, ONPE's known bugs shown and fixed).

  --year     année de référence N de l'extraction ; sans --year, elle est déduite des données comme le fait ONPE
             (année de DATDECPE la plus fréquente) et le rapport le dit ; avec --year, un avertissement si les
             données désignent une autre année
  --format   text (par défaut), json, ou html (un rapport autonome, sans réseau, à ouvrir dans un navigateur)
  --out      fichier du rapport (par défaut : sortie standard)
  --lang     langue du texte : fr (par défaut) ou en
  --edition  force l'édition (par défaut : celle des enregistrements ; VERSIONXSD n'est qu'une indication)
  --encoding encodage d'un fichier CSV : utf-8 (par défaut), latin1 (ISO-8859-1) ou windows-1252 ; un fichier XML
             suit sa déclaration (<?xml … encoding="ISO-8859-1"?>)
  --quiet    pas de ligne de progression (elle n'est montrée que sur un terminal, jamais dans la sortie)

Code de sortie : 0 rapport produit, 2 fichier illisible en tout ou partie (le rapport le dit en premier).
Exit code: 0 report produced, 2 input unreadable in whole or in part (the report says so first).
`;

export const auditCommand: Command = {
  name: 'audit',
  summary: 'rapport d’audit technique de l’ONPE (ONPE technical audit report)',
  usage,
  async run(args, io) {
    const { file, format, year, lang, edition: forced, out, encoding, quiet } = parseFileCheckArgs(args);
    const input = await openRecords(file, io, forced, encoding);
    const name = displayName(file, 'input');
    const fill = format === 'html' ? createFillRateCounter(input.edition) : undefined;
    const progress = createProgress(io.stderr, { quiet });
    const read = counted(input.records, progress);
    const source = fill ? tapRecords(read, (r) => fill.add(r)) : read;
    const report = await audit(source, {
      ...(year !== undefined ? { year } : {}),
      edition: input.edition,
      lang,
      ...(input.exportDate ? { exportDate: input.exportDate } : {}),
    });
    progress.done();
    const outcome = input.records.summary!;
    const en = lang === 'en';
    const incomplete = incompleteMessage(outcome, name);
    if (incomplete) io.stderr.write(`olinpe audit: ${en ? incomplete.en : incomplete.fr}\n`);
    if (report.year.warning)
      io.stderr.write(`olinpe audit: ${en ? 'warning' : 'avertissement'} : ${report.year.warning}\n`);
    const output = await openOutput(out, io);
    if (format === 'html') {
      const page = {
        kind: 'audit' as const,
        source: name,
        edition: input.edition,
        reading: readingForReport(input, outcome, lang),
        audit: auditForReport(report),
      };
      await output.write(renderReportHtml(fill ? { ...page, fillRates: fill.rates() } : page, { lang }));
    } else if (format === 'json') {
      await output.write(
        `${JSON.stringify({ reading: readingJson(input, outcome, lang), readErrors: input.readErrors.map((e) => readErrorJson(e, lang)), ...report }, null, 2)}\n`,
      );
    } else {
      const head = textReportHead(input, outcome, name, lang);
      await output.write(`${head.length > 0 ? `${head.join('\n')}\n\n` : ''}${renderAuditText(report, { lang })}`);
    }
    await output.close();
    return outcome.incomplete ? 2 : 0;
  },
};
