/**
 * The built package (`dist/`), as a user runs it. CLI tests spawn `node dist/cli.js` rather than
 * `tsx src/cli/main.ts` (no TypeScript compilation in every child process): `ensureCli()` rebuilds `dist/cli.js`
 * when it is missing or older than a file of `src/` (esbuild, with tsup.config.ts's options for the CLI: about a
 * second). The doc tests type-check against `dist/*.d.ts`: `ensureDist()` runs the whole `tsup` build (types
 * included, a minute or more) when the package's files are older than `src/`. Test files running in parallel
 * wait for the one build instead of starting their own (a lock directory, `dist.building`, beside `dist/`).
 *
 * @module
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { build } from 'esbuild';

export const ROOT = new URL('../../', import.meta.url).pathname;
/** The CLI as `npx olinpe` runs it. */
export const CLI = join(ROOT, 'dist/cli.js');
const LOCK = join(ROOT, 'dist.building');

function newest(path: string): number {
  const s = statSync(path);
  if (!s.isDirectory()) return s.mtimeMs;
  let t = 0;
  for (const f of readdirSync(path, { recursive: true, withFileTypes: true }))
    if (f.isFile()) t = Math.max(t, statSync(join(f.parentPath, f.name)).mtimeMs);
  return t;
}

/** Oldest of `files`' modification times, -1 when one is missing. */
function builtAt(files: string[]): number {
  if (!files.every((f) => existsSync(f))) return -1;
  return Math.min(...files.map((f) => statSync(f).mtimeMs));
}

const sources = (): number =>
  Math.max(
    newest(join(ROOT, 'src')),
    newest(join(ROOT, 'tsup.config.ts')),
    newest(join(ROOT, 'scripts/form-bundle.ts')),
  );
const PACKAGE = [
  'dist/index.js',
  'dist/index.cjs',
  'dist/index.d.ts',
  'dist/form.js',
  'dist/form.d.ts',
  'dist/cli.js',
].map((f) => join(ROOT, f));
const cliStale = (): boolean => builtAt([CLI]) < sources();
const packageStale = (): boolean => builtAt(PACKAGE) < sources();

const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

/** Runs `make` while holding the lock, when `stale()` still says so; waits while another test file holds it. */
async function rebuild(stale: () => boolean, make: () => Promise<void> | void): Promise<void> {
  for (;;) {
    if (!stale()) return;
    try {
      mkdirSync(LOCK);
    } catch {
      // Another test file is building: wait for it (a lock left by a killed run is taken over after 10 minutes).
      if (existsSync(LOCK) && Date.now() - statSync(LOCK).mtimeMs > 600_000)
        rmSync(LOCK, { recursive: true, force: true });
      await sleep(200);
      continue;
    }
    try {
      if (stale()) await make();
    } finally {
      rmSync(LOCK, { recursive: true, force: true });
    }
    return;
  }
}

/** `dist/cli.js` is current (built with tsup.config.ts's CLI options when `src/` is newer). */
export async function ensureCli(): Promise<void> {
  await rebuild(cliStale, async () => {
    await build({
      // The CLI, as tsup.config.ts builds it.
      entryPoints: { cli: join(ROOT, 'src/cli/main.ts') },
      outdir: join(ROOT, 'dist'),
      bundle: true,
      format: 'esm',
      platform: 'node',
      target: 'node20',
      sourcemap: true,
      banner: { js: '#!/usr/bin/env node' },
      packages: 'external',
      logLevel: 'error',
    });
  });
}

/** The whole package in `dist/` (ESM, CJS, types) is current: `tsup` when `src/` is newer. */
export async function ensureDist(): Promise<void> {
  await rebuild(packageStale, () => {
    execFileSync(process.execPath, [join(ROOT, 'node_modules/tsup/dist/cli-default.js'), '--silent'], {
      cwd: ROOT,
      stdio: 'inherit',
    });
  });
}

/** Arguments for `spawn(process.execPath, …)`: the built CLI then `args`. */
export function cliArgs(args: string[]): string[] {
  return [CLI, ...args];
}
