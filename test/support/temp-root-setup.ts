/**
 * Vitest global set-up: every temporary folder of the run lives under one fresh root, removed at the end.
 *
 * `TMPDIR` is pointed at the root before the workers start, so `os.tmpdir()` in the tests and in the CLI they spawn
 * both land there. At the end, anything still under the root is a test (or a command) that did not clean up after
 * itself: the run fails with the leftovers' names (names only: a leftover may hold synthetic data, never printed).
 * The root is removed either way, so a failed run leaves nothing behind in the machine's temporary folder.
 *
 * Listed after chromium-setup.ts: the packaged Chromium unpacks once to the machine's own temporary folder.
 */
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export default function setup(): () => void {
  const before = process.env.TMPDIR;
  const root = mkdtempSync(join(tmpdir(), 'olinpe-test-run-'));
  process.env.TMPDIR = root;
  return () => {
    // Chromium's own scratch files (`.org.chromium.Chromium.*`) are the browser's, not a test's: they may outlive a
    // closed browser. They are removed with the root like everything else, but not counted as a test's leftover.
    const left = readdirSync(root).filter((name) => !name.startsWith('.org.chromium.'));
    rmSync(root, { recursive: true, force: true });
    if (before === undefined) delete process.env.TMPDIR;
    else process.env.TMPDIR = before;
    if (left.length > 0) {
      // Vitest reports an error thrown here but still exits 0: set the exit code so that the run fails.
      console.error(
        `temporary folders or files left behind by the tests (remove them with tempDir() from test/support/temp-dir.ts, or rmSync): ${left.join(', ')}`,
      );
      process.exitCode = 1;
    }
  };
}
