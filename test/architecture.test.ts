/**
 * The lines that should never be crossed (ARCHITECTURE.md): checked on the import statements of src/.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';

const SRC = new URL('../src/', import.meta.url).pathname;
const files = readdirSync(SRC, { recursive: true, withFileTypes: true })
  .filter((d) => d.isFile() && d.name.endsWith('.ts'))
  .map((d) => relative(SRC, join(d.parentPath, d.name)));

const NODE_BUILTINS =
  /^(node:|fs$|path$|os$|crypto$|stream$|util$|child_process$|url$|zlib$|buffer$|process$|worker_threads$)/;

function imports(file: string): string[] {
  const text = readFileSync(join(SRC, file), 'utf8');
  const out: string[] = [];
  for (const m of text.matchAll(/(?:^|\n)\s*(?:import|export)\s[^;]*?from\s+'([^']+)'/g)) out.push(m[1]!);
  for (const m of text.matchAll(/(?:import|require)\(\s*'([^']+)'\s*\)/g)) out.push(m[1]!);
  return out;
}

/** The concern (top folder of src/) a relative import from `file` lands in. */
function concernOf(file: string, spec: string): string | undefined {
  if (!spec.startsWith('.')) return undefined;
  const target = relative(SRC, join(SRC, file, '..', spec));
  return target.split('/')[0];
}

describe('architecture', () => {
  it('finds the source files', () => {
    expect(files.length).toBeGreaterThan(10);
  });

  it('no Node built-in outside src/cli (the core runs in a browser)', () => {
    const offenders = files
      .filter((f) => !f.startsWith('cli/'))
      .flatMap((f) =>
        imports(f)
          .filter((s) => NODE_BUILTINS.test(s))
          .map((s) => `${f} imports ${s}`),
      );
    expect(offenders).toEqual([]);
  });

  const forbidden: Record<string, string[]> = {
    nomenclature: ['model', 'rules', 'pseudonymisation', 'transmission', 'analysis', 'synth', 'cli', 'serve'],
    model: ['rules', 'pseudonymisation', 'transmission', 'analysis', 'synth', 'cli', 'serve'],
    rules: ['transmission', 'analysis', 'synth', 'cli', 'pseudonymisation', 'serve'],
    pseudonymisation: ['model', 'rules', 'transmission', 'analysis', 'synth', 'cli', 'nomenclature', 'serve'],
    // A web form's validator (olinpe/form): the rules and the labels, nothing that reads or writes files.
    form: ['model', 'transmission', 'analysis', 'synth', 'cli', 'pseudonymisation', 'serve', 'report', 'export'],
    // The HTTP service is a surface over the library, like the CLI, and never goes through it.
    serve: ['cli', 'synth', 'report'],
    // What several concerns need (encodings): imports none of them.
    _lib: [
      'nomenclature',
      'model',
      'rules',
      'pseudonymisation',
      'transmission',
      'analysis',
      'synth',
      'report',
      'export',
      'serve',
      'cli',
    ],
  };
  for (const [concern, banned] of Object.entries(forbidden)) {
    it(`${concern} imports none of ${banned.join(', ')}`, () => {
      const offenders = files
        .filter((f) => f.startsWith(`${concern}/`))
        .flatMap((f) =>
          imports(f)
            .filter((s) => banned.includes(concernOf(f, s) ?? ''))
            .map((s) => `${f} imports ${s}`),
        );
      expect(offenders).toEqual([]);
    });
  }

  it('a folder imports another only through its door (index.ts); _lib is the shared internal room', () => {
    const offenders = files.flatMap((f) => {
      const own = f.split('/')[0];
      if (!f.includes('/')) return []; // src/index.ts and src/version.ts: the root door
      return imports(f)
        .filter((s) => s.startsWith('.'))
        .map((s) => relative(SRC, join(SRC, f, '..', s)))
        .filter((target) => {
          const concern = target.split('/')[0];
          if (concern === own || concern === '_lib' || !target.includes('/')) return false;
          return target !== `${concern}/index.js`;
        })
        .map((target) => `${f} imports ${target}`);
    });
    expect(offenders).toEqual([]);
  });

  it('_lib is not a door: nothing outside src/ imports it, no subpath exports it', () => {
    const pkg = JSON.parse(readFileSync(join(SRC, '..', 'package.json'), 'utf8')) as {
      exports: Record<string, unknown>;
    };
    expect(Object.keys(pkg.exports).filter((k) => k.includes('_lib'))).toEqual([]);
  });

  it('the record model has no field for a name or a day of birth', async () => {
    const { recordShape2016, recordShape2011 } = await import('../src/model/index.js');
    for (const shape of [recordShape2016, recordShape2011]) {
      for (const key of Object.keys(shape)) expect(key).not.toMatch(/^(NOM|PRENOM|JNAIS|NOMMERE|NOMUSAGE)/);
    }
  });
});
