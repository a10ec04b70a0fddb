/**
 * The CommonJS build shares one copy of the nomenclature across subpaths (tsup `splitting` for CJS): the data is
 * one chunk that `olinpe`, `olinpe/nomenclature`, `olinpe/rules`… all require, so a program loading several
 * subpaths holds one nomenclature (same objects, ~0.7 MB once instead of once per subpath). Run on the built
 * dist/, resolved through package.json's exports as a CommonJS user resolves them.
 */
import { readdirSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { ensureDist, ROOT } from '../support/dist.js';

beforeAll(ensureDist, 600_000);

describe('CommonJS build', () => {
  it("require('olinpe') and require('olinpe/nomenclature') hold the same objects", () => {
    const require = createRequire(join(ROOT, 'package.json'));
    const root = require('olinpe') as typeof import('../../src/index.js');
    const nomenclature = require('olinpe/nomenclature') as typeof import('../../src/nomenclature/index.js');
    const rules = require('olinpe/rules') as typeof import('../../src/rules/index.js');
    expect(root.variables('2016').length).toBe(106);
    expect(root.editionData('2016')).toBe(nomenclature.editionData('2016'));
    expect(root.variable('TYPEV', '2016')).toBe(nomenclature.variable('TYPEV', '2016'));
    expect(root.variables).toBe(nomenclature.variables);
    // A rule built from the nomenclature reads the same data the root exposes.
    expect(rules.rules('2016').length).toBeGreaterThan(100);
  });

  it('keeps the nomenclature data in one file, not one copy per subpath', () => {
    const dist = join(ROOT, 'dist');
    const cjs = readdirSync(dist).filter((f) => f.endsWith('.cjs'));
    // The data (the 2016 labels, once) is in a shared chunk; each entry point is small.
    const sizes = Object.fromEntries(cjs.map((f) => [f, statSync(join(dist, f)).size]));
    const entries = ['index.cjs', 'nomenclature.cjs', 'model.cjs', 'rules.cjs', 'transmission.cjs'];
    for (const e of entries) expect(sizes[e], e).toBeLessThan(300_000);
  });
});
