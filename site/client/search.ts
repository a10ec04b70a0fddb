/**
 * Client-side search over a small index built at build time (assets/search-index.js sets
 * `window.OLINPE_SEARCH`). Loaded as a script, so it works from a web server and from the disk alike.
 */

/** One entry: title, url relative to the site root, text excerpt, kind. */
export interface SearchEntry {
  t: string;
  u: string;
  x: string;
  k: 'page' | 'section' | 'variable';
}

declare global {
  interface Window {
    OLINPE_SEARCH?: SearchEntry[];
    OLINPE_ROOT?: string;
  }
}

/** Lower case, no accents, words only. */
export function normalise(text: string): string {
  return text
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase();
}

function tokens(text: string): string[] {
  return normalise(text)
    .split(/[^a-z0-9]+/)
    .filter((t) => t.length > 0);
}

/** Scores entries against a query: every word must be found (as a prefix) in the title or the text. */
export function search(entries: readonly SearchEntry[], query: string, limit = 15): SearchEntry[] {
  const words = tokens(query);
  if (words.length === 0) return [];
  const scored: [number, SearchEntry][] = [];
  for (const e of entries) {
    const title = tokens(e.t);
    const text = normalise(e.x);
    let score = 0;
    let all = true;
    for (const w of words) {
      if (title[0] === w)
        score += 100; // a variable's name, a page's first word
      else if (title.includes(w)) score += 30;
      else if (title.some((t) => t.startsWith(w))) score += 15;
      else if (text.includes(w)) score += 2;
      else {
        all = false;
        break;
      }
    }
    // Variables first, and the edition in force (2016) before the older one.
    if (all) scored.push([score + (e.k === 'variable' ? 5 : 0) + (e.u.includes('/2011/') ? 0 : 1), e]);
  }
  return scored
    .sort((a, b) => b[0] - a[0])
    .slice(0, limit)
    .map(([, e]) => e);
}

const box = document.getElementById('search-input') as HTMLInputElement | null;
const results = document.getElementById('search-results');
if (box && results) {
  const root = window.OLINPE_ROOT ?? '';
  const show = (): void => {
    const found = search(window.OLINPE_SEARCH ?? [], box.value);
    results.replaceChildren();
    for (const e of found) {
      const li = document.createElement('li');
      const a = document.createElement('a');
      a.href = root + e.u;
      a.textContent = e.t;
      const small = document.createElement('small');
      small.textContent = e.x.slice(0, 110);
      li.append(a, document.createElement('br'), small);
      results.append(li);
    }
    results.hidden = found.length === 0;
  };
  box.addEventListener('input', show);
  box.addEventListener('keydown', (ev) => {
    if (ev.key === 'Escape') {
      box.value = '';
      show();
    }
  });
}
