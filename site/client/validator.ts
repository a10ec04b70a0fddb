/**
 * The in-browser validator: a file chosen or dropped by the user is read, checked and audited here, in the
 * page, by the library's browser build. Nothing is sent anywhere: there is no fetch, no form submission.
 */
import {
  renderReportHtml,
  createFillRateCounter,
  countBySeverity,
  type ReportFinding,
  type ReportReading,
} from '../../src/report/index.js';
import type { EditionId } from '../../src/nomenclature/index.js';
import { DecisionYears } from '../../src/rules/index.js';
import {
  auditRecords,
  capabilities,
  checkRecords,
  editionOfCounts,
  mixedEditions,
  readTransmission,
  ruleTitles,
  type RecordAt,
} from './olinpe.js';

const $ = <T extends HTMLElement>(id: string): T => document.getElementById(id) as T;

const input = $<HTMLInputElement>('file-input');
const drop = $<HTMLElement>('drop-zone');
const status = $<HTMLElement>('status');
const summary = $<HTMLElement>('summary');
const frame = $<HTMLIFrameElement>('report');
const download = $<HTMLAnchorElement>('download-report');
const downloadFindings = $<HTMLAnchorElement>('download-findings');
const yearInput = $<HTMLInputElement>('year');
const encodingSelect = $<HTMLSelectElement>('encoding');

if (!capabilities.rules) {
  $<HTMLElement>('capabilities').textContent =
    'Version de démonstration : seules les vérifications de codes et de formats sont faites (moteur de règles absent de cette construction).';
}

input.addEventListener('change', () => {
  const file = input.files?.[0];
  if (file) void validate(file);
});
drop.addEventListener('dragover', (e) => {
  e.preventDefault();
  drop.classList.add('over');
});
drop.addEventListener('dragleave', () => drop.classList.remove('over'));
drop.addEventListener('drop', (e) => {
  e.preventDefault();
  drop.classList.remove('over');
  const file = e.dataTransfer?.files[0];
  if (file) void validate(file);
});

/** The file's bytes as a stream (never the whole file in memory). */
async function* bytesOf(file: File): AsyncGenerator<Uint8Array> {
  const reader = file.stream().getReader();
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) return;
      yield value;
    }
  } finally {
    reader.releaseLock();
  }
}

/**
 * Reads the file three times as a stream (a File can be read again): first to count, decide the edition from the
 * records and collect the read errors; then through the rules; then through the audit. Memory stays bounded
 * whatever the file's size: only findings are kept.
 */
async function validate(file: File): Promise<void> {
  status.textContent = `Lecture de ${file.name}…`;
  summary.hidden = true;
  const started = performance.now();
  const encoding = encodingSelect.value;
  const options = { fileName: file.name, checkModel: false, ...(encoding !== 'utf-8' ? { encoding } : {}) };
  const readFindings: ReportFinding[] = [];
  const readErrors: NonNullable<ReportReading['errors']>[number][] = [];
  // The year the data point to, as olinpe validate infers it (most frequent DATDECPE year, as ONPE does).
  const years = new DecisionYears();
  // DATEXPORT: the export-date rules use it, as olinpe validate does.
  let exportDate: string | undefined;
  // The edition is the records' (most of them): VERSIONXSD is only a hint (real files carry 1.22 over 2016 variables).
  let headerEdition: EditionId = '2016';
  const firstReading = readTransmission(bytesOf(file), options);
  for await (const item of firstReading) {
    if (item.type === 'header') {
      headerEdition = item.edition;
      exportDate = item.dateExport;
    } else if (item.type === 'record') years.add(item.values.DATDECPE);
    else if (item.type === 'error') {
      readErrors.push({ line: item.line, severity: item.severity, message: { fr: item.message, en: item.messageEn } });
      readFindings.push({
        ruleId: `READ-${item.kind}`,
        severity: item.severity === 'warning' ? 'warning' : 'error',
        message: item.message,
        line: item.line,
        ...(item.recordIndex !== undefined ? { recordIndex: item.recordIndex } : {}),
        variables: item.variable ? [{ name: item.variable }] : [],
      });
    }
  }
  const read = firstReading.summary;
  const counts = read?.editions ?? { '2016': 0, '2011': 0 };
  const edition = editionOfCounts(counts, headerEdition);
  const mixed = mixedEditions(counts, edition);
  const complete = read !== undefined && !read.fatal && read.unreadable === 0;
  const recordsRead = read?.read ?? 0;
  const reading: ReportReading = {
    records: recordsRead,
    unreadable: read?.unreadable ?? 0,
    complete,
    editions: counts,
    errors: readErrors,
    ...(complete
      ? {}
      : {
          message: {
            fr: `LECTURE INCOMPLÈTE : ${recordsRead} enregistrement(s) lu(s), ${read?.unreadable ?? 0} fragment(s) illisible(s). Le fichier ne peut pas être transmis tel quel ; les constats ne portent que sur les enregistrements lus.`,
            en: `INCOMPLETE READING: ${recordsRead} record(s) read, ${read?.unreadable ?? 0} unreadable fragment(s). The file cannot be sent as it is; the findings cover the records read only.`,
          },
        }),
    ...(mixed ? { mixed: { fr: mixed.message, en: mixed.messageEn } } : {}),
  };
  const inferred = years.inferred();
  const year = yearInput.value ? Number(yearInput.value) : (inferred ?? undefined);

  status.textContent = `${recordsRead} enregistrement(s) lus ; vérification…`;
  const fill = createFillRateCounter(edition);
  let checked = 0;
  async function* located(withFill: boolean): AsyncGenerator<RecordAt> {
    for await (const item of readTransmission(bytesOf(file), options)) {
      if (item.type !== 'record' || item.edition !== edition) continue;
      if (withFill) {
        fill.add(item.values);
        checked++;
      }
      yield item;
    }
  }
  // The same run as olinpe validate --year N: same edition, reference year and export date; nothing read, no
  // file-level findings (test/site/validator-cli.test.ts compares the two).
  const ruleFindings = await checkRecords(located(true), { edition, referenceYear: year, exportDate });
  const findings = [...readFindings, ...(recordsRead === 0 && !complete ? [] : ruleFindings)];
  if (mixed) {
    findings.unshift({ ruleId: 'READ-mixed-editions', severity: 'error', message: mixed.message, variables: [] });
  }
  status.textContent = `${recordsRead} enregistrement(s) lus ; audit…`;
  const audit = await auditRecords(located(false), year, edition);
  const html = renderReportHtml({
    kind: 'validate+audit',
    source: file.name,
    edition,
    records: checked,
    reading,
    findings,
    rules: ruleTitles(edition),
    fillRates: fill.rates(),
    audit,
  });
  const bySeverity = countBySeverity(findings);
  $('count-records').textContent = String(recordsRead);
  $('count-error').textContent = String(bySeverity.error);
  $('count-warning').textContent = String(bySeverity.warning);
  $('count-info').textContent = String(bySeverity.info);
  $('year-used').textContent = year ? String(year) : '—';
  summary.hidden = false;
  frame.srcdoc = html;
  download.href = URL.createObjectURL(new Blob([html], { type: 'text/html' }));
  download.download = `${file.name.replace(/\.[^.]*$/, '')}-rapport.html`;
  const json = {
    file: file.name,
    edition,
    referenceYear: year ?? null,
    exportDate: exportDate ?? null,
    records: recordsRead,
    findings,
  };
  downloadFindings.href = URL.createObjectURL(
    new Blob([`${JSON.stringify(json, null, 2)}\n`], { type: 'application/json' }),
  );
  downloadFindings.download = `${file.name.replace(/\.[^.]*$/, '')}-constats.json`;
  status.textContent = `Terminé en ${Math.round(performance.now() - started)} ms : ${file.name}, ${recordsRead} enregistrement(s), ${findings.length} constat(s)${complete ? '' : ' — LECTURE INCOMPLÈTE'}.`;
}

frame.addEventListener('load', () => {
  const doc = frame.contentDocument;
  if (doc) frame.style.height = `${doc.documentElement.scrollHeight + 20}px`;
});
