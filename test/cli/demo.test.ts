/**
 * The README's main job: `olinpe demo` end to end, run as a user would, and its HTML reports opened in
 * headless Chromium without console errors or network requests.
 */
import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, type Browser } from '../support/browser.js';
import { cliArgs, ensureCli } from '../support/dist.js';

// The built CLI, as a user runs it (rebuilt when src/ is newer than dist/cli.js).
beforeAll(ensureCli, 300_000);

const exec = promisify(execFile);
let dir = '';
let stdout = '';
let browser: Browser;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'olinpe-demo-'));
  ({ stdout } = await exec(
    process.execPath,
    cliArgs(['demo', '--young-people', '600', '--out', dir, '--error-rate', '0.03']),
    {
      cwd: process.cwd(),
    },
  ));
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
  rmSync(dir, { recursive: true, force: true });
});

function figure(label: string): string {
  const line = stdout.split('\n').find((l) => l.trimStart().startsWith(label));
  expect(line, label).toBeDefined();
  return line!.slice(line!.indexOf(label) + label.length).trim();
}

describe('olinpe demo', () => {
  it('prints the counts, the findings by severity and where the files are', () => {
    expect(Number(figure('lignes (événements)'))).toBeGreaterThan(500);
    expect(figure('constats')).toMatch(/^\d+ erreurs, \d+ avertissements, \d+ informations$/);
    const [found, injected] = figure('erreurs injectées trouvées').split(' / ').map(Number);
    expect(injected).toBeGreaterThan(0);
    expect(found).toBe(injected);
    const [joined, identities] = figure('identités pseudonymisées')
      .split('jointure NUMANONYM ')[1]!
      .split(' / ')
      .map(Number);
    expect(joined).toBe(identities);
    expect(stdout).toContain('rapport.html');
  });

  it('writes every file it announces; written + refused = records, and refusals are listed', () => {
    for (const f of [
      'rapport.html',
      'analyse.html',
      'olinpe-84-2024.xml',
      'olinpe-84-2023.xml',
      'identites-fictives.csv',
      'pseudonymes.csv',
      'validation.json',
      'audit.json',
      'refus.json',
    ]) {
      expect(existsSync(join(dir, f)), f).toBe(true);
    }
    const m = /(\d+) écrites \+ (\d+) refusées \(refus\.json\) = (\d+)/.exec(stdout)!;
    expect(Number(m[1]) + Number(m[2])).toBe(Number(m[3]));
    expect(Number(m[3])).toBe(Number(figure('lignes (événements)')));
    expect(JSON.parse(readFileSync(join(dir, 'refus.json'), 'utf8'))).toHaveLength(Number(m[2]));
    const pseudonyms = readFileSync(join(dir, 'pseudonymes.csv'), 'utf8');
    const identities = readFileSync(join(dir, 'identites-fictives.csv'), 'utf8');
    const firstName = identities.split('\n')[1]!.split(';')[0]!;
    expect(pseudonyms.split('\n')[0]).toMatch(/^NUMANONYM;/);
    expect(pseudonyms).not.toContain(`${firstName};`);
  });

  it('its HTML reports open in Chromium with no console error and no request', async () => {
    for (const f of ['rapport.html', 'analyse.html']) {
      const { page, errors, requests } = await browser.open(pathToFileURL(join(dir, f)).href);
      expect(errors, f).toEqual([]);
      expect(
        requests.filter((u) => !u.startsWith('file:')),
        f,
      ).toEqual([]);
      expect(await page.title(), f).not.toBe('');
      await page.close();
    }
  });
});
