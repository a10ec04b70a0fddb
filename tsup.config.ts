import { defineConfig } from 'tsup';
import { rmSync } from 'node:fs';
import { formBundle } from './scripts/form-bundle.js';

// dist/ is emptied here, once, rather than by `clean: true`: tsup cleans a config's outputs (its .d.ts
// included) when that config's build starts, which would remove the files of the configs built beside it.
rmSync(new URL('./dist/', import.meta.url), { recursive: true, force: true });

// One entry per concern (the package's subpaths) plus the CLI. ESM + CJS + .d.ts/.d.cts.
// The published types leave out what is marked `@internal` in TSDoc (`stripInternal`): helpers a door exports only
// for another folder of src/ (escapeXml for the CLI's synth, escapeHtml for the analysis report) and the engine's
// fields of the rule context. test/package/public-types.test.ts checks that none of them is in dist/*.d.ts.
const dts = { compilerOptions: { stripInternal: true } };

export default defineConfig([
  {
    entry: {
      index: 'src/index.ts',
      nomenclature: 'src/nomenclature/index.ts',
      model: 'src/model/index.ts',
      rules: 'src/rules/index.ts',
      pseudonymisation: 'src/pseudonymisation/index.ts',
      transmission: 'src/transmission/index.ts',
      analysis: 'src/analysis/index.ts',
      synth: 'src/synth/index.ts',
      report: 'src/report/index.ts',
      export: 'src/export/index.ts',
    },
    format: ['esm', 'cjs'],
    // One chunk per shared module in both formats: `require('olinpe')` and `require('olinpe/nomenclature')`
    // load the same nomenclature (test/package/cjs.test.ts), as the ESM build always did.
    splitting: true,
    dts,
    sourcemap: true,
    target: 'es2022',
    platform: 'neutral',
    treeshake: true,
    // Optional dependency, loaded on demand by olinpe/export only.
    external: ['@duckdb/node-api'],
  },
  {
    // olinpe/form: its own bundle (no chunk shared with the others), 2016 data only, documentation fields left
    // out (scripts/form-bundle.ts); a web form's validateRecord and labels, measured by test/form/bundle.test.ts.
    entry: { form: 'src/form/index.ts' },
    format: ['esm', 'cjs'],
    dts,
    sourcemap: true,
    target: 'es2022',
    platform: 'neutral',
    treeshake: true,
    esbuildPlugins: [formBundle()],
  },
  {
    // The CLI.
    entry: { cli: 'src/cli/main.ts' },
    format: ['esm'],
    platform: 'node',
    target: 'node20',
    sourcemap: true,
    banner: { js: '#!/usr/bin/env node' },
    external: ['@duckdb/node-api'],
  },
]);
