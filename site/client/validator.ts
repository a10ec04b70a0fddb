/**
 * The in-browser validator: a file chosen or dropped by the user is read, checked and audited here, in the
 * page, by the library's browser build. Nothing is sent anywhere: there is no fetch, no form submission.
 */
import { renderReportHtml, createFillRateCounter, countBySeverity, type ReportFinding } from '../../src/report/index.js';
import type { EditionId } from '../../src/nomenclature/index.js';
import { auditRecords, capabilities, checkRecords, editionOfCounts, readTransmission, ruleTitles, type RecordAt, type Values } from './olinpe.js';

const $ = <T extends HTMLElement>(id: string): T => document.getElementById(id) as T;

const input = $<HTMLInputElement>('file-input');
const drop = $<HTMLElement>('drop-zone');
const status = $<HTMLElement>('status');
const summary = $<HTMLElement>('summary');
const frame = $<HTMLIFrameElement>('report');
const download = $<HTMLAnchorElement>('download-report');
const yearInput = $<HTMLInputElement>('year');

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

/** Most frequent decision year: the likely year N of the extraction. */
function likelyYear(records: readonly Values[]): number | undefined {
  const counts = new Map<string, number>();
  for (const r of records) {
    const y = (r.DATDECPE ?? r.DATDEB ?? '').slice(0, 4);
    if (/^\d{4}$/.test(y) && y !== '9999') counts.set(y, (counts.get(y) ?? 0) + 1);
  }
  let best: string | undefined;
  for (const [y, n] of counts) if (best === undefined || n > counts.get(best)!) best = y;
  return best === undefined ? undefined : Number(best);
}

async function validate(file: File): Promise<void> {
  status.textContent = `Lecture de ${file.name}…`;
  summary.hidden = true;
  const started = performance.now();
  const records: Values[] = [];
  const located: RecordAt[] = [];
  const readFindings: ReportFinding[] = [];
  // The edition is the records' (most of them): VERSIONXSD is only a hint (real files carry 1.22 over 2016 variables).
  let headerEdition: EditionId = '2016';
  const editions: Record<EditionId, number> = { '2016': 0, '2011': 0 };
  const text = await file.text();
  for await (const item of readTransmission(text, { fileName: file.name })) {
    if (item.type === 'header') headerEdition = item.edition;
    else if (item.type === 'record') {
      editions[item.edition]++;
      records.push(item.values);
      located.push({ record: item.values, line: item.line, index: item.index });
    }
    else if (item.type === 'error') {
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
  const edition = editionOfCounts(editions, headerEdition);
  status.textContent = `${records.length} enregistrement(s) lus ; vérification…`;
  const year = yearInput.value ? Number(yearInput.value) : likelyYear(records);
  const findings = [...readFindings, ...(await checkRecords(located, { edition, referenceYear: year }))];
  const audit = await auditRecords(located, year, edition);
  const fill = createFillRateCounter(edition);
  for (const r of records) fill.add(r);
  const html = renderReportHtml({
    kind: 'validate+audit',
    source: file.name,
    edition,
    records: records.length,
    findings,
    rules: ruleTitles(edition),
    fillRates: fill.rates(),
    audit,
  });
  const counts = countBySeverity(findings);
  $('count-records').textContent = String(records.length);
  $('count-error').textContent = String(counts.error);
  $('count-warning').textContent = String(counts.warning);
  $('count-info').textContent = String(counts.info);
  $('year-used').textContent = year ? String(year) : '—';
  summary.hidden = false;
  frame.srcdoc = html;
  download.href = URL.createObjectURL(new Blob([html], { type: 'text/html' }));
  download.download = `${file.name.replace(/\.[^.]*$/, '')}-rapport.html`;
  status.textContent = `Terminé en ${Math.round(performance.now() - started)} ms : ${file.name}, ${records.length} enregistrement(s), ${findings.length} constat(s).`;
}

frame.addEventListener('load', () => {
  const doc = frame.contentDocument;
  if (doc) frame.style.height = `${doc.documentElement.scrollHeight + 20}px`;
});
