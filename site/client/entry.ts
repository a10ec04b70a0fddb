/**
 * The data-entry aid: one form for one event record, generated from the 2016 nomenclature.
 *
 * This file is the reference example of binding olinpe to a form. The whole binding is four steps:
 *   1. build one field per variable from `variables('2016')`, grouped by `blocks('2016')`;
 *   2. after each change, decide which fields apply (`applies`: event type TYPEV, age at the decision,
 *      conditions on other answers via `evaluateCondition` and `isInAgeBand`) and hide the others;
 *   3. check the record (`validateRecord`, through `checkRecord`) and show each finding next to its field;
 *   4. keep the entered records and export them as a transmission file (`writeTransmission`).
 * A field that does not apply is written empty (''), which is how the decree says "not applicable".
 */
import {
  blocks,
  describeAgeBand,
  describeCondition,
  evaluateCondition,
  isInAgeBand,
  variables,
  type VariableDef,
} from '../../src/nomenclature/index.js';
import { capabilities, checkRecord, writeFile, type Values } from './olinpe.js';

const EDITION = '2016' as const;
const defs = variables(EDITION);
const form = document.getElementById('entry-form') as HTMLFormElement;
const saved: Values[] = [];

// ---- 1. Fields from the nomenclature ---------------------------------------------------------------

function fieldFor(def: VariableDef): HTMLElement {
  const wrap = document.createElement('div');
  wrap.className = 'field';
  wrap.dataset.var = def.name;
  const id = `f-${def.name}`;
  const label = document.createElement('label');
  label.htmlFor = id;
  label.innerHTML = `<code>${def.name}</code> ${escapeText(def.label.fr)}${def.number ? ` <span class="muted">(n° ${def.number})</span>` : ''}`;
  let control: HTMLInputElement | HTMLSelectElement;
  if (def.type === 'code') {
    control = document.createElement('select');
    control.add(new Option('— vide (non applicable) —', ''));
    // Every code with its label; the "ne sait pas" code is one of them.
    for (const c of def.codes) control.add(new Option(`${c.code} — ${c.label.fr}`, c.code));
  } else {
    control = document.createElement('input');
    control.type = 'text';
    control.placeholder = placeholder(def);
    if (def.format?.maxLength) control.maxLength = def.format.maxLength;
  }
  control.id = id;
  control.name = def.name;
  const hint = document.createElement('p');
  hint.className = 'hint';
  hint.textContent = applicabilityText(def);
  const findings = document.createElement('ul');
  findings.className = 'field-findings';
  findings.setAttribute('aria-live', 'polite');
  wrap.append(label, control, hint, findings);
  return wrap;
}

function placeholder(def: VariableDef): string {
  const unknown = def.unknownCode ? ` (ne sait pas : ${def.unknownCode})` : '';
  switch (def.type) {
    case 'date':
      return `AAAA-MM-JJ${unknown}`;
    case 'year-month':
      return `AAAA-MM${unknown}`;
    case 'year':
      return `AAAA${unknown}`;
    case 'month':
      return `MM${unknown}`;
    case 'integer':
      return `nombre${unknown}`;
    case 'identifier':
      return '40 caractères hexadécimaux';
    default:
      return '';
  }
}

function applicabilityText(def: VariableDef): string {
  const a = def.applicability;
  const parts = [`TYPEV ${a.events.join(', ')}`, describeAgeBand(a.age)];
  if (a.condition) parts.push(`si ${describeCondition(a.condition)}`);
  return `S’applique : ${parts.join(' ; ')}.`;
}

function escapeText(s: string): string {
  return s.replace(/[&<>"]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[c]!);
}

for (const block of blocks(EDITION)) {
  const fieldset = document.createElement('fieldset');
  fieldset.dataset.block = block.id;
  fieldset.innerHTML = `<legend>${block.id}. ${escapeText(block.label.fr)}</legend>`;
  for (const def of defs.filter((d) => d.block === block.id)) fieldset.append(fieldFor(def));
  form.append(fieldset);
}

// ---- 2. Applicability -----------------------------------------------------------------------------

/** The values as typed, every variable present ('' when left empty). */
function rawValues(): Values {
  const out: Values = {};
  for (const def of defs) out[def.name] = (form.elements.namedItem(def.name) as HTMLInputElement).value.trim();
  return out;
}

/** Age in completed years at DATDECPE (or DATDEB), born on the 1st of MNAIS/ANAIS, as the observatory counts. */
export function ageAtDecision(v: Values): number | undefined {
  const birthYear = Number(v.ANAIS);
  const birthMonth = Number(v.MNAIS);
  const ref = /^(\d{4})-(\d{2})/.exec(v.DATDECPE ?? '') ?? /^(\d{4})-(\d{2})/.exec(v.DATDEB ?? '');
  if (!ref || !birthYear || birthYear === 9999 || !(birthMonth >= 1 && birthMonth <= 12)) return undefined;
  const year = Number(ref[1]);
  const month = Number(ref[2]);
  if (year === 9999 || month < 1 || month > 12) return undefined;
  return year - birthYear - (month < birthMonth ? 1 : 0);
}

/** Whether a variable applies to the record as typed so far. */
function applies(def: VariableDef, v: Values, age: number | undefined): boolean {
  const a = def.applicability;
  if (def.block === '1') return true; // the preliminary information is always asked, TYPEV first
  if (!v.TYPEV || !a.events.includes(v.TYPEV)) return false;
  if (!isInAgeBand(age, a.age)) return false;
  return a.condition === null || evaluateCondition(a.condition, (name) => v[name]);
}

/** The record to check and export: fields that do not apply are written empty. */
function currentRecord(): Values {
  const v = rawValues();
  const age = ageAtDecision(v);
  const record: Values = {};
  // Conditions may chain (NATDECASSED → AUTREDJ), so decide in decree order on the values kept so far.
  for (const def of defs) record[def.name] = v[def.name]!;
  for (const def of defs) if (!applies(def, record, age)) record[def.name] = '';
  return record;
}

// ---- 3. Live findings -----------------------------------------------------------------------------

function refresh(): void {
  const raw = rawValues();
  const record = currentRecord();
  const age = ageAtDecision(raw);
  for (const def of defs) {
    const field = form.querySelector<HTMLElement>(`.field[data-var="${def.name}"]`)!;
    field.hidden = !applies(def, record, age);
  }
  for (const fs of form.querySelectorAll<HTMLFieldSetElement>('fieldset')) {
    fs.hidden = fs.querySelector('.field:not([hidden])') === null;
  }
  document.getElementById('age')!.textContent = age === undefined ? '—' : `${age} ans`;
  for (const ul of form.querySelectorAll('.field-findings')) ul.replaceChildren();
  const findings = checkRecord(record, EDITION);
  const general = document.getElementById('record-findings')!;
  general.replaceChildren();
  for (const f of findings) {
    const li = document.createElement('li');
    li.className = `finding sev-${f.severity}`;
    li.textContent = f.message;
    li.title = f.ruleId;
    li.dataset.rule = f.ruleId;
    const names = (f.variables ?? []).map((x) => x.name);
    const target = names
      .map((n) => form.querySelector(`.field[data-var="${n}"]:not([hidden]) .field-findings`))
      .find(Boolean);
    (target ?? general).append(li);
  }
  document.getElementById('finding-count')!.textContent = String(findings.length);
}

form.addEventListener('input', refresh);
form.addEventListener('change', refresh);

// ---- 4. Saved records and export -------------------------------------------------------------------

const list = document.getElementById('saved')!;
document.getElementById('save-record')!.addEventListener('click', () => {
  saved.push(currentRecord());
  const li = document.createElement('li');
  const r = saved[saved.length - 1]!;
  li.textContent = `TYPEV ${r.TYPEV || '?'} — DATDECPE ${r.DATDECPE || '?'} — ${(r.NUMANONYM || '').slice(0, 8)}…`;
  list.append(li);
  document.getElementById('saved-count')!.textContent = String(saved.length);
});

async function exportAs(format: 'xml' | 'csv'): Promise<void> {
  const records = saved.length > 0 ? saved : [currentRecord()];
  const today = new Date().toISOString().slice(0, 10);
  const text = await writeFile(records, format, today);
  const a = document.createElement('a');
  a.href = URL.createObjectURL(new Blob([text], { type: format === 'xml' ? 'application/xml' : 'text/csv' }));
  a.download = `olinpe-saisie-${today}.${format}`;
  document.body.append(a);
  a.click();
  a.remove();
}
document.getElementById('export-xml')!.addEventListener('click', () => void exportAs('xml'));
document.getElementById('export-csv')!.addEventListener('click', () => void exportAs('csv'));

if (!capabilities.rules) {
  document.getElementById('capabilities')!.textContent =
    'Version de démonstration : seules les vérifications de codes et de formats sont faites (moteur de règles absent de cette construction).';
}
refresh();
