/**
 * Vitest global set-up: finds the headless Chromium the browser tests drive, once for the whole run, and hands
 * its path to the test workers in `OLINPE_CHROMIUM`.
 *
 * Order: `OLINPE_CHROMIUM` when already set; else the system's Chromium (Debian's `/usr/bin/chromium`); else the
 * Chromium shipped inside the `@sparticuz/chromium` npm package (a devDependency), unpacked to the system's
 * temporary folder on first use. So `npm ci && npm test` needs no system package and no download outside the npm
 * registry. Unpacking happens here, once, because several test files launching at the same time would race on it.
 */
import { existsSync } from 'node:fs';

const SYSTEM_CHROMIUM = ['/usr/bin/chromium', '/usr/bin/chromium-browser'];

export default async function setup(): Promise<void> {
  if (process.env.OLINPE_CHROMIUM) return;
  const system = SYSTEM_CHROMIUM.find((p) => existsSync(p));
  if (system) {
    process.env.OLINPE_CHROMIUM = system;
    return;
  }
  try {
    const { default: packaged } = await import('@sparticuz/chromium');
    process.env.OLINPE_CHROMIUM = await packaged.executablePath();
  } catch (error) {
    // Only the browser tests need it: they fail with this reason (chromiumPath), the others run.
    process.env.OLINPE_CHROMIUM_MISSING = `no system Chromium and @sparticuz/chromium could not be loaded (${String(error)}); run npm ci`;
  }
}
