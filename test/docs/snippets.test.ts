/**
 * Every TypeScript block of the README and the guides compiles, strict, against the built package, imported as
 * a user imports it (`olinpe/rules`, resolved through package.json's exports to dist/*.d.ts).
 *
 * A block that uses names it does not define (a `record` from the reader's own code) declares them in an HTML
 * comment just above its fence, invisible on the page:
 *
 *     <!-- ts-prelude: declare const record: Record<string, string>; -->
 *
 * dist/ is rebuilt first when any file of src/ is newer than it (`test/support/dist.ts`).
 */
import { mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import ts from 'typescript';
import { beforeAll, describe, expect, it } from 'vitest';
import { ensureDist } from '../support/dist.js';

const ROOT = new URL('../../', import.meta.url).pathname;
const DOCS = [
  'README.md',
  ...['docs/guides', 'docs/audiences'].flatMap((d) =>
    readdirSync(join(ROOT, d))
      .filter((f) => f.endsWith('.md'))
      .map((f) => `${d}/${f}`),
  ),
];

export interface Snippet {
  file: string;
  line: number;
  prelude: string;
  code: string;
}

/** The ```ts / ```typescript blocks of a Markdown text, with the prelude comments just above each. */
export function snippetsOf(file: string, text: string): Snippet[] {
  const lines = text.split('\n');
  const out: Snippet[] = [];
  for (let i = 0; i < lines.length; i++) {
    if (!/^```(ts|typescript)\s*$/.test(lines[i]!)) continue;
    const preludes: string[] = [];
    for (let j = i - 1; j >= 0; j--) {
      const m = /^<!--\s*ts-prelude:\s*([\s\S]*?)\s*-->\s*$/.exec(lines[j]!);
      if (!m) break;
      preludes.unshift(m[1]!);
    }
    const start = i + 1;
    let end = start;
    while (end < lines.length && !/^```\s*$/.test(lines[end]!)) end++;
    out.push({ file, line: start + 1, prelude: preludes.join('\n'), code: lines.slice(start, end).join('\n') });
    i = end;
  }
  return out;
}

const snippets = DOCS.flatMap((f) => snippetsOf(f, readFileSync(join(ROOT, f), 'utf8')));
const OUT = join(ROOT, 'test-artifacts', 'snippets');

beforeAll(ensureDist, 300_000);

describe('TypeScript blocks of the README and the guides', () => {
  it('finds the blocks, preludes included', () => {
    expect(snippets.length).toBeGreaterThan(10);
    const [s] = snippetsOf('x.md', 'a\n<!-- ts-prelude: declare const a: 1; -->\n```ts\nconst b = a;\n```\n');
    expect(s).toEqual({ file: 'x.md', line: 4, prelude: 'declare const a: 1;', code: 'const b = a;' });
  });

  it('each compiles, strict, against the built package', () => {
    rmSync(OUT, { recursive: true, force: true });
    mkdirSync(OUT, { recursive: true });
    const names = new Map<string, Snippet>();
    snippets.forEach((s, n) => {
      const name = join(OUT, `${String(n).padStart(3, '0')}-${s.file.replace(/[/.]/g, '_')}-${s.line}.ts`);
      // The prelude stands on the first line so that a block's line k is the file's line k + 1.
      writeFileSync(name, `${s.prelude.replace(/\n/g, ' ')}\n${s.code}\nexport {};\n`);
      names.set(name, s);
    });
    const program = ts.createProgram([...names.keys()], {
      strict: true,
      noEmit: true,
      target: ts.ScriptTarget.ES2022,
      module: ts.ModuleKind.ESNext,
      moduleResolution: ts.ModuleResolutionKind.Bundler,
      lib: ['lib.es2022.d.ts', 'lib.dom.d.ts'],
      types: ['node'],
      skipLibCheck: true,
      noUnusedLocals: false,
    });
    const problems = ts.getPreEmitDiagnostics(program).map((d) => {
      const s = d.file ? names.get(d.file.fileName) : undefined;
      const pos = d.file && d.start !== undefined ? d.file.getLineAndCharacterOfPosition(d.start).line : 0;
      const where = s ? `${s.file}:${s.line + pos - 1}` : relative(ROOT, d.file?.fileName ?? '?');
      return `${where}: ${ts.flattenDiagnosticMessageText(d.messageText, '\n')}`;
    });
    expect(problems).toEqual([]);
  });
});
