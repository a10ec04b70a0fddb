import { codeLabel, variable as variableDef, variableLabel } from '../nomenclature/index.js';
import type {
  AuditDiscrepancyInfo,
  AuditResult,
  ReportAuditSection,
  FillRate,
  ReportFinding,
  ReportInput,
  ReportLang,
  ReportOptions,
  ReportSeverity,
} from './types.js';
import { REPORT_CSS, REPORT_SCRIPT } from './assets.js';
import { capValue } from '../model/index.js';
import {
  bi,
  codedHtml,
  escapeHtml,
  formatCount as fmt,
  formatPercent as pct,
  renderPage,
  shortPseudonym,
} from './kit.js';

const SEVERITIES: readonly ReportSeverity[] = ['error', 'warning', 'info'];

const SEVERITY_LABEL: Record<ReportSeverity, [string, string]> = {
  error: ['Erreur', 'Error'],
  warning: ['Avertissement', 'Warning'],
  info: ['Information', 'Information'],
};

function textOf(title: string | { fr: string; en?: string } | undefined, fallback: string): [string, string] {
  if (title === undefined) return [fallback, fallback];
  if (typeof title === 'string') return [title, title];
  return [title.fr, title.en ?? title.fr];
}

/** The variables a finding names, in order, without duplicates. */
function findingVariables(f: ReportFinding): string[] {
  const out: string[] = [];
  for (const v of f.variables ?? []) if (!out.includes(v.name)) out.push(v.name);
  return out;
}

interface RuleGroup {
  ruleId: string;
  severity: ReportSeverity;
  findings: ReportFinding[];
  variables: Set<string>;
}

/**
 * Groups findings by rule, most serious first, then by decreasing count, then by rule id.
 *
 * @example
 * groupByRule([{ ruleId: 'A', severity: 'info', message: '' }, { ruleId: 'B', severity: 'error', message: '' }])
 *   .map((g) => g.ruleId); // ["B", "A"]
 */
export function groupByRule(findings: readonly ReportFinding[]): RuleGroup[] {
  const groups = new Map<string, RuleGroup>();
  for (const f of findings) {
    let g = groups.get(f.ruleId);
    if (!g) {
      g = { ruleId: f.ruleId, severity: f.severity, findings: [], variables: new Set() };
      groups.set(f.ruleId, g);
    }
    g.findings.push(f);
    for (const v of findingVariables(f)) g.variables.add(v);
  }
  return [...groups.values()].sort(
    (a, b) =>
      SEVERITIES.indexOf(a.severity) - SEVERITIES.indexOf(b.severity) ||
      b.findings.length - a.findings.length ||
      (a.ruleId < b.ruleId ? -1 : a.ruleId > b.ruleId ? 1 : 0),
  );
}

/** Counts findings per severity. */
export function countBySeverity(findings: readonly ReportFinding[]): Record<ReportSeverity, number> {
  const counts: Record<ReportSeverity, number> = { error: 0, warning: 0, info: 0 };
  for (const f of findings) counts[f.severity]++;
  return counts;
}

function card(value: string, fr: string, en: string, cls = ''): string {
  return `<div class="card ${cls}"><div class="value">${value}</div><div class="label">${bi(fr, en)}</div></div>`;
}

function renderSummary(input: ReportInput): string {
  const findings = input.findings ?? [];
  const counts = countBySeverity(findings);
  const cards: string[] = [];
  const records = input.records ?? input.audit?.records;
  if (records !== undefined) cards.push(card(fmt(records), 'Enregistrements', 'Records'));
  if (input.audit?.youngPeople !== undefined) cards.push(card(fmt(input.audit.youngPeople), 'Jeunes', 'Young people'));
  if (typeof input.audit?.variablesPresent === 'number') {
    cards.push(card(fmt(input.audit.variablesPresent), 'Variables présentes', 'Variables present'));
  }
  if (input.findings) {
    for (const s of SEVERITIES)
      cards.push(card(fmt(counts[s]), `${SEVERITY_LABEL[s][0]}s`, `${SEVERITY_LABEL[s][1]}s`, `sev-${s}`));
    cards.push(card(fmt(new Set(findings.map((f) => f.ruleId)).size), 'Règles en défaut', 'Rules failed'));
  }
  const incomplete = input.reading !== undefined && !input.reading.complete;
  const verdict = incomplete
    ? `<p class="verdict ko">${bi(
        `Lecture incomplète : le fichier ne peut pas être transmis tel quel (${fmt(input.reading!.records)} enregistrement(s) lu(s)).`,
        `Incomplete reading: the file cannot be sent as it is (${fmt(input.reading!.records)} record(s) read).`,
      )}</p>`
    : input.reading?.mixed
      ? `<p class="verdict ko">${bi('Fichier mixte (deux éditions) : le fichier ne peut pas être transmis tel quel.', 'Mixed file (both editions): the file cannot be sent as it is.')}</p>`
      : input.findings
        ? counts.error === 0
          ? `<p class="verdict ok">${bi('Aucune erreur : le fichier peut être transmis.', 'No error: the file can be sent.')}</p>`
          : `<p class="verdict ko">${bi(
              `${fmt(counts.error)} erreur(s) à corriger avant la transmission.`,
              `${fmt(counts.error)} error(s) to fix before sending.`,
            )}</p>`
        : '';
  return `<section id="summary"><h2>${bi('Synthèse', 'Summary')}</h2>${verdict}<div class="cards">${cards.join('')}</div></section>`;
}

/** How the reading went, before everything else: an incomplete reading, a mixed file, the read errors. */
function renderReading(input: ReportInput): string {
  const r = input.reading;
  if (!r) return '';
  const parts: string[] = [];
  if (r.message) parts.push(`<p class="verdict ko">${bi(r.message.fr, r.message.en)}</p>`);
  parts.push(
    `<p>${bi(`${fmt(r.records)} enregistrement(s) lu(s), ${fmt(r.unreadable)} fragment(s) illisible(s).`, `${fmt(r.records)} record(s) read, ${fmt(r.unreadable)} unreadable fragment(s).`)}</p>`,
  );
  if (r.mixed) parts.push(`<p class="verdict ko">${bi(r.mixed.fr, r.mixed.en)}</p>`);
  if (r.errors && r.errors.length > 0) {
    const shown = r.errors.slice(0, 500);
    parts.push(
      `<ul>${shown.map((e) => `<li class="sev-${e.severity === 'warning' ? 'warning' : 'error'}">${bi('ligne', 'line')} ${e.line} : ${bi(e.message.fr, e.message.en)}</li>`).join('')}</ul>`,
    );
    if (r.errors.length > shown.length)
      parts.push(
        `<p>${bi(`… et ${fmt(r.errors.length - shown.length)} autre(s).`, `… and ${fmt(r.errors.length - shown.length)} more.`)}</p>`,
      );
  }
  return `<section id="reading"><h2>${bi('Lecture du fichier', 'Reading the file')}</h2>${parts.join('')}</section>`;
}

/** Where a finding or an audit item is: "ligne N" (the line in the file) and, beside it, the record's position. */
function whereHtml(line: number | undefined, index: number | undefined): string {
  const parts: string[] = [];
  if (line !== undefined) parts.push(`${bi('ligne', 'line')} ${line}`);
  if (index !== undefined) parts.push(`${bi('enregistrement n°', 'record no.')} ${index + 1}`);
  return parts.join(', ');
}

/** A variable's value as the report shows it: a code of the nomenclature with its label, else the value quoted. */
function valueHtml(name: string, value: string): string {
  const fr = codeLabel(name, value);
  if (fr !== undefined) return codedHtml(name, value, { fr, en: codeLabel(name, value, { lang: 'en' }) ?? fr });
  return `<code>${escapeHtml(JSON.stringify(capValue(value)))}</code>`;
}

function renderFinding(f: ReportFinding): string {
  const vars = findingVariables(f);
  const where: string[] = [];
  const at = whereHtml(f.line, f.recordIndex);
  if (at) where.push(at);
  if (f.numanonym) where.push(`<code class="pseudonym">${escapeHtml(shortPseudonym(f.numanonym))}</code>`);
  const values = (f.variables ?? [])
    .map(
      (v) =>
        `<span class="var"><code>${escapeHtml(v.name)}</code>${v.value === undefined ? '' : ` = ${valueHtml(v.name, v.value)}`}</span>`,
    )
    .join(' ');
  const message = f.messages ? bi(f.messages.fr, f.messages.en) : escapeHtml(f.message);
  return `<li class="finding" data-sev="${f.severity}" data-vars=" ${escapeHtml(vars.join(' '))} "><span class="where">${where.join(' · ')}</span> ${message} ${values}</li>`;
}

function renderFindings(input: ReportInput, options: ReportOptions): string {
  if (!input.findings) return '';
  const max = options.maxFindingsPerRule ?? 500;
  const groups = groupByRule(input.findings);
  const titles = new Map((input.rules ?? []).map((r) => [r.id, textOf(r.title, r.id)]));
  const allVars = [...new Set(groups.flatMap((g) => [...g.variables]))].sort();
  const filters = `<div class="filters no-print" role="group">
<span>${bi('Filtrer :', 'Filter:')}</span>
${SEVERITIES.map((s) => `<label><input type="checkbox" class="f-sev" value="${s}" checked> ${bi(SEVERITY_LABEL[s][0], SEVERITY_LABEL[s][1])}</label>`).join('\n')}
<label>${bi('Variable', 'Variable')} <select id="f-var"><option value="">${escapeHtml('—')}</option>${allVars
    .map((v) => `<option value="${escapeHtml(v)}">${escapeHtml(v)}</option>`)
    .join('')}</select></label>
<span id="f-count" aria-live="polite"></span>
</div>`;
  if (groups.length === 0) {
    return `<section id="findings"><h2>${bi('Constats par règle', 'Findings by rule')}</h2><p class="verdict ok">${bi('Aucun constat.', 'No finding.')}</p></section>`;
  }
  const rows = groups
    .map((g) => {
      const [fr, en] = titles.get(g.ruleId) ?? [g.ruleId, g.ruleId];
      const shown = g.findings.slice(0, max).map(renderFinding).join('\n');
      const more =
        g.findings.length > max
          ? `<p class="more">${bi(`… et ${fmt(g.findings.length - max)} autre(s), non listé(s).`, `… and ${fmt(g.findings.length - max)} more, not listed.`)}</p>`
          : '';
      return `<details class="rule" data-sev="${g.severity}" data-vars=" ${escapeHtml([...g.variables].join(' '))} ">
<summary><span class="badge sev-${g.severity}">${bi(SEVERITY_LABEL[g.severity][0], SEVERITY_LABEL[g.severity][1])}</span> <code class="rule-id">${escapeHtml(g.ruleId)}</code> ${fr === g.ruleId ? '' : bi(fr, en)} <span class="count" data-total="${g.findings.length}">${fmt(g.findings.length)}</span></summary>
<ul>${shown}</ul>${more}
</details>`;
    })
    .join('\n');
  return `<section id="findings"><h2>${bi('Constats par règle', 'Findings by rule')}</h2>${filters}<div id="rules">${rows}</div></section>`;
}

/** Fill rates from the audit's `variablesPresent` counts, when no record-level rates were given. */
function ratesFromAudit(audit: AuditResult | undefined): FillRate[] | undefined {
  const present = audit?.variablesPresent;
  const total = audit?.records;
  if (!present || typeof present !== 'object' || Array.isArray(present) || total === undefined) return undefined;
  return Object.entries(present as Record<string, number>).map(([name, n]) => ({
    name,
    filled: n,
    unknown: 0,
    empty: 0,
    absent: Math.max(0, total - n),
  }));
}

const BAR_COLORS = { filled: '#2e7d32', unknown: '#ef8f00', empty: '#b0bec5', absent: '#eceff1' } as const;

/**
 * An inline SVG chart of fill rates: one stacked bar per variable (filled, "ne sait pas", empty, absent).
 *
 * @example
 * fillRateSvg([{ name: 'SEXE', filled: 3, unknown: 1, empty: 0, absent: 0 }]).startsWith('<svg'); // true
 */
export function fillRateSvg(rates: readonly FillRate[], lang: ReportLang = 'fr'): string {
  const rows = rates.filter((r) => r.filled + r.unknown + r.empty + r.absent > 0);
  const rowH = 16;
  const labelW = 120;
  const barW = 420;
  const top = 4;
  const height = top + rows.length * rowH + 4;
  const parts: string[] = [];
  rows.forEach((r, i) => {
    const total = r.filled + r.unknown + r.empty + r.absent;
    const y = top + i * rowH;
    let x = labelW;
    const segs: string[] = [];
    for (const key of ['filled', 'unknown', 'empty', 'absent'] as const) {
      const w = (barW * r[key]) / total;
      if (w > 0)
        segs.push(
          `<rect x="${x.toFixed(2)}" y="${y + 2}" width="${w.toFixed(2)}" height="${rowH - 4}" fill="${BAR_COLORS[key]}"/>`,
        );
      x += w;
    }
    const label = variableLabel(r.name, { lang }) ?? r.name;
    const tip = `${r.name} — ${label}: ${lang === 'fr' ? 'renseignée' : 'filled'} ${pct(r.filled, total)}, ${lang === 'fr' ? 'ne sait pas' : 'unknown'} ${pct(r.unknown, total)}, ${lang === 'fr' ? 'vide' : 'empty'} ${pct(r.empty, total)}, ${lang === 'fr' ? 'absente' : 'absent'} ${pct(r.absent, total)}`;
    parts.push(
      `<g class="fill-row" data-var="${escapeHtml(r.name)}"><title>${escapeHtml(tip)}</title><text x="${labelW - 6}" y="${y + rowH - 4}" text-anchor="end">${escapeHtml(r.name)}</text><rect x="${labelW}" y="${y + 2}" width="${barW}" height="${rowH - 4}" fill="none" stroke="#90a4ae" stroke-width="0.5"/>${segs.join('')}<text x="${labelW + barW + 6}" y="${y + rowH - 4}">${pct(r.filled + r.unknown, total)}</text></g>`,
    );
  });
  return `<svg xmlns="http://www.w3.org/2000/svg" class="fill-chart" role="img" aria-label="${lang === 'fr' ? 'Taux de remplissage par variable' : 'Fill rate per variable'}" viewBox="0 0 ${labelW + barW + 70} ${height}" width="${labelW + barW + 70}" height="${height}" font-family="system-ui, sans-serif" font-size="11">${parts.join('')}</svg>`;
}

function renderFill(input: ReportInput, lang: ReportLang): string {
  const rates = input.fillRates ?? ratesFromAudit(input.audit);
  if (!rates || rates.length === 0) return '';
  const legend = (['filled', 'unknown', 'empty', 'absent'] as const)
    .map((k) => {
      const [fr, en] = {
        filled: ['renseignée', 'filled'],
        unknown: ['« ne sait pas »', '"unknown"'],
        empty: ['vide', 'empty'],
        absent: ['absente', 'absent'],
      }[k];
      return `<span class="legend-item"><svg width="12" height="12" aria-hidden="true"><rect width="12" height="12" fill="${BAR_COLORS[k]}" stroke="#90a4ae" stroke-width="0.5"/></svg> ${bi(fr!, en!)}</span>`;
    })
    .join(' ');
  return `<section id="fill"><h2>${bi('Taux de remplissage par variable', 'Fill rate per variable')}</h2><p class="legend">${legend}</p><div class="chart">${fillRateSvg(rates, lang)}</div></section>`;
}

/** Counts by code (TYPEV…) or by year, in the nomenclature's order (years in order), with shares. */
function countTable(
  counts: Readonly<Record<string, number>>,
  key: { fr: string; en: string },
  variable?: string,
): string {
  const total = Object.values(counts).reduce((a, b) => a + b, 0);
  const codes = variable ? (variableDef(variable)?.codes.map((c) => c.code) ?? []) : [];
  const keys = Object.keys(counts).sort((a, b) => {
    const ia = codes.indexOf(a);
    const ib = codes.indexOf(b);
    if (ia >= 0 || ib >= 0) return (ia < 0 ? 1e9 : ia) - (ib < 0 ? 1e9 : ib);
    const na = Number(a);
    const nb = Number(b);
    if (Number.isFinite(na) && Number.isFinite(nb)) return na - nb;
    return a < b ? -1 : a > b ? 1 : 0;
  });
  const rows = keys
    .map(
      (k) =>
        `<tr><td>${variable ? valueHtml(variable, k) : escapeHtml(k)}</td><td class="num">${fmt(counts[k]!)}</td><td class="num">${pct(counts[k]!, total)}</td></tr>`,
    )
    .join('');
  return `<div class="table-wrap"><table><thead><tr><th>${bi(key.fr, key.en)}</th><th class="num">${bi('Nombre', 'Count')}</th><th class="num">%</th></tr></thead><tbody>${rows}</tbody></table></div>`;
}

/** The columns an audit item may have, in the order shown, with their French and English headers. */
const ITEM_COLUMNS: readonly { key: string; fr: string; en: string; num?: boolean }[] = [
  { key: 'line', fr: 'Ligne (fichier)', en: 'Line (file)', num: true },
  { key: 'index', fr: 'Enregistrement n°', en: 'Record no.', num: true },
  { key: 'numanonym', fr: 'Pseudonyme (tronqué)', en: 'Pseudonym (shortened)' },
  { key: 'variable', fr: 'Variable', en: 'Variable' },
  { key: 'value', fr: 'Valeur', en: 'Value' },
  { key: 'count', fr: 'Nombre', en: 'Count', num: true },
  { key: 'people', fr: 'Jeunes', en: 'Young people', num: true },
  { key: 'detail', fr: 'Détail', en: 'Detail' },
  { key: 'ruleId', fr: 'Règle', en: 'Rule' },
];

function itemCell(key: string, item: Record<string, unknown>, variable: string | undefined): string {
  const v = item[key];
  if (v === undefined || v === null || v === '') return '';
  // Line and record numbers are written plainly (no thousands separator), as an editor's "go to line" wants them.
  if (key === 'index' && typeof v === 'number') return String(v + 1);
  if (key === 'line' && typeof v === 'number') return String(v);
  if (typeof v === 'number') return fmt(v);
  if (key === 'numanonym' && typeof v === 'string')
    return `<code class="pseudonym">${escapeHtml(shortPseudonym(v))}</code>`;
  if (key === 'value' && typeof v === 'string' && variable) return valueHtml(variable, v);
  // A detail is { fr, en } (the English toggle shows the English); an older audit JSON may hold one string.
  if (key === 'detail' && typeof v === 'object' && typeof (v as { fr?: unknown }).fr === 'string') {
    const d = v as { fr: string; en?: string };
    return bi(d.fr, d.en ?? d.fr);
  }
  if (key === 'variable' && typeof v === 'string') {
    const label = variableLabel(v);
    return label
      ? `<code>${escapeHtml(v)}</code> <span class="var-label">${bi(label, variableLabel(v, { lang: 'en' }) ?? label)}</span>`
      : `<code>${escapeHtml(v)}</code>`;
  }
  return escapeHtml(typeof v === 'object' ? JSON.stringify(v) : String(v));
}

function renderItems(items: readonly unknown[] | undefined, max: number, sectionVariable?: string): string {
  if (!items || items.length === 0) return '';
  const shown = items.slice(0, max);
  const more =
    items.length > max
      ? `<p class="more">${bi(`… et ${fmt(items.length - max)} autre(s), non listé(s).`, `… and ${fmt(items.length - max)} more, not listed.`)}</p>`
      : '';
  if (shown.every((it) => it !== null && typeof it === 'object' && !Array.isArray(it))) {
    const objects = shown as Record<string, unknown>[];
    const known = ITEM_COLUMNS.filter((c) =>
      objects.some((o) => o[c.key] !== undefined && o[c.key] !== null && o[c.key] !== ''),
    );
    const others: string[] = [];
    for (const o of objects)
      for (const k of Object.keys(o))
        if (!ITEM_COLUMNS.some((c) => c.key === k) && !others.includes(k) && others.length < 4) others.push(k);
    const head = [
      ...known.map((c) => `<th${c.num ? ' class="num"' : ''}>${bi(c.fr, c.en)}</th>`),
      ...others.map((k) => `<th>${escapeHtml(k)}</th>`),
    ].join('');
    const body = objects
      .map((o) => {
        const variable = typeof o.variable === 'string' ? o.variable : sectionVariable;
        return `<tr>${[...known.map((c) => `<td${c.num ? ' class="num"' : ''}>${itemCell(c.key, o, variable)}</td>`), ...others.map((k) => `<td>${itemCell(k, o, undefined)}</td>`)].join('')}</tr>`;
      })
      .join('');
    return `<div class="table-wrap"><table><thead><tr>${head}</tr></thead><tbody>${body}</tbody></table></div>${more}`;
  }
  return `<ul>${shown.map((it) => `<li>${escapeHtml(typeof it === 'string' ? it : JSON.stringify(it))}</li>`).join('')}</ul>${more}`;
}

function renderDiscrepancies(list: readonly AuditDiscrepancyInfo[] | undefined): string {
  if (!list || list.length === 0) return '';
  const t = (x: { fr: string; en?: string }): string => bi(x.fr, x.en ?? x.fr);
  const rows = list
    .map((d) => {
      const src = d.source
        ? ` <span class="src">(${escapeHtml(`${d.source.doc} ${d.source.ref}${d.source.page !== undefined ? `, p. ${d.source.page}` : ''}`)})</span>`
        : '';
      return `<li class="discrepancy" id="onpe-${escapeHtml(d.id)}"><code>${escapeHtml(d.id)}</code> <strong>ONPE</strong> : ${t(d.onpeDoes)}<br><strong>olinpe</strong> : ${t(d.olinpeDoes)}<br>${bi('Pourquoi', 'Why')} : ${t(d.why)}${src}</li>`;
    })
    .join('');
  return `<div class="discrepancies"><p>${bi('Écarts connus avec l’outil d’ONPE', 'Known differences with ONPE’s tool')}</p><ul>${rows}</ul></div>`;
}

/** What an audit section counts, in both languages. */
const UNITS: Record<string, [string, string]> = {
  lines: ['lignes', 'lines'],
  variables: ['variables', 'variables'],
  findings: ['constats', 'findings'],
  messages: ['messages', 'messages'],
  persons: ['jeunes', 'young people'],
  years: ['années', 'years'],
};

function renderSection(s: ReportAuditSection, max: number): string {
  const [fr, en] = textOf(s.title, s.id);
  const onpe = s.onpe
    ? ` <span class="onpe">ONPE ${escapeHtml(s.onpe)}${s.onpeTitle ? ` « ${escapeHtml(s.onpeTitle)} »` : ''}</span>`
    : '';
  const unitText = s.unit ? UNITS[s.unit] : undefined;
  const unit = s.unit
    ? ` <span class="unit">${unitText ? bi(unitText[0], unitText[1]) : escapeHtml(s.unit)}</span>`
    : '';
  const sectionVariable =
    s.id === 'typev' ? 'TYPEV' : s.id.startsWith('missing-') ? s.id.slice('missing-'.length) : undefined;
  return `<details class="audit-section" id="audit-${escapeHtml(s.id)}"${s.count > 0 ? ' open' : ''}><summary>${bi(fr, en)}${onpe} <span class="count">${fmt(s.count)}</span>${unit}</summary>${renderItems(s.items, max, sectionVariable)}${renderDiscrepancies(s.discrepancies)}</details>`;
}

function renderAudit(audit: AuditResult | undefined, options: ReportOptions): string {
  if (!audit) return '';
  const parts: string[] = [];
  if (audit.typev && Object.keys(audit.typev).length > 0) {
    parts.push(
      `<div class="half"><h3>${bi('Types d’événement (TYPEV)', 'Event types (TYPEV)')}</h3>${countTable(audit.typev, { fr: 'TYPEV', en: 'TYPEV' }, 'TYPEV')}</div>`,
    );
  }
  if (audit.decisionYears && Object.keys(audit.decisionYears).length > 0) {
    parts.push(
      `<div class="half"><h3>${bi('Années de décision', 'Decision years')}</h3>${countTable(audit.decisionYears, { fr: 'Année', en: 'Year' })}</div>`,
    );
  }
  const sections = (audit.sections ?? []).map((s) => renderSection(s, options.maxFindingsPerRule ?? 500)).join('\n');
  const head: string[] = [];
  if (audit.records !== undefined && audit.distinctLines !== undefined) {
    head.push(
      `<li>${bi(`Lignes : ${fmt(audit.records)} (${fmt(audit.distinctLines)} distinctes)`, `Lines: ${fmt(audit.records)} (${fmt(audit.distinctLines)} distinct)`)}</li>`,
    );
  }
  if (typeof audit.variablesPresent === 'number' && audit.variablesTotal !== undefined) {
    head.push(
      `<li>${bi(`Variables saisies : ${fmt(audit.variablesPresent)} / ${fmt(audit.variablesTotal)}`, `Variables present: ${fmt(audit.variablesPresent)} / ${fmt(audit.variablesTotal)}`)}</li>`,
    );
  }
  if (audit.year) {
    const y = audit.year;
    const v = y.value === null ? '—' : String(y.value);
    const [sfr, sen] =
      y.source === 'given'
        ? ['donnée par --year', 'given with --year']
        : y.source === 'inferred'
          ? [
              'déduite des données comme ONPE (année de DATDECPE la plus fréquente)',
              'inferred from the data as ONPE does (most frequent DATDECPE year)',
            ]
          : ['aucune', 'none'];
    head.push(`<li>${bi(`Année concernée : ${v} (${sfr})`, `Reference year: ${v} (${sen})`)}</li>`);
    // The warning is written again from its figures, so that it follows the language switch as the rest does.
    if (y.warning && y.value !== null && typeof y.inferred === 'number')
      head.push(
        `<li class="warning">${bi(
          `Les données désignent l’année ${y.inferred} (DATDECPE la plus fréquente), pas ${y.value}.`,
          `The data point to year ${y.inferred} (most frequent DATDECPE year), not ${y.value}.`,
        )}</li>`,
      );
    else if (y.warning) head.push(`<li class="warning">${escapeHtml(y.warning)}</li>`);
  }
  const header =
    head.length > 0 ? `<ul class="audit-header">${head.join('')}</ul>${renderDiscrepancies(audit.discrepancies)}` : '';
  return `<section id="audit"><h2>${bi('Audit de l’observatoire', 'Observatory audit')}</h2>${header}<div class="halves">${parts.join('')}</div>${sections}</section>`;
}

/**
 * Renders a validation result and/or an audit as ONE self-contained HTML page: inline CSS, a small inline
 * script for the filters and the language switch, an inline SVG chart; no network, no external font.
 * Works in a browser as in Node (no Node built-in). The page is printable (print CSS opens every group).
 *
 * @example
 * const html = renderReportHtml({
 *   kind: 'validate',
 *   source: 'cg84-ONPE_2018.xml',
 *   records: 2,
 *   findings: [{ ruleId: 'OL16-FMT-SEXE', severity: 'error', message: 'SEXE : code inconnu « 3 »', variables: [{ name: 'SEXE', value: '3' }] }],
 * });
 * html.includes('OL16-FMT-SEXE'); // true
 */
export function renderReportHtml(input: ReportInput, options: ReportOptions = {}): string {
  const lang = options.lang ?? 'fr';
  const kindFr = { validate: 'Validation', audit: 'Audit', 'validate+audit': 'Validation et audit' }[input.kind];
  const kindEn = { validate: 'Validation', audit: 'Audit', 'validate+audit': 'Validation and audit' }[input.kind];
  const title = options.title ?? `olinpe — ${kindFr}${input.source ? ` — ${input.source}` : ''}`;
  const meta: string[] = [];
  if (input.source) meta.push(`${bi('Fichier', 'File')} : <code>${escapeHtml(input.source)}</code>`);
  if (input.edition) meta.push(`${bi('Édition', 'Edition')} : ${escapeHtml(input.edition)}`);
  if (input.generatedAt) meta.push(`${bi('Produit le', 'Produced on')} ${escapeHtml(input.generatedAt)}`);
  const toc = [
    ...(input.reading ? [{ id: 'reading', label: { fr: 'Lecture', en: 'Reading' } }] : []),
    { id: 'summary', label: { fr: 'Synthèse', en: 'Summary' } },
    ...(input.findings ? [{ id: 'findings', label: { fr: 'Constats', en: 'Findings' } }] : []),
    ...(input.fillRates || ratesFromAudit(input.audit)
      ? [{ id: 'fill', label: { fr: 'Remplissage', en: 'Fill rates' } }]
      : []),
    ...(input.audit ? [{ id: 'audit', label: { fr: 'Audit', en: 'Audit' } }] : []),
  ];
  return renderPage({
    lang,
    title,
    heading: `olinpe — ${bi(kindFr, kindEn)}`,
    meta,
    toc,
    intro: [
      `<p class="privacy">${bi(
        'Ce rapport ne contient aucune donnée d’identité : seuls les pseudonymes (NUMANONYM, tronqués à 12 caractères) et les valeurs en cause figurent. « ligne » est la ligne du fichier.',
        'This report holds no identity data: only pseudonyms (NUMANONYM, shortened to 12 characters) and the values at fault appear. "line" is the line in the file.',
      )}</p>`,
    ],
    body: [
      renderReading(input),
      renderSummary(input),
      renderFindings(input, options),
      renderFill(input, lang),
      renderAudit(input.audit, options),
    ].join('\n'),
    css: REPORT_CSS,
    script: REPORT_SCRIPT,
  });
}
