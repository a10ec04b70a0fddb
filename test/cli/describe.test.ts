import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { promisify } from 'node:util';
import { beforeAll, describe, expect, it } from 'vitest';
import { codeLabel } from '../../src/nomenclature/index.js';
import { cli } from '../support/cli.js';
import { cliArgs, ensureCli } from '../support/dist.js';

// The built CLI, as a user runs it (rebuilt when src/ is newer than dist/cli.js).
beforeAll(ensureCli, 300_000);

const exec = promisify(execFile);

interface Golden {
  elements: Record<string, { enumeration?: string[] }>;
}
const golden = (file: string): Golden =>
  JSON.parse(readFileSync(new URL(`../golden/${file}`, import.meta.url), 'utf8')) as Golden;

describe('olinpe describe', () => {
  it('--edition 2016 --format json lists 105 variables + UTDP with the XSD 2.0 codes', async () => {
    const { code, stdout } = await cli(['describe', '--edition', '2016', '--format', 'json']);
    expect(code).toBe(0);
    const list = JSON.parse(stdout) as {
      name: string;
      number: number | null;
      type: string;
      unknownCode: string | null;
      codes: { code: string; label: string }[];
    }[];
    expect(list).toHaveLength(106);
    expect(list.filter((v) => v.number !== null)).toHaveLength(105);
    const xsd = golden('xsd-2.0.json').elements;
    for (const v of list) {
      if (v.name === 'UTDP') continue;
      expect(xsd[v.name], v.name).toBeDefined();
      expect(v.codes.map((c) => c.code)).toEqual((xsd[v.name]!.enumeration ?? []).filter((c) => c !== ''));
      for (const c of v.codes) expect(c.label.length).toBeGreaterThan(0);
      expect(v).toHaveProperty('unknownCode');
      expect(v).toHaveProperty('type');
    }
  });

  it('--edition 2011 --format json lists the 129 variables of XSD 1.22 with its codes', async () => {
    const { code, stdout } = await cli(['describe', '--edition', '2011', '--format', 'json']);
    expect(code).toBe(0);
    const list = JSON.parse(stdout) as { name: string; codes: { code: string }[] }[];
    const xsd = golden('xsd-1.22.json').elements;
    expect(list.map((v) => v.name).sort()).toEqual(Object.keys(xsd).sort());
    for (const v of list) {
      expect(v.codes.map((c) => c.code)).toEqual((xsd[v.name]!.enumeration ?? []).filter((c) => c !== ''));
    }
  });

  it('explains TYPEV in French, case-insensitively', async () => {
    const { code, stdout } = await cli(['describe', 'typev']);
    expect(code).toBe(0);
    expect(stdout).toContain('TYPEV (n° 4)');
    expect(stdout).toContain(codeLabel('TYPEV', '2')!);
    expect(stdout).toContain("S'applique");
  });

  it('prints one variable as JSON, and English text on request', async () => {
    const json = await cli(['describe', 'SEXE', '--format', 'json']);
    expect(JSON.parse(json.stdout)).toMatchObject({ name: 'SEXE', number: 5, unknownCode: '9' });
    const en = await cli(['describe', 'SEXE', '--lang', 'en']);
    expect(en.stdout).toContain('Applies');
  });

  it('fails clearly on an unknown variable or option value, with exit code 2', async () => {
    const unknown = await cli(['describe', 'NONSCO']);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toMatch(/variable inconnue « NONSCO ».*2011/);
    const bad = await cli(['describe', '--edition', '2020']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('--edition');
    expect(bad.stderr).not.toMatch(/\n\s+at /);
  });

  it('prints an overview of an edition by block', async () => {
    const { stdout } = await cli(['describe', '--edition', '2011']);
    expect(stdout).toMatch(/CODEV/);
  });

  it('runs as a user would, through the command line', async () => {
    const { stdout } = await exec(process.execPath, cliArgs(['describe', 'TYPEV']), { cwd: process.cwd() });
    expect(stdout).toContain('TYPEV (n° 4)');
    const help = await exec(process.execPath, cliArgs(['--help']));
    expect(help.stdout).toContain('describe');
  });
});
