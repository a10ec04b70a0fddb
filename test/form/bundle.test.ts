/**
 * `olinpe/form` as a vendor's web form uses it: bundled by esbuild for a browser (minified, tree-shaken) from the
 * built package, through package.json's exports.
 *
 * - Its cost: at most 45 kB gzipped (issue 15: "validateRecord for 2016 and the labels"); the README states the
 *   figure. A size limit, not a timing.
 * - What it leaves out: the 2011 data, the young-person and file rules, the audit, the readers, the generator,
 *   zod.
 * - What it gives: the same `validateRecord` as the full library (`olinpe/rules`, edition 2016) on synthetic
 *   records with injected errors and random changes of values (a differential property).
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { gzipSync } from 'node:zlib';
import { build } from 'esbuild';
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { variables } from '../../src/nomenclature/index.js';
import { validateRecord as fullValidateRecord } from '../../src/rules/index.js';
import { synthesise } from '../../src/synth/index.js';
import { ensureDist, ROOT } from '../support/dist.js';

/** Issue 15's limit, in bytes of the gzipped bundle (kB = 1000 bytes: the stricter reading). */
export const FORM_BUNDLE_LIMIT = 45_000;

const OUT = join(ROOT, 'test-artifacts', 'form-bundle');

interface Bundle {
  text: string;
  minified: number;
  gzipped: number;
  /** The files esbuild put in the bundle (its metafile). */
  inputs: string[];
  form: typeof import('../../src/form/index.js');
}

let bundle: Bundle;

beforeAll(async () => {
  await ensureDist();
  mkdirSync(OUT, { recursive: true });
  // The entry a form would write: the validator and the labels, nothing else.
  const entry = join(OUT, 'entry.mjs');
  writeFileSync(entry, "export { validateRecord, codeLabel, variableLabel, variables } from 'olinpe/form';\n");
  const result = await build({
    entryPoints: [entry],
    absWorkingDir: ROOT,
    bundle: true,
    minify: true,
    treeShaking: true,
    format: 'esm',
    platform: 'browser',
    target: 'es2022',
    write: false,
    logLevel: 'silent',
    metafile: true,
  });
  const out = result.outputFiles[0]!.contents;
  const file = join(OUT, 'form.min.js');
  writeFileSync(file, out);
  bundle = {
    text: Buffer.from(out).toString('utf8'),
    minified: out.length,
    gzipped: gzipSync(out, { level: 9 }).length,
    inputs: Object.keys(result.metafile.inputs),
    form: (await import(pathToFileURL(file).href)) as Bundle['form'],
  };
  writeFileSync(
    join(OUT, 'size.json'),
    `${JSON.stringify({ minified: bundle.minified, gzipped: bundle.gzipped, limit: FORM_BUNDLE_LIMIT }, null, 2)}\n`,
  );
}, 600_000);

describe('olinpe/form in a browser bundle', () => {
  it(`costs at most ${FORM_BUNDLE_LIMIT} bytes gzipped`, () => {
    expect(bundle.gzipped).toBeGreaterThan(5_000); // it did bundle the rules and the data
    expect(bundle.gzipped).toBeLessThanOrEqual(FORM_BUNDLE_LIMIT);
  });

  it('leaves out the 2011 edition, the cross-record rules, the audit, the readers, the generator and zod', () => {
    for (const [marker, file] of Object.entries(MARKERS)) {
      expect(readFileSync(join(ROOT, file), 'utf8'), `${marker} is in ${file}`).toContain(marker);
      expect(bundle.text, marker).not.toContain(marker);
    }
    const packages = bundle.inputs
      .filter((p) => p.includes('node_modules/'))
      .map((p) => p.split('node_modules/')[1]!.split('/')[0]!);
    expect([...new Set(packages)]).toEqual([]);
  });

  it('gives the labels of the nomenclature', () => {
    expect(bundle.form.codeLabel('SEXE', '2')).toBe('Féminin');
    expect(bundle.form.variableLabel('TYPEV', 'en')).toBe(fullLabel('TYPEV'));
    expect(bundle.form.variables().map((v) => v.name)).toEqual(variables('2016').map((v) => v.name));
  });

  it('keeps to the 2016 edition whatever options it is given', () => {
    const call = (): unknown => bundle.form.validateRecord({}, { edition: '2011' } as never);
    // The edition is not an option of the form's validateRecord: it stays 2016 whatever is passed.
    expect(call()).toEqual(fullValidateRecord({}, { edition: '2016' }));
  });

  it('finds what the full validateRecord finds, on records with injected errors and random changes', () => {
    const { records } = synthesise({ seed: 'form-bundle', year: 2019, records: 300, errorRate: 0.3 });
    const defs = variables('2016');
    const change = fc.record({
      name: fc.constantFrom(...defs.map((d) => d.name), 'NOTAVARIABLE'),
      value: fc.oneof(
        fc.constant(undefined),
        fc.constant(''),
        fc.constantFrom('9', '99', '9999-99-99', '2019-02-30', '2019-13', '1', '2', '3', '10', 'x', ' 1'),
        fc.string({ maxLength: 12 }),
      ),
    });
    fc.assert(
      fc.property(
        fc.nat(records.length - 1),
        fc.array(change, { maxLength: 6 }),
        fc.record({
          lang: fc.constantFrom('fr' as const, 'en' as const),
          absent: fc.constantFrom('skip' as const, 'empty' as const),
          exportDate: fc.option(fc.constantFrom('2019-06-30', '2020-01-15', '2018-12-31'), { nil: undefined }),
          referenceYear: fc.option(fc.constantFrom(2018, 2019, 2020), { nil: undefined }),
        }),
        (i, changes, options) => {
          const record: Record<string, string | undefined> = { ...(records[i] as Record<string, string>) };
          for (const c of changes) {
            if (c.value === undefined) delete record[c.name];
            else record[c.name] = c.value;
          }
          const clean = Object.fromEntries(Object.entries(options).filter(([, v]) => v !== undefined));
          const expected = fullValidateRecord(record, { ...clean, edition: '2016' });
          const actual = bundle.form.validateRecord(record, clean);
          expect(actual).toEqual(expected);
        },
      ),
      { numRuns: 400, seed: 15 },
    );
  });

  it('the property is not empty: the records have findings, of many rules', () => {
    const { records } = synthesise({ seed: 'form-bundle', year: 2019, records: 300, errorRate: 0.3 });
    const ids = new Set(
      records.flatMap((r) => bundle.form.validateRecord(r, { absent: 'empty' }).findings.map((f) => f.ruleId)),
    );
    expect(ids.size).toBeGreaterThan(5);
  });
});

function fullLabel(name: string): string | undefined {
  return variables('2016').find((v) => v.name === name)?.label.en;
}

/**
 * Strings found only in what the form bundle must leave out, with the source file each comes from: a 2011-only
 * variable, a young-person rule (complete duplicates), an audit section's text, an XML reader's error kind, a
 * first name of the generator.
 */
const MARKERS: Record<string, string> = {
  NONSCO: 'nomenclature/2011/variables.json',
  'OL-YP-005': 'src/rules/cross-rules.ts',
  'Variable DECISION non renseignée': 'src/rules/audit.ts',
  'duplicate-element': 'src/transmission/read-xml.ts',
  'Jean-Baptiste': 'src/synth/names.ts',
};
