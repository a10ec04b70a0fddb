/**
 * The page frame of the documentation site: header with navigation and search, content, footer.
 * Every link is relative (`root` is '' or '../' repeated), so the site works from any folder or from disk.
 */

export interface PageFrame {
  title: string;
  /** The page's HTML content. */
  body: string;
  /** Path from the page to the site root: '' or '../'… */
  root: string;
  /** Page path relative to the site root, e.g. 'guides/mapping.html' (marks the current nav entry). */
  path: string;
  /** Extra scripts (relative to the site root) loaded at the end of the page. */
  scripts?: readonly string[];
}

export const NAV: readonly [string, string, string][] = [
  ['index.html', 'Accueil', 'Home'],
  ['audiences/vendors.html', 'Éditeurs', 'Vendors'],
  ['audiences/departements.html', 'Départements', 'Départements'],
  ['audiences/faq-departements.html', 'Questions', 'FAQ'],
  ['audiences/observatories.html', 'Observatoires', 'Observatories'],
  ['guides/index.html', 'Guides', 'Guides'],
  ['dictionary/2016/index.html', 'Dictionnaire', 'Dictionary'],
  ['rules/index.html', 'Règles', 'Rules'],
  ['dictionary/correspondence-2011-2016.html', '2011 → 2016', '2011 → 2016'],
  ['api/index.html', 'API', 'API'],
  ['validator.html', 'Valideur', 'Validator'],
  ['entry.html', 'Saisie', 'Data entry'],
];

function esc(s: string): string {
  return s.replace(/[&<>"]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[c]!);
}

/** A full HTML page. */
export function renderPage(frame: PageFrame): string {
  const { root } = frame;
  const nav = NAV.map(([href, fr, en]) => {
    const current = href === frame.path ? ' aria-current="page"' : '';
    return `<a href="${root}${href}"${current} title="${esc(en)}">${esc(fr)}</a>`;
  }).join('\n');
  const scripts = ['assets/search-index.js', 'assets/search.js', ...(frame.scripts ?? [])]
    .map((s) => `<script src="${root}${s}"></script>`)
    .join('\n');
  return `<!doctype html>
<html lang="fr">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${esc(frame.title)} — olinpe</title>
<link rel="icon" href="data:,">
<link rel="stylesheet" href="${root}assets/site.css">
</head>
<body>
<header class="site-header">
<a class="brand" href="${root}index.html">olinpe</a>
<nav class="site-nav">${nav}</nav>
<div class="search"><input id="search-input" type="search" placeholder="Rechercher (variable, code, règle…)" aria-label="Rechercher"><ul id="search-results" hidden></ul></div>
</header>
<main class="content">
${frame.body}
</main>
<footer class="site-footer">olinpe — logiciel libre (MIT). Ce site n’utilise ni cookie, ni police, ni script externe. <span lang="en">No cookies, no external fonts or scripts.</span></footer>
<script>window.OLINPE_ROOT = ${JSON.stringify(root)};</script>
${scripts}
</body>
</html>
`;
}
