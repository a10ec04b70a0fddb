/**
 * `olinpe demo`: the main job end to end on synthetic data (fake names only). Generates a year of a
 * mid-sized département and the two previous years, pseudonymises the identity file, validates the
 * records, writes the transmission XML, reads it back and audits it, analyses the three years, and writes
 * everything with HTML reports into one folder, printing a short summary.
 */
import { mkdir } from 'node:fs/promises';
import { join, relative, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { buildTrajectories, indicators, analysisReport, reportHtml } from '../../analysis/index.js';
import type { Record2016 } from '../../model/index.js';
import { renderReportHtml, createFillRateCounter } from '../../report/index.js';
import { audit, rules, validateAll, type Finding } from '../../rules/index.js';
import { DEMO_KEY, identitiesCsv, synthesiseYears } from '../../synth/index.js';
import { pseudonymiseCsv } from '../../pseudonymisation/index.js';
import {
  columnIndex,
  isBlank,
  parseCsv,
  readTransmission,
  writeTransmissionBytes,
  type RecordItem,
} from '../../transmission/index.js';
import { UsageError, type Command } from '../command.js';
import { openOutput, pipeTo } from '../io.js';
import { auditForReport } from '../rules-input.js';
import { writeOutput } from './pseudonymise.js';

const usage = `Usage: olinpe demo [--out DOSSIER] [--young-people N] [--year AAAA] [--seed S] [--error-rate R]

Démonstration de bout en bout sur des données synthétiques (noms fictifs) : génère l'extraction d'un
département (et les deux années précédentes), pseudonymise le fichier d'identités, valide, écrit le fichier
de transmission XML, le relit et l'audite, analyse les trajectoires, et écrit tout avec des rapports HTML.
End-to-end demo on synthetic data: generate, pseudonymise, validate, write XML, audit, analyse.

  --out           dossier de sortie (par défaut demo-output)
  --young-people  nombre approximatif de jeunes dans le fichier de l'année (par défaut 5000)
  --year          année de référence N (par défaut 2024)
  --seed          graine du générateur (par défaut 2024)
  --error-rate    part de lignes portant une erreur injectée, pour voir les contrôles à l'œuvre (par défaut 0.01)
`;

function positiveInteger(value: string, option: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n <= 0) throw new UsageError(`${option} doit être un entier positif (reçu « ${value} »)`);
  return n;
}

function countBy<T>(items: readonly T[], key: (item: T) => string): Record<string, number> {
  const out: Record<string, number> = {};
  for (const item of items) out[key(item)] = (out[key(item)] ?? 0) + 1;
  return out;
}

export const demoCommand: Command = {
  name: 'demo',
  summary: 'démonstration de bout en bout sur données synthétiques (end-to-end demo)',
  usage,
  async run(args, io) {
    const started = performance.now();
    const { values } = parseArgs({
      args,
      options: {
        out: { type: 'string', default: 'demo-output' },
        'young-people': { type: 'string', default: '5000' },
        year: { type: 'string', default: '2024' },
        seed: { type: 'string', default: '2024' },
        'error-rate': { type: 'string', default: '0.01' },
      },
    });
    const youngPeople = positiveInteger(values['young-people'], '--young-people');
    const year = positiveInteger(values.year, '--year');
    const errorRate = Number(values['error-rate']);
    if (!(errorRate >= 0 && errorRate <= 0.5)) throw new UsageError('--error-rate doit être compris entre 0 et 0.5');
    const outDir = resolve(io.cwd, values.out);
    await mkdir(outDir, { recursive: true });
    const say = (line: string): void => void io.stdout.write(`${line}\n`);
    const file = (name: string): string => join(outDir, name);
    // Each file is written beside its name and renamed once complete (atomic; see openOutput).
    const writeAtomic = (path: string, text: string): Promise<void> => writeOutput(path, text, io);
    const streamAtomic = async (
      chunks: AsyncIterable<Uint8Array> | Iterable<Uint8Array>,
      path: string,
    ): Promise<void> => {
      const output = await openOutput(path, io);
      await pipeTo(chunks, output);
      await output.close();
    };
    const shown = (name: string): string => relative(io.cwd, file(name)) || name;
    const department = '84';
    const dateExport = `${year + 1}-01-31`;

    // 1. Synthetic extractions: years N-2, N-1 and N of the same population (errors in year N only).
    const years = [year - 2, year - 1, year];
    const clean = synthesiseYears({ seed: values.seed, youngPeople, department }, years);
    const withErrors = synthesiseYears({ seed: values.seed, youngPeople, department, errorRate }, [year]);
    const current = withErrors.files[0]!;
    const records = current.records as Record2016[];

    // 2. Pseudonymisation: the identity file (fake names) → NUMANONYM, joined back by REF.
    const identityCsv = identitiesCsv(current.identities);
    await writeAtomic(file('identites-fictives.csv'), identityCsv);
    const pseudo = pseudonymiseCsv(identityCsv, DEMO_KEY, 'olinpe-2016');
    await writeAtomic(file('pseudonymes.csv'), pseudo.output);
    const rows = parseCsv(pseudo.output).filter((r) => !isBlank(r));
    const header = rows[0]!;
    const [idAt, refAt] = [columnIndex(header, 'NUMANONYM'), columnIndex(header, 'REF')];
    const byRef = new Map(rows.slice(1).map((r) => [r.fields[refAt]?.value ?? '', r.fields[idAt]?.value ?? '']));
    let joined = 0;
    for (const identity of current.identities) {
      if (byRef.get(identity.ref) === records[identity.recordIndex]?.NUMANONYM) joined++;
    }

    // 3. Validation of the records, as a vendor would before writing the file (no file line yet: the report
    // locates each finding by its record number). Messages in both languages for the report's switch.
    const { findings, summary } = await validateAll(
      records.map((values, index) => ({ values, index })),
      { referenceYear: year, exportDate: dateExport, bothLanguages: true },
    );

    // 4. The transmission file (XML, the guide's conventions), streamed to disk.
    const xmlName = `olinpe-${department}-${year}.xml`;
    const refusals: { index: number; issues: { variable: string; message: string }[] }[] = [];
    const writer = writeTransmissionBytes(records, {
      dateExport,
      onRefused: (r) =>
        refusals.push({ index: r.index, issues: r.issues.map((i) => ({ variable: i.variable, message: i.message })) }),
    });
    await streamAtomic(writer, file(xmlName));
    await writeAtomic(file('refus.json'), `${JSON.stringify(refusals, null, 2)}\n`);
    for (const [i, f] of clean.files.entries()) {
      if (f.year === year) continue;
      const w = writeTransmissionBytes(f.records, { dateExport: `${years[i]! + 1}-01-31` });
      await streamAtomic(w, file(`olinpe-${department}-${f.year}.xml`));
    }

    // 5. The observatory's side: read the file back and audit it; fill rates for the report.
    const fill = createFillRateCounter('2016');
    let readBack = 0;
    const located: RecordItem[] = [];
    const { openInput } = await import('../io.js');
    for await (const item of readTransmission(openInput(file(xmlName), io), { fileName: xmlName })) {
      if (item.type !== 'record') continue;
      readBack++;
      fill.add(item.values);
      located.push(item);
    }
    const report = await audit(located, { year, exportDate: dateExport });
    await writeAtomic(file('audit.json'), `${JSON.stringify(report, null, 2)}\n`);
    await writeAtomic(file('validation.json'), `${JSON.stringify({ summary, findings }, null, 2)}\n`);
    const html = renderReportHtml(
      {
        kind: 'validate+audit',
        source: xmlName,
        edition: '2016',
        records: records.length,
        findings: findings as Finding[],
        rules: rules('2016').map((r) => ({ id: r.id, title: r.title })),
        fillRates: fill.rates(),
        audit: auditForReport(report),
      },
      { lang: 'fr' },
    );
    await writeAtomic(file('rapport.html'), html);

    // 6. Analysis over the three years: trajectories and indicators.
    const files = [...clean.files.filter((f) => f.year !== year), current].map((f) => ({
      file: `olinpe-${department}-${f.year}.xml`,
      records: f.records,
    }));
    const trajectories = await buildTrajectories(files);
    const ind = indicators(trajectories, { year, charts: true });
    await writeAtomic(file('analyse.html'), reportHtml(analysisReport(trajectories, ind)));

    // 7. Summary.
    const bySeverity = countBy(findings, (f) => f.severity);
    const injected = current.injected.length;
    const found = current.injected.filter((e) =>
      findings.some(
        (f) =>
          f.ruleId === e.rule && (f.recordIndex === e.recordIndex || (e.related ?? []).includes(f.recordIndex ?? -1)),
      ),
    ).length;
    const seconds = ((performance.now() - started) / 1000).toFixed(1);
    say(`olinpe demo — département ${department}, année ${year} (données synthétiques, noms fictifs)`);
    say('');
    say(`  lignes (événements)        ${records.length}`);
    say(`  jeunes distincts           ${summary.youngPeople}`);
    say(
      `  identités pseudonymisées   ${pseudo.written} / ${pseudo.read} (rejetées : ${pseudo.rejections.length}) ; jointure NUMANONYM ${joined} / ${current.identities.length}`,
    );
    say(
      `  constats                   ${bySeverity.error ?? 0} erreurs, ${bySeverity.warning ?? 0} avertissements, ${bySeverity.info ?? 0} informations`,
    );
    say(`  erreurs injectées trouvées ${found} / ${injected}`);
    say(
      `  fichier écrit puis relu    ${writer.summary.written} écrites + ${writer.summary.refused} refusées (refus.json) = ${writer.summary.received} ; ${readBack} relues`,
    );
    say(
      `  audit                      ${report.sections?.filter((s) => s.count > 0).length ?? 0} rubriques non vides sur ${report.sections?.length ?? 0}`,
    );
    say(`  trajectoires (3 ans)       ${trajectories.people.length} jeunes, ${trajectories.measures.length} mesures`);
    say('');
    say(`Fichiers dans ${relative(io.cwd, outDir) || '.'}/ :`);
    say(`  ${shown('rapport.html')}            rapport de validation et d'audit (à ouvrir dans un navigateur)`);
    say(`  ${shown('analyse.html')}            trajectoires et indicateurs sur ${years.join(', ')}`);
    say(`  ${shown(xmlName)}    fichier de transmission (et ceux de ${year - 2} et ${year - 1})`);
    say(`  ${shown('identites-fictives.csv')}  identités fictives ; ${shown('pseudonymes.csv')} : leurs NUMANONYM`);
    say(`  ${shown('validation.json')}, ${shown('audit.json')}, ${shown('refus.json')}`);
    say('');
    say(`Terminé en ${seconds} s.`);
    return 0;
  },
};
