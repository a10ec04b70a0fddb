/**
 * The one home of HTML rendering for olinpe's reports (`rapport.html` of validate/audit, `analyse.html` of
 * report): escaping, French number formatting, bilingual labels, the page frame with its style sheet and
 * language switch, tables that can be downloaded as CSV. The charts are in `charts.ts`, the workbook writer in
 * `xlsx.ts`. Nothing here needs Node: the reports render in a browser too.
 *
 * Design choices, for the next maintainer:
 * - Numbers are formatted with `Intl.NumberFormat('fr-FR')` in both languages ("1 106", "87,2 %", with the
 *   narrow no-break space French typography uses): the reports are French public statistics; the English switch
 *   translates words, not the number format.
 * - Both languages are in the page; CSS shows one (`html[data-lang]`), so switching needs no second rendering.
 * - A pseudonym (NUMANONYM, 40 hex characters) is always shown by {@link shortPseudonym}: its first 12 characters
 *   and an ellipsis, enough to find it in the file, not the whole key.
 * - "ligne" is always the line in the file; the record's position, when useful, is "enregistrement n°".
 *
 * @module
 */

/** A language for labels: French first, English available. */
export type Lang = 'fr' | 'en';

/** A text in both languages. */
export interface Bilingual {
  fr: string;
  en: string;
}

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/**
 * Escapes a text for HTML content and double-quoted attributes.
 *
 * @internal Exported through the door for the analysis report (src/analysis); not in the published types.
 * @example
 * escapeHtml('<a href="x">'); // "&lt;a href=&quot;x&quot;&gt;"
 */
export function escapeHtml(text: string | number): string {
  return String(text).replace(/[&<>"']/g, (c) => ESCAPES[c] ?? c);
}

const INTEGER = new Intl.NumberFormat('fr-FR', { maximumFractionDigits: 0 });
const DECIMALS = [0, 1, 2, 3].map(
  (d) => new Intl.NumberFormat('fr-FR', { minimumFractionDigits: 0, maximumFractionDigits: d }),
);
const PERCENT = new Intl.NumberFormat('fr-FR', {
  style: 'percent',
  minimumFractionDigits: 1,
  maximumFractionDigits: 1,
});

/**
 * A count in French format ("1 106", narrow no-break space), or "—" when unknown.
 *
 * @example
 * formatCount(1106); // "1\u202f106" (a narrow no-break space between the digits)
 */
export function formatCount(n: number | null | undefined): string {
  return n === null || n === undefined || Number.isNaN(n) ? '—' : INTEGER.format(n);
}

/**
 * A number with at most `digits` decimals, French format ("12,5"), or "—".
 *
 * @example
 * formatNumber(12.54, 1); // "12,5"
 */
export function formatNumber(n: number | null | undefined, digits = 1): string {
  return n === null || n === undefined || Number.isNaN(n) ? '—' : DECIMALS[Math.max(0, Math.min(3, digits))]!.format(n);
}

/**
 * A share as a French percentage with one decimal ("87,2 %"), or "—" when the total is 0.
 *
 * @example
 * formatPercent(872, 1000); // "87,2\u00a0%" (a no-break space before %, as Intl writes it)
 */
export function formatPercent(part: number, total: number): string {
  return total > 0 ? PERCENT.format(part / total) : '—';
}

export { shortPseudonym } from '../model/index.js';
import { DOCS_SITE_URL as SITE } from '../version.js';

/**
 * A label in both languages as HTML; the page shows one, as the reader chooses. Inside an SVG `<text>`, pass
 * `svg: true` to get `<tspan>`s.
 *
 * @example
 * bi('Ligne', 'Line'); // '<span class="l-fr" lang="fr">Ligne</span><span class="l-en" lang="en">Line</span>'
 */
export function bi(fr: string, en: string, options: { svg?: boolean } = {}): string {
  if (fr === en) return escapeHtml(fr);
  const tag = options.svg ? 'tspan' : 'span';
  return `<${tag} class="l-fr" lang="fr">${escapeHtml(fr)}</${tag}><${tag} class="l-en" lang="en">${escapeHtml(en)}</${tag}>`;
}

/** {@link bi} of a {@link Bilingual}. */
export function biText(text: Bilingual, options: { svg?: boolean } = {}): string {
  return bi(text.fr, text.en, options);
}

/**
 * One cell of a CSV meant for people (opened in a spreadsheet): a text starting with = + - @ tab or CR is
 * neutralised with a leading apostrophe, so that it is shown, never run as a formula (OWASP, CSV Injection).
 * Numbers are written as they are (-3 is a number, not a formula).
 *
 * @example
 * humanCsvCell('=1+1'); // "'=1+1"
 * humanCsvCell('a;b'); // '"a;b"'
 */
export function humanCsvCell(v: string | number | null): string {
  let s = v === null ? '' : String(v);
  if (typeof v === 'string' && /^[=+\-@\t\r]/.test(s)) s = `'${s}`;
  return /[;"\n\r]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

/** A CSV text (`;`, as French spreadsheets expect), one row per line, ending with a newline. */
export function csvText(rows: readonly (readonly (string | number | null)[])[]): string {
  return `${rows.map((row) => row.map(humanCsvCell).join(';')).join('\r\n')}\r\n`;
}

/** How a column's cells are written. */
export type ColumnKind = 'text' | 'count' | 'percent' | 'number';

/** One column of a {@link DataTable}. */
export interface Column {
  title: Bilingual;
  kind?: ColumnKind;
  /** Decimals of a `number` column (1 by default). */
  digits?: number;
}

/** A code of the nomenclature with its label: shown as {@link codedHtml}, written "code — label" in files. */
export interface CodedCell {
  variable: string;
  code: string;
  label: Bilingual;
}

/** A cell: a number (formatted by its column), a text, a bilingual text, a share, or a code with its label. */
export type Cell = string | number | null | Bilingual | { part: number; total: number } | CodedCell;

/** A table shown in a report and offered for download (CSV in the page, and a sheet of the workbook). */
export interface DataTable {
  /** Stable id: the anchor, the CSV file name and the workbook's sheet name come from it. */
  id: string;
  title: Bilingual;
  columns: readonly Column[];
  rows: readonly (readonly Cell[])[];
  /** A note under the table (definitions, what is left out). */
  note?: Bilingual;
}

function isBilingual(c: Cell): c is Bilingual {
  return typeof c === 'object' && c !== null && 'fr' in c;
}

function isCoded(c: Cell): c is CodedCell {
  return typeof c === 'object' && c !== null && 'code' in c;
}

function isShare(c: Cell): c is { part: number; total: number } {
  return typeof c === 'object' && c !== null && 'part' in c;
}

/** A cell as HTML. */
function cellHtml(c: Cell, column: Column): string {
  if (c === null) return '';
  if (isCoded(c)) return codedHtml(c.variable, c.code, c.label);
  if (isBilingual(c)) return biText(c);
  if (isShare(c)) return formatPercent(c.part, c.total);
  if (typeof c === 'number') {
    if (column.kind === 'number') return formatNumber(c, column.digits ?? 1);
    return formatCount(c);
  }
  return escapeHtml(c);
}

/** A cell's value for CSV and the workbook: numbers stay numbers (a share becomes a ratio), texts in `lang`. */
export function cellValue(c: Cell, lang: Lang = 'fr'): string | number | null {
  if (c === null) return null;
  if (isCoded(c)) return c.code === c.label[lang] ? c.code : `${c.code} — ${c.label[lang]}`;
  if (isBilingual(c)) return c[lang];
  if (isShare(c)) return c.total > 0 ? Math.round((1000 * c.part) / c.total) / 1000 : null;
  return c;
}

/** The rows of a table as values (header first), for CSV and the workbook. */
export function tableValues(t: DataTable, lang: Lang = 'fr'): (string | number | null)[][] {
  return [t.columns.map((c) => c.title[lang]), ...t.rows.map((r) => r.map((c) => cellValue(c, lang)))];
}

function utf8Percent(text: string): string {
  return encodeURIComponent(text).replace(/'/g, '%27');
}

/**
 * A table as HTML, with its title, a link to download it as CSV (a `data:` URL, so the page stays one file and
 * needs no network) and its note. Numbers are right-aligned and French-formatted.
 *
 * @example
 * renderTable({ id: 'sexe', title: { fr: 'Sexe', en: 'Sex' }, columns: [{ title: { fr: 'Sexe', en: 'Sex' } }, { title: { fr: 'Jeunes', en: 'Young people' }, kind: 'count' }], rows: [['Féminin', 1106]] })
 *   .includes('1\u202f106'); // true
 */
export function renderTable(t: DataTable, options: { heading?: 'h3' | 'h4' | false } = {}): string {
  const heading = options.heading ?? 'h3';
  const head = t.columns
    .map((c) => `<th scope="col"${c.kind && c.kind !== 'text' ? ' class="num"' : ''}>${biText(c.title)}</th>`)
    .join('');
  const body = t.rows
    .map(
      (r) =>
        `<tr>${r
          .map((c, i) => {
            const col = t.columns[i] ?? { title: { fr: '', en: '' } };
            const num = col.kind && col.kind !== 'text';
            return `<td${num ? ' class="num"' : ''}>${cellHtml(c, col)}</td>`;
          })
          .join('')}</tr>`,
    )
    .join('');
  const csvFr = `data:text/csv;charset=utf-8,${utf8Percent(`\ufeff${csvText(tableValues(t, 'fr'))}`)}`;
  const csvEn = `data:text/csv;charset=utf-8,${utf8Percent(`\ufeff${csvText(tableValues(t, 'en'))}`)}`;
  const download = `<span class="downloads no-print"><a class="csv l-fr" lang="fr" download="${escapeHtml(t.id)}.csv" href="${csvFr}">CSV</a><a class="csv l-en" lang="en" download="${escapeHtml(t.id)}.csv" href="${csvEn}">CSV</a></span>`;
  const title = heading ? `<${heading}>${biText(t.title)} ${download}</${heading}>` : download;
  const note = t.note ? `<p class="note">${biText(t.note)}</p>` : '';
  return `<div class="data-table" id="t-${escapeHtml(t.id)}">${title}<div class="table-wrap"><table><thead><tr>${head}</tr></thead><tbody>${body}</tbody></table></div>${note}</div>`;
}

/** The reports' style sheet (screen and print). */
export const PAGE_CSS = `
:root{--fg:#1b1f23;--muted:#5f6b76;--line:#d6dde3;--err:#b71c1c;--warn:#a65e00;--info:#1565c0;--ok:#2e7d32;--bg:#fff;--accent:#3b6ea5}
*{box-sizing:border-box}
body{font-family:system-ui,-apple-system,"Segoe UI",Roboto,"Helvetica Neue",Arial,sans-serif;color:var(--fg);background:var(--bg);margin:0 auto;max-width:72rem;padding:1rem 1.5rem;line-height:1.45}
html[data-lang=fr] .l-en,html[data-lang=en] .l-fr{display:none}
h1{font-size:1.6rem;margin:.2rem 0}h2{font-size:1.25rem;border-bottom:2px solid var(--line);padding-bottom:.2rem;margin-top:2rem}h3{font-size:1.05rem;margin:1.2rem 0 .3rem}
.meta,.privacy,.note{color:var(--muted);font-size:.9rem}
code{font-family:ui-monospace,SFMono-Regular,Menlo,Consolas,monospace;font-size:.88em;background:#f3f5f7;padding:0 .2em;border-radius:3px}
.cards{display:flex;flex-wrap:wrap;gap:.6rem}
.card{border:1px solid var(--line);border-radius:6px;padding:.5rem .9rem;min-width:8rem}
.card .value{font-size:1.5rem;font-weight:600}.card .label{color:var(--muted);font-size:.85rem}
.card.sev-error .value{color:var(--err)}.card.sev-warning .value{color:var(--warn)}.card.sev-info .value{color:var(--info)}
.verdict{font-weight:600;padding:.4rem .7rem;border-radius:4px}.verdict.ok{background:#e8f5e9;color:var(--ok)}.verdict.ko{background:#ffebee;color:var(--err)}
.filters{display:flex;flex-wrap:wrap;gap:.8rem;align-items:center;background:#f7f9fa;border:1px solid var(--line);border-radius:6px;padding:.5rem .8rem;margin-bottom:.6rem}
details.rule,details.audit-section{border:1px solid var(--line);border-radius:6px;margin:.35rem 0;padding:.3rem .7rem}
details summary{cursor:pointer}
.badge{display:inline-block;font-size:.75rem;font-weight:600;border-radius:3px;padding:0 .4em;color:#fff}
.badge.sev-error{background:var(--err)}.badge.sev-warning{background:var(--warn)}.badge.sev-info{background:var(--info)}
.count{float:right;font-weight:600;font-variant-numeric:tabular-nums}
li.finding{margin:.15rem 0}.where{color:var(--muted);font-size:.85rem}
.more{color:var(--muted);font-style:italic}
.legend{display:flex;flex-wrap:wrap;gap:.3rem 1rem;font-size:.85rem;margin:.3rem 0}
.legend-item{white-space:nowrap}
.chart,.table-wrap{overflow-x:auto;max-width:100%}
.chart svg{display:block;width:100%;height:auto;max-width:60rem}.chart svg.flow-chart{max-width:none}
table{border-collapse:collapse;margin:.4rem 0}th,td{border:1px solid var(--line);padding:.2rem .5rem;text-align:left;font-size:.9rem;vertical-align:top}
th{background:#f3f5f7}td.num,th.num{text-align:right;font-variant-numeric:tabular-nums}td.num{white-space:nowrap}
.downloads{font-size:.75rem;font-weight:400;margin-left:.6rem}.downloads a{border:1px solid var(--line);border-radius:3px;padding:0 .35em;text-decoration:none}
.halves{display:flex;flex-wrap:wrap;gap:0 2rem}
figure{margin:1rem 0}
.hidden{display:none!important}
button{font:inherit;padding:.2rem .7rem;border:1px solid var(--line);border-radius:4px;background:#fff;cursor:pointer}
svg text{font-family:system-ui,-apple-system,"Segoe UI",Roboto,Arial,sans-serif}
svg .halo{paint-order:stroke;stroke:#fff;stroke-width:3px;stroke-linejoin:round}
@media print{
  .no-print{display:none!important}
  body{max-width:none;padding:0;font-size:10pt}
  details.rule,details.audit-section,.data-table,figure{break-inside:avoid-page}
  h2{break-after:avoid}
  a{color:inherit;text-decoration:none}
}
`;

/** The language switch: flips `data-lang` on the root; every bilingual label follows through CSS. */
export const LANG_SCRIPT = `
(function () {
  var root = document.documentElement;
  var toggle = document.getElementById('lang-toggle');
  if (toggle) toggle.addEventListener('click', function () {
    var next = root.getAttribute('data-lang') === 'fr' ? 'en' : 'fr';
    root.setAttribute('data-lang', next); root.setAttribute('lang', next);
    toggle.textContent = next === 'fr' ? 'English' : 'Français';
    document.dispatchEvent(new Event('olinpe-lang'));
  });
  window.addEventListener('beforeprint', function () {
    document.querySelectorAll('details').forEach(function (d) { d.setAttribute('open', ''); });
  });
})();
`;

/** What a page is made of. */
export interface PageParts {
  lang: Lang;
  /** The document's `<title>` (plain text). */
  title: string;
  /** The `<h1>` as HTML (use {@link bi}). */
  heading: string;
  /** HTML lines under the title (file, edition, date…). */
  meta?: readonly string[];
  /** Table of contents: anchor id and bilingual label. */
  toc?: readonly { id: string; label: Bilingual }[];
  /** HTML paragraphs under the header (privacy note, downloads). */
  intro?: readonly string[];
  /** The page's sections, as HTML. */
  body: string;
  /** More CSS and script, specific to one report. */
  css?: string;
  script?: string;
}

/**
 * The frame of every report: one self-contained HTML document (inline style and script, no network), French
 * first with an English switch, printable.
 */
export function renderPage(p: PageParts): string {
  const toc =
    p.toc && p.toc.length > 0
      ? `<nav class="toc no-print">${p.toc.map((t) => `<a href="#${escapeHtml(t.id)}">${biText(t.label)}</a>`).join(' · ')}</nav>`
      : '';
  return `<!doctype html>
<html lang="${p.lang}" data-lang="${p.lang}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="generator" content="olinpe">
<title>${escapeHtml(p.title)}</title>
<style>${PAGE_CSS}${p.css ?? ''}</style>
</head>
<body>
<header>
<h1>${p.heading}</h1>
${p.meta && p.meta.length > 0 ? `<p class="meta">${p.meta.join(' · ')}</p>` : ''}
<p class="no-print"><button type="button" id="lang-toggle">${p.lang === 'fr' ? 'English' : 'Français'}</button></p>
${toc}
${(p.intro ?? []).join('\n')}
</header>
<main>
${p.body}
</main>
<script>${LANG_SCRIPT}${p.script ?? ''}</script>
</body>
</html>
`;
}

/**
 * Where the documentation site is published: package.json's `homepage` (its one source, copied into src/version.ts
 * by `npm run generate`). The site is built by `npm run docs` into docs/site/, one HTML page per markdown page of
 * docs/, `.md` → `.html`. Reports link their definitions there, never to a repository path.
 */
export { DOCS_SITE_URL } from '../version.js';

/**
 * The address of a documentation page on the site, from its path under docs/ (`guides/analysis.md`).
 *
 * @example
 * docsUrl('guides/analysis.md', 'durees'); // "https://olinpe.github.io/olinpe/guides/analysis.html#durees"
 */
export function docsUrl(path: string, anchor?: string): string {
  return `${SITE}${path.replace(/\.md$/, '.html')}${anchor ? `#${anchor}` : ''}`;
}

/**
 * A code shown with its label, marked so that a reader (and a test) can tell which variable and code it is:
 * `<span class="coded" data-var="MOTFININT" data-code="1"><code>1</code> Terme prévu atteint</span>`.
 */
export function codedHtml(variable: string, code: string, label: Bilingual): string {
  return `<span class="coded" data-var="${escapeHtml(variable)}" data-code="${escapeHtml(code)}"><code>${escapeHtml(code)}</code> <span class="code-label">${biText(label)}</span></span>`;
}
