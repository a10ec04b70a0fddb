/**
 * Temporary folders for a test file, removed after its last test (the setup file temp-dir-setup.ts registers the
 * clean-up). A test that needs a folder to outlive its file's run is wrong: the run's global set-up
 * (temp-root-setup.ts) reports every leftover as a failure.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const made: string[] = [];

/** A new, empty folder in the temporary folder whose name starts with `prefix`. */
export function tempDir(prefix: string): string {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  made.push(dir);
  return dir;
}

/** Removes every folder {@link tempDir} made so far (the setup file calls it after each test file). */
export function removeTempDirs(): void {
  for (const dir of made.splice(0)) rmSync(dir, { recursive: true, force: true });
}
