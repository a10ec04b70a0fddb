/**
 * Renders the rule catalogue (docs/rules/*.md) from the rules themselves. `renderRuleCatalogue()` returns
 * path → markdown (paths relative to the repository root); run this file to write them:
 * `npx tsx scripts/rule-catalogue.ts` (add `--check` to fail when a page is stale).
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ruleCatalogueMarkdown } from '../src/rules/catalogue-docs.js';

/** Every page of the catalogue, keyed by path from the repository root (`docs/rules/…`). */
export function renderRuleCatalogue(): Map<string, string> {
  const out = new Map<string, string>();
  for (const [path, text] of ruleCatalogueMarkdown()) out.set(`docs/rules/${path}`, text);
  return out;
}

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const check = process.argv.includes('--check');
  const stale: string[] = [];
  for (const [path, text] of renderRuleCatalogue()) {
    const file = join(ROOT, path);
    const current = existsSync(file) ? readFileSync(file, 'utf8') : undefined;
    if (current === text) continue;
    if (check) stale.push(path);
    else {
      mkdirSync(dirname(file), { recursive: true });
      writeFileSync(file, text);
    }
  }
  if (stale.length > 0) {
    console.error(`Stale rule catalogue pages (run npx tsx scripts/rule-catalogue.ts):\n  ${stale.join('\n  ')}`);
    process.exit(1);
  }
}
