/**
 * The `@example` blocks of the TSDoc comments of the library (src/ but its shells, below) run as doc tests.
 *
 * Each example runs as the body of an async function, TypeScript stripped by esbuild, with every name exported
 * by its own file and by the library's doors in scope, and the names the other files of its folder export when no
 * door exports the same name (an example of an internal helper may use its folder's internals, such as synth's
 * `Rng`, which no door exports). A line `expression; // value` whose value is a JavaScript
 * literal (a string, number, boolean, `undefined`, `null`, an array or an object literal; a trailing
 * `(parenthesised remark)` is ignored) is checked: the expression must equal the value. A value line of its own
 * (`// value`) just after an expression line belongs to it. Prose after `//`, or a value written with "…", is a
 * remark, not checked; the example still has to run without throwing.
 *
 * An example that works on a value made elsewhere (a table of trajectories, a synthetic person) says where it
 * comes from on a first line `// given: const t = …;`: readers see it, and the doc test runs it as code.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { transformSync } from 'esbuild';
import { describe, expect, it } from 'vitest';

const SRC = new URL('../../src/', import.meta.url).pathname;

export interface Example {
  file: string;
  line: number;
  code: string;
}

/** The `@example` blocks of a source text, each as plain code (comment stars removed). */
export function examplesOf(file: string, text: string): Example[] {
  const out: Example[] = [];
  for (const m of text.matchAll(/\/\*\*[\s\S]*?\*\//g)) {
    const lines = m[0].split('\n');
    const startLine = text.slice(0, m.index).split('\n').length;
    for (let i = 0; i < lines.length; i++) {
      if (!/^\s*\*\s*@example\b/.test(lines[i]!)) continue;
      const body: string[] = [];
      let j = i + 1;
      for (; j < lines.length; j++) {
        const l = lines[j]!;
        if (/^\s*\*\//.test(l) || /^\s*\*\s*@\w/.test(l)) break;
        body.push(l.replace(/^\s*\* ?/, ''));
      }
      out.push({ file, line: startLine + i + 1, code: body.join('\n').replace(/\s+$/, '') });
      i = j - 1;
    }
  }
  return out;
}

const UNCHECKED = Symbol('unchecked');

/** The value a `// …` remark states, or UNCHECKED when it is prose. */
export function statedValue(remark: string): unknown {
  const text = remark.trim().replace(/\s+\([^()]*\)$/, '');
  if (text.includes('…') || text === '') return UNCHECKED;
  if (!/^(["'[{\-\d]|true\b|false\b|null\b|undefined\b)/.test(text)) return UNCHECKED;
  try {
    return new Function(`return (${text});`)() as unknown;
  } catch {
    return UNCHECKED;
  }
}

/** The example's code with each checkable `expression; // value` line turned into a check. */
export function instrument(code: string): string {
  const lines = code.split('\n').map((l) => l.replace(/^\/\/\s*given:\s*/, ''));
  const out: string[] = [];
  for (let i = 0; i < lines.length; i++) {
    const l = lines[i]!;
    const m = /^(\S.*?);\s*\/\/\s?(.*)$/.exec(l);
    let remark = m?.[2];
    let expr = m?.[1];
    if (!m) {
      const next = lines[i + 1];
      const own = next === undefined ? null : /^\s*\/\/\s?(.*)$/.exec(next);
      const stmt = /^(\S.*?);\s*$/.exec(l);
      if (own && stmt) {
        expr = stmt[1];
        remark = own[1];
        i++;
      }
    }
    const expected = remark === undefined ? UNCHECKED : statedValue(remark);
    if (
      expr !== undefined &&
      expected !== UNCHECKED &&
      balanced(expr) &&
      !/^(const|let|var|for|if|while|await\s+for|return|throw)\b/.test(expr) &&
      !/[{}]\s*$/.test(expr)
    ) {
      out.push(`__check((${expr}), ${remark!.trim().replace(/\s+\([^()]*\)$/, '')});`);
    } else {
      out.push(l);
    }
  }
  return out.join('\n');
}

/** Whether brackets open and close in the same text (so that `(text)` is one expression). */
function balanced(text: string): boolean {
  let depth = 0;
  for (const c of text.replace(/'[^']*'|"[^"]*"|`[^`]*`/g, '')) {
    if ('([{'.includes(c)) depth++;
    else if (')]}'.includes(c) && --depth < 0) return false;
  }
  return depth === 0;
}

const files = readdirSync(SRC, { recursive: true, withFileTypes: true })
  .filter((d) => d.isFile() && d.name.endsWith('.ts') && !d.parentPath.includes('generated'))
  .map((d) => relative(SRC, join(d.parentPath, d.name)));
/**
 * The library's files that do no I/O of their own. The shells around them are left out: cli/ (its examples need
 * a process and its `io`), serve/ (an HTTP request) and export/ (files written through DuckDB).
 */
const libraryFiles = files.filter((f) => !/^(cli|serve|export)\//.test(f));
const examples = libraryFiles.flatMap((f) => examplesOf(f, readFileSync(join(SRC, f), 'utf8')));
// olinpe/form re-exports validateRecord and the labels fixed to 2016: in scope for its own file only, never
// shadowing the doors of olinpe/rules and olinpe/nomenclature.
const DOORS = ['index.ts', ...files.filter((f) => /^[a-z]+\/index\.ts$/.test(f) && f !== 'form/index.ts')];

describe('TSDoc @example blocks', () => {
  it('reads examples and their stated values', () => {
    expect(examples.length).toBeGreaterThan(50);
    expect(examplesOf('x.ts', '/**\n * Doubles.\n * @example\n * twice(2); // 4\n */')).toEqual([
      { file: 'x.ts', line: 4, code: 'twice(2); // 4' },
    ]);
    expect(statedValue(' "a" ')).toBe('a');
    expect(statedValue('true (partially unknown)')).toBe(true);
    expect(statedValue('{ a: 1 }')).toEqual({ a: 1 });
    expect(statedValue('includes "X"')).toBe(UNCHECKED);
    expect(statedValue('"aaa…"')).toBe(UNCHECKED);
    expect(instrument('f(1); // 2\nconst a = 1; // 1\ng();\n// "x"')).toBe(
      '__check((f(1)), 2);\nconst a = 1; // 1\n__check((g()), "x");',
    );
    expect(instrument('// given: const a = 1;\nf(\n  a,\n); // 2')).toBe('const a = 1;\nf(\n  a,\n); // 2');
  });

  it('a wrong stated value fails', async () => {
    await expect(run({ file: 'index.ts', line: 1, code: 'variable("SEXE")?.name; // "TYPEV"' })).rejects.toThrow();
  });

  for (const ex of examples) {
    it(`${ex.file}:${ex.line}`, async () => {
      await run(ex);
    });
  }
});

async function scope(file: string): Promise<Record<string, unknown>> {
  const names: Record<string, unknown> = {};
  for (const door of DOORS) Object.assign(names, (await import(join(SRC, door))) as Record<string, unknown>);
  const folder = file.includes('/') ? file.slice(0, file.lastIndexOf('/') + 1) : null;
  for (const f of folder === null ? [] : libraryFiles.filter((f) => f.startsWith(folder) && f !== file))
    for (const [name, value] of Object.entries((await import(join(SRC, f))) as Record<string, unknown>))
      if (!(name in names)) names[name] = value;
  Object.assign(names, (await import(join(SRC, file))) as Record<string, unknown>);
  return names;
}

async function run(ex: Example): Promise<void> {
  const names = await scope(ex.file);
  const used = Object.keys(names).filter(
    (n) => /^[A-Za-z_$][\w$]*$/.test(n) && new RegExp(`\\b${n.replace(/\$/g, '\\$')}\\b`).test(ex.code),
  );
  const source = `(async () => {\nconst { ${used.join(', ')} } = __names;\n${instrument(ex.code)}\n})()`;
  const js = transformSync(source, { loader: 'ts', format: 'esm', target: 'es2022' }).code;
  let checks = 0;
  const check = (actual: unknown, expected: unknown): void => {
    checks++;
    expect(actual, `${ex.file}:${ex.line}`).toEqual(expected);
  };
  await (
    new Function('__names', '__check', `return ${js.replace(/;\s*$/, '')};`) as (
      n: unknown,
      c: unknown,
    ) => Promise<void>
  )(names, check);
  expect(checks).toBeGreaterThanOrEqual(0);
}
