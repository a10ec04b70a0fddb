import { createFillRateCounter, renderReportHtml } from '../../report/index.js';
import { ruleById, rules, validateRecords, type Finding, type RunSummary } from '../../rules/index.js';
import { UsageError, type Command } from '../command.js';
import { displayName } from '../io.js';
import { openRecords, parseFileCheckArgs, tapRecords } from '../rules-input.js';

const usage = `Usage: olinpe validate <fichier> [--year AAAA] [--format text|json|html] [--lang fr|en]

Vérifie un fichier de transmission (XML ou CSV, « - » pour l'entrée standard) avec toutes les règles de
cohérence : codes et formats, applicabilité (type d'événement, âge, conditions), dates, cohérence d'un même
jeune (NUMANONYM), cohérence du fichier.
Checks a transmission file against every consistency rule.

  --year     année de référence N de l'extraction (périmètre, fins sans ouverture)
  --format   text (par défaut), json, ou html (un rapport autonome, sans réseau, à ouvrir dans un navigateur)
  --lang     langue des messages : fr (par défaut) ou en

Code de sortie : 0 aucune erreur (avertissements permis), 1 erreurs trouvées, 2 fichier illisible.
Exit code: 0 no error (warnings allowed), 1 errors found, 2 unreadable input.
`;

function line(file: string, f: Finding): string {
  const where = f.line !== undefined ? `${file}:${f.line}` : f.recordIndex !== undefined ? `${file}#${f.recordIndex + 1}` : file;
  return `${where}: ${f.severity} ${f.ruleId}${f.numanonym ? ` [${f.numanonym.slice(0, 12)}…]` : ''} ${f.message}`;
}

export const validateCommand: Command = {
  name: 'validate',
  summary: 'vérifie un fichier avec toutes les règles de cohérence (check a file against every rule)',
  usage,
  async run(args, io) {
    const { file, format, year, lang } = parseFileCheckArgs(args);
    const input = await openRecords(file, io);
    const name = displayName(file, 'input');
    const fill = format === 'html' ? createFillRateCounter(input.edition) : undefined;
    const source = fill ? tapRecords(input.records, (r) => fill.add(r)) : input.records;
    const run = validateRecords(source, {
      edition: input.edition,
      lang,
      ...(year !== undefined ? { referenceYear: year } : {}),
      ...(input.exportDate ? { exportDate: input.exportDate } : {}),
    });
    const findings: Finding[] = [];
    let summary: RunSummary;
    for (;;) {
      const next = await run.next();
      if (next.done) {
        summary = next.value;
        break;
      }
      if (format === 'text') io.stdout.write(`${line(name, next.value)}\n`);
      else findings.push(next.value);
    }
    const fatal = input.readErrors.find((e) => e.severity === 'fatal');
    if (fatal && summary.records === 0) {
      throw new UsageError(`${displayName(file, 'input')}:${fatal.line}${fatal.column ? `:${fatal.column}` : ''}: lecture impossible : ${fatal.message} (${fatal.messageEn})`, 2);
    }
    const readErrors = input.readErrors.filter((e) => e.severity !== 'warning');
    const errors = summary.errors + readErrors.length;
    const en = lang === 'en';
    if (format === 'html') {
      const html = renderReportHtml(
        {
          kind: 'validate',
          source: name,
          edition: summary.edition,
          records: summary.records,
          findings,
          rules: rules(summary.edition).map((r) => ({ id: r.id, title: r.title })),
          ...(fill ? { fillRates: fill.rates() } : {}),
        },
        { lang },
      );
      io.stdout.write(html);
    } else if (format === 'json') {
      const statuses = summary.statuses.map((s) => ({ ...s, severity: ruleById(s.ruleId)?.severity }));
      io.stdout.write(
        `${JSON.stringify(
          {
            file: name,
            edition: summary.edition,
            referenceYear: year ?? null,
            records: summary.records,
            youngPeople: summary.youngPeople,
            errors,
            warnings: summary.warnings,
            readErrors: input.readErrors.map((e) => ({ line: e.line, column: e.column, severity: e.severity, kind: e.kind, variable: e.variable, message: en ? e.messageEn : e.message })),
            findings,
            statuses,
          },
          null,
          2,
        )}\n`,
      );
    } else {
      for (const e of input.readErrors) io.stdout.write(`${name}:${e.line}: ${e.severity} lecture ${en ? e.messageEn : e.message}\n`);
      const count = (s: string): number => summary.statuses.filter((x) => x.status === s).length;
      io.stdout.write(
        en
          ? `\n${summary.records} lines, ${summary.youngPeople} young people (edition ${summary.edition}): ${errors} errors, ${summary.warnings} warnings. Rules: ${count('passed')} passed, ${count('failed')} failed, ${count('skipped')} skipped, ${count('errored')} errored.\n`
          : `\n${summary.records} lignes, ${summary.youngPeople} jeunes (édition ${summary.edition}) : ${errors} erreurs, ${summary.warnings} avertissements. Règles : ${count('passed')} passées, ${count('failed')} en échec, ${count('skipped')} non applicables, ${count('errored')} en erreur.\n`,
      );
      for (const s of summary.statuses) {
        if (s.status === 'errored') io.stdout.write(`  ${s.ruleId}: ${en ? 'errored' : 'erreur interne'} (${s.error})\n`);
      }
    }
    return errors > 0 ? 1 : 0;
  },
};
