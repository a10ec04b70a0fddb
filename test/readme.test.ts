/** The README's "library in ten lines" example, checked line by line. */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseRecord } from '../src/model/index.js';
import { codeLabel, variable } from '../src/nomenclature/index.js';

const readme = readFileSync(new URL('../README.md', import.meta.url), 'utf8');

describe('README example', () => {
  it('shows the values the library really returns', () => {
    const codes = variable('TYPEV')?.codes.map((c) => c.code);
    expect(readme).toContain(`// ${JSON.stringify(codes).replace(/"/g, "'").replace(/,/g, ', ')}`);
    expect(readme).toContain(`// '${codeLabel('NATDECASSED', '15', { lang: 'en' })}'`);
    const { ok, record, issues } = parseRecord({ TYPEV: '1', SEXE: '2', ANAIS: '2012', MNAIS: '13' });
    expect(ok).toBe(false);
    expect(readme).toContain(`message: '${issues[0]!.message}'`);
    expect(readme).toContain(`kind: '${issues[0]!.kind}'`);
    expect(record).toEqual({ TYPEV: '1', SEXE: '2', ANAIS: '2012' });
  });

  it('gives the two commands a newcomer runs, which exist in package.json', () => {
    expect(readme).toContain('npm ci && npm run demo');
    expect(readme).toContain('npm ci && npm test');
    const scripts = (
      JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as {
        scripts: Record<string, string>;
      }
    ).scripts;
    expect(scripts.demo).toBeTruthy();
    expect(scripts.test).toBe('vitest run');
  });
});
