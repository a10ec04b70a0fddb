import { createFillRateCounter, renderReportHtml } from '../../report/index.js';
import { DecisionYears, ruleById, rules, validateAll, validationYear, type Finding } from '../../rules/index.js';
import type { Command } from '../command.js';
import { displayName, openOutput } from '../io.js';
import { shortPseudonym } from '../../model/index.js';
import { createProgress } from '../progress.js';
import {
  incompleteMessage,
  openRecords,
  parseFileCheckArgs,
  readErrorJson,
  readingForReport,
  readingJson,
  tapRecords,
  textReportHead,
} from '../rules-input.js';

const usage = `Usage: olinpe validate <fichier> [--year AAAA] [--format text|json|html] [--out FICHIER] [--lang fr|en]
                       [--edition 2016|2011] [--encoding latin1|windows-1252] [--destination onpe|odpe] [--quiet]

Vérifie un fichier de transmission (XML ou CSV, « - » pour l'entrée standard) avec toutes les règles de
cohérence : codes et formats, applicabilité (type d'événement, âge, conditions), dates, cohérence d'un même
jeune (NUMANONYM), cohérence du fichier.
Checks a transmission file against every consistency rule.

  --year     année de référence N de l'extraction (périmètre, fins sans ouverture) ; sans --year, le rapport dit
             l'année que désignent les données (DATDECPE la plus fréquente, comme ONPE) et les règles laissées de
             côté ; avec --year, un avertissement si les données en désignent une autre
  --format   text (par défaut), json, ou html (un rapport autonome, sans réseau, à ouvrir dans un navigateur)
  --out      fichier du rapport (par défaut : sortie standard)
  --lang     langue des messages : fr (par défaut) ou en
  --edition  force l'édition (par défaut : celle des enregistrements ; VERSIONXSD n'est qu'une indication)
  --encoding encodage d'un fichier CSV : utf-8 (par défaut), latin1 (ISO-8859-1) ou windows-1252 ; un fichier XML
             suit sa déclaration (<?xml … encoding="ISO-8859-1"?>)
  --destination  destinataire du fichier : onpe (le fichier national ne porte pas UTDP, guide ONPE 2018 p. 16 :
             une UTDP renseignée est une erreur) ou odpe (UTDP permise) ; sans l'option, UTDP n'est pas vérifiée
  --quiet    pas de ligne de progression (elle n'est montrée que sur un terminal, jamais dans la sortie)
Code de sortie : 0 aucune erreur (avertissements permis), 1 erreurs trouvées, 2 fichier illisible en tout ou
partie (erreur fatale ou fragment illisible : le rapport le dit en premier, avec le nombre d'enregistrements lus).
Exit code: 0 no error (warnings allowed), 1 errors found, 2 input unreadable in whole or in part.
`;

function line(file: string, f: Finding): string {
  const where =
    f.line !== undefined ? `${file}:${f.line}` : f.recordIndex !== undefined ? `${file}#${f.recordIndex + 1}` : file;
  return `${where}: ${f.severity} ${f.ruleId}${f.numanonym ? ` [${shortPseudonym(f.numanonym)}]` : ''} ${f.message}`;
}

export const validateCommand: Command = {
  name: 'validate',
  summary: 'vérifie un fichier avec toutes les règles de cohérence (check a file against every rule)',
  usage,
  async run(args, io) {
    const {
      file,
      format,
      year,
      lang,
      edition: forced,
      out,
      encoding,
      destination,
      quiet,
    } = parseFileCheckArgs(args, { destination: true });
    const input = await openRecords(file, io, forced, encoding);
    const name = displayName(file, 'input');
    const fill = format === 'html' ? createFillRateCounter(input.edition) : undefined;
    const progress = createProgress(io.stderr, { quiet });
    // The year the data point to, as ONPE infers it (audit-spec §3): said when --year is left out, and a warning
    // when --year names another one. One pass-through for the progress line and these counts (each stage
    // between the reader and the rules costs a promise turn per record).
    const decisionYears = new DecisionYears();
    const source = tapRecords(input.records, (r) => {
      progress.tick();
      decisionYears.add(r.DATDECPE);
      fill?.add(r);
    });
    let { findings, summary } = await validateAll(source, {
      edition: input.edition,
      lang,
      // The HTML page switches language: each message in both.
      ...(format === 'html' ? { bothLanguages: true } : {}),
      ...(year !== undefined ? { referenceYear: year } : {}),
      ...(input.exportDate ? { exportDate: input.exportDate } : {}),
      ...(destination ? { destination } : {}),
    });
    progress.done();
    const outcome = input.records.summary!;
    // Nothing was read: the rules about the whole file (variables absent from it…) would only add noise.
    if (outcome.read === 0 && outcome.incomplete) findings = [];
    const errorsOfRules = findings.filter((f) => f.severity === 'error').length;
    const readErrors = input.readErrors.filter((e) => e.severity !== 'warning');
    const errors = errorsOfRules + readErrors.length + (outcome.mixed ? 1 : 0);
    const warnings =
      findings.filter((f) => f.severity === 'warning').length +
      input.readErrors.filter((e) => e.severity === 'warning').length;
    const en = lang === 'en';
    const incomplete = incompleteMessage(outcome, name);
    if (incomplete) io.stderr.write(`olinpe validate: ${en ? incomplete.en : incomplete.fr}\n`);
    const yearInfo = validationYear(year, decisionYears.inferred(), summary.statuses, lang);
    if (yearInfo.note) io.stderr.write(`olinpe validate: ${yearInfo.note}\n`);
    const output = await openOutput(out, io);
    if (format === 'html') {
      const html = renderReportHtml(
        {
          kind: 'validate',
          source: name,
          edition: input.edition,
          records: summary.records,
          reading: readingForReport(input, outcome, lang),
          findings,
          rules: rules(input.edition).map((r) => ({ id: r.id, title: r.title })),
          ...(fill ? { fillRates: fill.rates() } : {}),
        },
        { lang },
      );
      await output.write(html);
    } else if (format === 'json') {
      const statuses = summary.statuses.map((s) => ({ ...s, severity: ruleById(s.ruleId)?.severity }));
      await output.write(
        `${JSON.stringify(
          {
            reading: readingJson(input, outcome, lang),
            file: name,
            edition: input.edition,
            referenceYear: year ?? null,
            year: yearInfo.json,
            records: summary.records,
            youngPeople: summary.youngPeople,
            errors,
            warnings,
            readErrors: input.readErrors.map((e) => readErrorJson(e, lang)),
            findings,
            statuses,
          },
          null,
          2,
        )}\n`,
      );
    } else {
      const lines = textReportHead(input, outcome, name, lang, yearInfo.note);
      for (const f of findings) lines.push(line(name, f));
      const count = (s: string): number => summary.statuses.filter((x) => x.status === s).length;
      lines.push(
        en
          ? `\n${summary.records} lines, ${summary.youngPeople} young people (edition ${input.edition}): ${errors} errors, ${warnings} warnings. Rules: ${count('passed')} passed, ${count('failed')} failed, ${count('skipped')} skipped, ${count('errored')} errored.`
          : `\n${summary.records} lignes, ${summary.youngPeople} jeunes (édition ${input.edition}) : ${errors} erreurs, ${warnings} avertissements. Règles : ${count('passed')} passées, ${count('failed')} en échec, ${count('skipped')} non applicables, ${count('errored')} en erreur.`,
      );
      for (const s of summary.statuses) {
        if (s.status === 'errored') lines.push(`  ${s.ruleId}: ${en ? 'errored' : 'erreur interne'} (${s.error})`);
      }
      for (const l of lines) await output.write(`${l}\n`);
    }
    await output.close();
    if (outcome.incomplete) return 2;
    return errors > 0 ? 1 : 0;
  },
};
