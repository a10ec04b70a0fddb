import { defineConfig } from 'tsup';

// One entry per concern (the package's subpaths) plus the CLI. ESM + CJS + .d.ts/.d.cts.
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
    dts: true,
    sourcemap: true,
    clean: true,
    target: 'es2022',
    platform: 'neutral',
    treeshake: true,
    // Optional dependency, loaded on demand by olinpe/export only.
    external: ['@duckdb/node-api'],
  },
  {
    entry: { cli: 'src/cli/main.ts' },
    format: ['esm'],
    platform: 'node',
    target: 'node20',
    sourcemap: true,
    banner: { js: '#!/usr/bin/env node' },
    external: ['@duckdb/node-api'],
  },
]);
