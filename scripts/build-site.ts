/**
 * Builds the documentation site into docs/site/ (not committed):
 *   - markdown pages from docs/ (home, audiences, guides, generated dictionary and rule catalogue) rendered
 *     with markdown-it into the site's frame (site/layout.ts), `.md` links rewritten to `.html`;
 *   - a small search index (assets/search-index.js): one entry per page, per section, per variable;
 *   - the validator and data-entry pages, whose scripts bundle the library for the browser (esbuild,
 *     platform 'browser': a Node built-in anywhere in src/ fails the build);
 *   - the typedoc API reference, copied from docs/api when it was built (`typedoc` runs before this in
 *     `npm run docs`), else a page saying how to build it.
 *
 * Usage: `tsx scripts/build-site.ts [--out DIR] [--no-minify]`. Runs in a few seconds.
 */
import { build } from 'esbuild';
import { cpSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { NAV, renderPage } from '../site/layout.js';
import { variables, type EditionId } from '../src/nomenclature/index.js';
import { rules, type Rule } from '../src/rules/index.js';
import { citationText } from '../src/rules/catalogue-docs.js';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');

interface Token {
  type: string;
  tag: string;
  content: string;
  children: Token[] | null;
  attrSet(name: string, value: string): void;
  attrGet(name: string): string | null;
}
interface MarkdownIt {
  parse(src: string, env: object): Token[];
  renderer: { render(tokens: Token[], options: object, env: object): string };
  options: object;
}
type MarkdownItCtor = new (options: object) => MarkdownIt;

/** One search entry (see site/client/search.ts). */
interface SearchEntry {
  t: string;
  u: string;
  x: string;
  k: 'page' | 'section' | 'variable';
}

/** A rule id at the start of a heading (`OL16-REQ-SEXE — …`, `OL-YP-005 — …`). */
const RULE_ID = /^(OL(?:16|11)?-[A-Z0-9]+(?:-[A-Z0-9]+)*)(?=\s|$)/;

/**
 * ASCII slug of a heading. A heading opening with a rule id gets that id as it is (`#OL16-REQ-SEXE`: stable, unique,
 * what the dictionary links to); one opening with a variable name gets that name (the dictionary links so).
 */
export function headingId(text: string): string {
  const rule = RULE_ID.exec(text);
  if (rule) return rule[1]!;
  const variable = /^([A-Z][A-Z0-9]+)\b/.exec(text);
  if (variable) return variable[1]!.toLowerCase();
  return text
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '');
}

/** Rewrites a relative link to a markdown file into the matching page of the site. */
export function rewriteHref(href: string): string {
  if (/^[a-z]+:/i.test(href) || href.startsWith('#')) return href;
  return href.replace(/(^|\/)README\.md(#|$)/, '$1index.md$2').replace(/\.md(#|$)/, '.html$1');
}

function listMarkdown(dir: string): string[] {
  if (!existsSync(dir)) return [];
  const out: string[] = [];
  for (const name of readdirSync(dir).sort()) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) {
      if (name !== 'site' && name !== 'api') out.push(...listMarkdown(p));
    } else if (name.endsWith('.md')) out.push(p);
  }
  return out;
}

/** Copies the files of docs/ that are not markdown (e.g. docs/vectors/*.json), so pages can link to them. */
function copyAssets(dir: string, out: string, rel = ''): void {
  if (!existsSync(dir)) return;
  for (const name of readdirSync(dir)) {
    const p = join(dir, name);
    const r = rel ? `${rel}/${name}` : name;
    if (statSync(p).isDirectory()) {
      if (!(rel === '' && (name === 'site' || name === 'api'))) copyAssets(p, out, r);
    } else if (!name.endsWith('.md')) {
      mkdirSync(dirname(join(out, r)), { recursive: true });
      cpSync(p, join(out, r));
    }
  }
}

/** The text of inline tokens; a line break inside a paragraph counts as a space (words never run together). */
export function inlineText(tokens: Token[]): string {
  return tokens
    .map((t) =>
      t.children
        ? inlineText(t.children)
        : t.type === 'text' || t.type === 'code_inline'
          ? t.content
          : t.type === 'softbreak' || t.type === 'hardbreak'
            ? ' '
            : '',
    )
    .join('');
}

interface Rendered {
  title: string;
  html: string;
  entries: SearchEntry[];
}

/** Renders one markdown page: HTML with heading ids and rewritten links, plus its search entries. */
export function renderMarkdown(md: MarkdownIt, source: string, url: string): Rendered {
  const tokens = md.parse(source, {});
  let title = '';
  const entries: SearchEntry[] = [];
  let current: SearchEntry | undefined;
  let pageText = '';
  const used = new Set<string>();
  for (let i = 0; i < tokens.length; i++) {
    const tok = tokens[i]!;
    if (tok.type === 'heading_open') {
      const text = inlineText(tokens[i + 1]?.children ?? []);
      let id = headingId(text) || 'section';
      while (used.has(id)) id += '-';
      used.add(id);
      tok.attrSet('id', id);
      if (tok.tag === 'h1' && !title) title = text;
      else if (tok.tag === 'h2' || tok.tag === 'h3') {
        current = { t: text, u: `${url}#${id}`, x: '', k: /^[A-Z][A-Z0-9]+\b/.test(text) ? 'variable' : 'section' };
        entries.push(current);
      }
    } else if (tok.type === 'inline') {
      for (const child of tok.children ?? []) {
        if (child.type === 'link_open') {
          const href = child.attrGet('href');
          if (href) child.attrSet('href', rewriteHref(href));
        }
      }
      const text = inlineText(tok.children ?? []);
      if (tokens[i - 1]?.type !== 'heading_open') {
        if (current && current.x.length < 300) current.x += `${text} `;
        if (pageText.length < 300) pageText += `${text} `;
      }
    }
  }
  title ||= url;
  entries.unshift({ t: title, u: url, x: pageText.trim().slice(0, 300), k: 'page' });
  for (const e of entries) e.x = e.x.trim().slice(0, 300);
  return { title, html: md.renderer.render(tokens, md.options, {}), entries };
}

function rootOf(path: string): string {
  return '../'.repeat(path.split('/').length - 1);
}

function write(out: string, path: string, html: string): void {
  const file = join(out, path);
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(file, html);
}

/** Builds the whole site into `out`; returns the pages written (paths relative to `out`). */
export async function buildSite(options: { out?: string; minify?: boolean } = {}): Promise<string[]> {
  const out = resolve(ROOT, options.out ?? 'docs/site');
  rmSync(out, { recursive: true, force: true });
  mkdirSync(join(out, 'assets'), { recursive: true });
  // markdown-it: no types shipped; the import path is a variable so TypeScript does not look for them.
  const mdModule = 'markdown-it';
  const { default: MarkdownItClass } = (await import(mdModule)) as { default: MarkdownItCtor };
  const md = new MarkdownItClass({ html: true, linkify: false, typographer: false });

  const pages: string[] = [];
  const search: SearchEntry[] = [];
  const docs = join(ROOT, 'docs');
  const guides: { path: string; title: string; summary: string }[] = [];
  let rulesIndex = false;

  for (const file of listMarkdown(docs)) {
    const rel = relative(docs, file).split(sep).join('/');
    const path = rel.replace(/(^|\/)README\.md$/, '$1index.md').replace(/\.md$/, '.html');
    const page = renderMarkdown(md, readFileSync(file, 'utf8'), path);
    write(out, path, renderPage({ title: page.title, body: page.html, root: rootOf(path), path }));
    pages.push(path);
    search.push(...page.entries);
    if (path.startsWith('guides/') && path !== 'guides/index.html') {
      guides.push({ path, title: page.title, summary: page.entries[0]?.x.slice(0, 200) ?? '' });
    }
    if (path === 'rules/index.html') rulesIndex = true;
  }

  // Guides index, generated from the guides present.
  const guideList = guides
    .map(
      (g) =>
        `<li><a href="${g.path.slice('guides/'.length)}">${escapeHtml(g.title)}</a><br><small class="muted">${escapeHtml(g.summary)}…</small></li>`,
    )
    .join('\n');
  write(
    out,
    'guides/index.html',
    renderPage({
      title: 'Guides',
      body: `<h1>Guides</h1><ul class="guides">${guideList}</ul>`,
      root: '../',
      path: 'guides/index.html',
    }),
  );
  pages.push('guides/index.html');

  if (!rulesIndex) {
    const rulePages = pages.filter((p) => p.startsWith('rules/'));
    const body = rulePages.length
      ? `<h1>Catalogue des règles</h1><ul>${rulePages.map((p) => `<li><a href="${p.slice(6)}">${p.slice(6)}</a></li>`).join('')}</ul>`
      : '<h1>Catalogue des règles</h1><p>Le catalogue est généré depuis les règles par <code>npm run generate</code> (docs/rules/) ; il n’est pas encore présent dans cette copie.</p>';
    write(
      out,
      'rules/index.html',
      renderPage({ title: 'Catalogue des règles', body, root: '../', path: 'rules/index.html' }),
    );
    pages.push('rules/index.html');
  }

  // One page per rule, addressed by its id: regles/OL16-REQ-SEXE/ (both editions; a rule shared by both, once).
  const seenRules = new Set<string>();
  for (const edition of ['2016', '2011'] as const) {
    for (const rule of rules(edition)) {
      if (seenRules.has(rule.id)) continue;
      seenRules.add(rule.id);
      const path = `regles/${rule.id}/index.html`;
      write(
        out,
        path,
        renderPage({ title: `${rule.id} — ${rule.title.fr}`, body: rulePage(rule, edition), root: '../../', path }),
      );
      pages.push(path);
      search.push({
        t: `${rule.id} — ${rule.title.fr}`,
        u: path,
        x: `${rule.title.en} ${rule.message.fr}`.slice(0, 300),
        k: 'section',
      });
    }
  }

  // Variables as direct search entries, even when the dictionary pages were not generated.
  const seen = new Set(search.filter((e) => e.k === 'variable').map((e) => e.t.split(/\s/)[0]));
  for (const v of variables('2016')) {
    if (!seen.has(v.name))
      search.push({
        t: `${v.name} — ${v.label.fr}`,
        u: 'dictionary/2016/index.html',
        x: v.label.en ?? '',
        k: 'variable',
      });
  }

  // The two application pages.
  for (const [path, title, script] of [
    ['validator.html', 'Valideur de fichier', 'assets/validator.js'],
    ['entry.html', 'Aide à la saisie', 'assets/entry.js'],
  ] as const) {
    const body = readFileSync(join(ROOT, 'site/pages', path), 'utf8');
    write(out, path, renderPage({ title, body, root: '', path, scripts: [script] }));
    pages.push(path);
    search.push({
      t: title,
      u: path,
      x: body
        .replace(/<[^>]+>/g, ' ')
        .replace(/\s+/g, ' ')
        .slice(0, 300),
      k: 'page',
    });
  }

  // API reference: typedoc's output when built, else a page that says how to get it.
  const api = join(docs, 'api');
  if (existsSync(join(api, 'index.html'))) {
    cpSync(api, join(out, 'api'), { recursive: true });
  } else {
    write(
      out,
      'api/index.html',
      renderPage({
        title: 'API',
        body: '<h1>Référence de l’API</h1><p>La référence est produite par typedoc : lancez <code>npm run docs</code>.</p>',
        root: '../',
        path: 'api/index.html',
      }),
    );
  }
  pages.push('api/index.html');
  search.push({
    t: 'API — référence typedoc',
    u: 'api/index.html',
    x: 'Reference of every exported function and type: nomenclature, model, rules, pseudonymisation, transmission, analysis, synth.',
    k: 'page',
  });

  copyAssets(docs, out);
  writeFileSync(join(out, 'assets/site.css'), readFileSync(join(ROOT, 'site/site.css')));
  writeFileSync(join(out, 'assets/search-index.js'), `window.OLINPE_SEARCH=${JSON.stringify(search)};\n`);
  await build({
    entryPoints: {
      search: join(ROOT, 'site/client/search.ts'),
      validator: join(ROOT, 'site/client/validator.ts'),
      entry: join(ROOT, 'site/client/entry.ts'),
    },
    outdir: join(out, 'assets'),
    bundle: true,
    format: 'iife',
    platform: 'browser',
    target: 'es2020',
    minify: options.minify ?? true,
    sourcemap: false,
    legalComments: 'none',
    logLevel: 'warning',
  });
  checkNav(out);
  return pages;
}

const SEVERITY: Record<string, string> = { error: 'erreur', warning: 'avertissement', info: 'information' };
const SCOPE: Record<string, string> = {
  record: 'une ligne',
  'young-person': 'un même jeune (plusieurs lignes)',
  file: 'le fichier entier',
};

/**
 * A variable a rule reads, as a list item: its name linked to its entry in the dictionary, and its label (a name is
 * never shown alone). "(toutes)" (every variable, for the full-duplicate rule) is written out.
 */
function variableHtml(name: string, edition: EditionId): string {
  const def = variables(edition).find((v) => v.name === name);
  if (!def)
    return `<li>${name === '(toutes)' ? 'toutes les variables de la ligne' : `<code>${escapeHtml(name)}</code>`}</li>`;
  const block = `block-${def.block
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '')}`;
  return `<li class="coded-var" data-var="${escapeHtml(name)}"><a href="../../dictionary/${edition}/${block}.html#${name.toLowerCase()}"><code>${escapeHtml(name)}</code></a> <span class="var-label">${escapeHtml(def.label.fr)}</span></li>`;
}

/** The page of one rule (regles/<id>/): what it checks, its severity, its sources, its messages, its family page. */
function rulePage(rule: Rule, edition: EditionId): string {
  const family = rule.id.split('-')[1]!;
  const editions = rule.editions.join(' et ');
  const sources = rule.citations.map((c) => `<li>${escapeHtml(citationText(c))}</li>`).join('');
  const vars = rule.variables.map((v) => variableHtml(v, edition)).join('');
  return [
    `<h1 id="${rule.id}"><code>${rule.id}</code> — ${escapeHtml(rule.title.fr)}</h1>`,
    `<p lang="en"><em>${escapeHtml(rule.title.en)}</em></p>`,
    '<table>',
    `<tr><th>Sévérité</th><td>${SEVERITY[rule.severity] ?? rule.severity} (<code>${rule.severity}</code>)</td></tr>`,
    `<tr><th>Porte sur</th><td>${SCOPE[rule.scope] ?? rule.scope}</td></tr>`,
    `<tr><th>Éditions</th><td>${editions}${rule.validFrom ? ` (depuis le ${rule.validFrom})` : ''}</td></tr>`,
    `<tr><th>Variables lues</th><td>${vars ? `<ul class="rule-vars">${vars}</ul>` : '—'}</td></tr>`,
    `<tr><th>Origine</th><td>${rule.generated ? 'générée à partir de la nomenclature' : 'écrite à la main'}</td></tr>`,
    '</table>',
    '<h2 id="message">Message</h2>',
    `<p>${escapeHtml(rule.message.fr)}</p>`,
    `<p lang="en"><em>${escapeHtml(rule.message.en)}</em></p>`,
    '<h2 id="sources">Sources</h2>',
    sources ? `<ul>${sources}</ul>` : '<p>—</p>',
    `<p><a href="../../rules/${edition}/${family}.html#${rule.id}">La règle dans le catalogue (famille ${family}, édition ${edition})</a> · <a href="../../rules/index.html">Catalogue des règles</a></p>`,
  ].join('\n');
}

function checkNav(out: string): void {
  for (const [href] of NAV)
    if (!existsSync(join(out, href)))
      throw new Error(`build-site: the navigation links to ${href}, which was not built`);
}

function escapeHtml(s: string): string {
  return s.replace(/[&<>"]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[c]!);
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const { values } = parseArgs({ options: { out: { type: 'string' }, 'no-minify': { type: 'boolean' } } });
  const started = Date.now();
  const pages = await buildSite({ ...(values.out ? { out: values.out } : {}), minify: !values['no-minify'] });
  console.log(
    `site: ${pages.length} pages in ${relative(process.cwd(), resolve(ROOT, values.out ?? 'docs/site'))} (${Date.now() - started} ms)`,
  );
}
