/**
 * Every command line written in the README and the guides runs as written (issue 11, item 4). Each `olinpe …` or
 * `npx olinpe …` line of a fenced code block is extracted, its optional groups (`[--format text|json|html]`)
 * expanded once per alternative, and run with the built CLI (`dist/cli.js`, as `npx olinpe` runs it) in a
 * folder holding synthetic files under the names the docs use. A line fails when the CLI ends with a usage error
 * (exit 2, unknown option, missing argument) or an unexpected error. Synopsis lines (placeholders such as IN OUT
 * F) and `serve` (a server that does not end) are not run: their options are checked against the command's usage.
 */
import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { optionsOfUsage } from '../src/cli/args.js';
import { loadCommands } from '../src/cli/commands/index.js';
import { CLI, ensureCli } from './support/dist.js';
import { tempDir } from './support/temp-dir.js';

const commands = await loadCommands();

const ROOT = new URL('..', import.meta.url).pathname;
const DOCS = [
  'README.md',
  ...readdirSync(join(ROOT, 'docs/guides'))
    .filter((f) => f.endsWith('.md'))
    .map((f) => `docs/guides/${f}`),
];

interface DocLine {
  file: string;
  line: string;
}

/**
 * The `olinpe` command lines of the fenced code blocks, comments removed. A guide written French first repeats its
 * commands in its `## English` section: a line identical to one already taken from the same file is kept once.
 */
function docLines(): DocLine[] {
  const out: DocLine[] = [];
  for (const file of DOCS) {
    const seen = new Set<string>();
    const text = readFileSync(join(ROOT, file), 'utf8');
    for (const block of text.matchAll(/```[a-z]*\n([\s\S]*?)```/g)) {
      for (const raw of block[1]!.split('\n')) {
        const line = raw.replace(/\s+#.*$/, '').trim();
        if (!/^(npx )?olinpe( |$)/.test(line)) continue;
        const command = line.replace(/^npx /, '');
        if (!seen.has(command)) out.push({ file, line: command });
        seen.add(command);
      }
    }
  }
  return out;
}

/** One variant per alternative of the optional groups: `[--format text|json]` gives `--format text`, then `--format json`. */
function variants(line: string): string[] {
  const groups = [...line.matchAll(/\[([^\]]+)\]/g)].map((m) => m[1]!);
  const count = Math.max(1, ...groups.map((g) => g.split('|').length));
  const out = new Set<string>();
  for (let i = 0; i < count; i++) {
    out.add(
      line.replace(/\[([^\]]+)\]/g, (_, g: string) => {
        const [option, values] = g.includes(' ') ? [g.slice(0, g.indexOf(' ')), g.slice(g.indexOf(' ') + 1)] : [g, ''];
        const alternatives = values.split('|');
        return values ? `${option} ${alternatives[Math.min(i, alternatives.length - 1)]}` : option;
      }),
    );
  }
  return [...out];
}

/** Shell-like words, with `<` and `>` redirections and `*` globs (expanded in `dir`). */
function words(line: string, dir: string): { args: string[]; stdin?: string; stdout?: string } {
  const tokens = line.split(/\s+/).slice(1);
  const args: string[] = [];
  let stdin: string | undefined;
  let stdout: string | undefined;
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i]!;
    if (t === '<') stdin = tokens[++i];
    else if (t === '>') stdout = tokens[++i];
    else if (t.includes('*')) {
      // A glob in the last part of the path only (`dep*-2021.xml`, `DOSSIER/xml/*.xml`).
      const slash = t.lastIndexOf('/');
      const folder = t.slice(0, slash + 1);
      const re = new RegExp(
        `^${t
          .slice(slash + 1)
          .replace(/[.]/g, '\\.')
          .replace(/\*/g, '.*')}$`,
      );
      args.push(
        ...readdirSync(join(dir, folder))
          .filter((f) => re.test(f))
          .sort()
          .map((f) => folder + f),
      );
    } else args.push(t);
  }
  return { args, ...(stdin ? { stdin } : {}), ...(stdout ? { stdout } : {}) };
}

const isSynopsis = (line: string): boolean => /\b(IN|OUT|F|FILE|YYYY|AAAA)\b/.test(line) || /<[a-z]/.test(line);

let dir = '';

function run(
  args: string[],
  options: { stdin?: string; stdout?: string } = {},
): { code: number | null; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, [CLI, ...args], {
    cwd: dir,
    input: options.stdin ? readFileSync(join(dir, options.stdin)) : '',
    maxBuffer: 256 * 1024 * 1024,
    encoding: 'utf8',
  });
  if (options.stdout) writeFileSync(join(dir, options.stdout), r.stdout);
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

beforeAll(async () => {
  await ensureCli();
  dir = tempDir('olinpe-docs-');
  // Synthetic inputs under the names the docs use.
  expect(
    run(['synth', '--year', '2024', '--records', '300', '--seed', '3', '--out', 'base.xml', '--identities', 'ids.csv'])
      .code,
  ).toBe(0);
  expect(run(['convert', 'base.xml', 'base.csv']).code).toBe(0);
  const key = 'cle-de-test-0123456789abcdefghijklmnop\n';
  const old = join(ROOT, 'test/transmission/fixtures/export-2011.xml');
  for (const line of docLines()) {
    for (const token of line.line.split(/\s+/)) {
      if (!/^[\w.-]+\.(xml|csv|txt)$/.test(token) || existsSync(join(dir, token))) continue;
      if (token.endsWith('.txt')) writeFileSync(join(dir, token), key);
      else if (token.endsWith('.xml'))
        copyFileSync(/2011|old/.test(token) ? old : join(dir, 'base.xml'), join(dir, token));
      else copyFileSync(/^id/.test(token) ? join(dir, 'ids.csv') : join(dir, 'base.csv'), join(dir, token));
    }
  }
  for (const year of [2021, 2022, 2023]) copyFileSync(join(dir, 'base.xml'), join(dir, `dep84-${year}.xml`));
  // The national-scale page's folder (docs/guides/parquet.md): DOSSIER/xml holds the yearly files, and its
  // `report --engine duckdb DOSSIER/parquet` line reads what the `export` line above it wrote.
  mkdirSync(join(dir, 'DOSSIER', 'xml'), { recursive: true });
  for (const year of [2022, 2023])
    copyFileSync(join(dir, 'base.xml'), join(dir, 'DOSSIER', 'xml', `dep84-${year}.xml`));
}, 120_000);

const lines = docLines();

describe('command lines of the README and the guides', () => {
  it('finds the command lines (README, getting started, yearly file…)', () => {
    expect(lines.length).toBeGreaterThan(20);
    expect(lines.some((l) => l.file === 'docs/guides/getting-started.md' && l.line.includes('--out report.html'))).toBe(
      true,
    );
  });

  it.each(lines.map((l) => [l.file, l.line] as const))('%s: %s — every option exists', (_file, line) => {
    const name = line.split(/\s+/)[1]!;
    if (name.startsWith('-')) return expect(['--help', '--version']).toContain(name);
    const command = commands.find((c) => c.name === name);
    expect(command, `no command ${name}`).toBeDefined();
    const valid = optionsOfUsage(command!.usage);
    for (const option of line.match(/--[a-z][a-z0-9-]*/g) ?? [])
      expect(valid, `${option} of ${name}`).toContain(option);
  });

  const runnable = lines.filter((l) => !isSynopsis(l.line) && !/^olinpe serve\b/.test(l.line));
  it.each(runnable.flatMap((l) => variants(l.line).map((v) => [l.file, v] as const)))(
    '%s: %s — runs without a usage error',
    (_file, line) => {
      const { args, stdin, stdout } = words(line, dir);
      const r = run(args, { ...(stdin ? { stdin } : {}), ...(stdout ? { stdout } : {}) });
      expect(r.stderr).not.toMatch(
        /option inconnue|argument en trop|erreur inattendue|attend une valeur|il faut|est attendu|obligatoire/,
      );
      expect([0, 1], `exit ${r.code}: ${r.stderr.slice(0, 300)}`).toContain(r.code);
    },
    120_000,
  );
});
