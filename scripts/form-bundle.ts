/**
 * How `olinpe/form` is built (tsup.config.ts): the same sources as the rest of the library, with two
 * substitutions made by an esbuild plugin, so that a web form validating 2016 records pays only for that.
 *
 * 1. `src/nomenclature/editions.ts` (both editions' data) becomes `editions-form-2016.ts` (2016 only).
 * 2. The 2016 data loses the fields no rule, no message and no label reads: the notes (of variables and codes),
 *    the recorded discrepancies between sources and the 2011 predecessor. They are documentation, served by
 *    `olinpe/nomenclature` and the site; all are optional in the data's schema.
 *
 * The bundle's findings are the full library's: `test/form/bundle.test.ts` builds it as a vendor would (esbuild,
 * browser, minified), checks its gzipped size, and compares its `validateRecord` with the full one on records
 * with injected errors (a property).
 */
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { Plugin } from 'esbuild';
import type { EditionData } from '../src/nomenclature/index.js';

/** The edition's data without its documentation-only fields (see the module comment). */
export function formData(data: EditionData): EditionData {
  const { discrepancies: _d, ...rest } = data;
  return {
    ...rest,
    variables: data.variables.map(({ note: _n, discrepancies: _v, predecessor: _p, ...v }) => ({
      ...v,
      codes: v.codes.map(({ note: _c, ...c }) => c),
    })),
  };
}

/** The esbuild plugin making the form bundle (see the module comment). */
export function formBundle(): Plugin {
  return {
    name: 'olinpe-form-2016',
    setup(build) {
      build.onResolve({ filter: /^\.\/editions\.js$/ }, (args) =>
        args.importer.endsWith(join('src', 'nomenclature', 'lookup.ts'))
          ? { path: join(dirname(args.importer), 'editions-form-2016.ts') }
          : undefined,
      );
      build.onLoad({ filter: /[\\/]src[\\/]nomenclature[\\/]generated[\\/]data2016\.ts$/ }, (args) => {
        const text = readFileSync(args.path, 'utf8');
        const json = text.slice(text.indexOf('= {') + 2).replace(/;\s*$/, '');
        const data = formData(JSON.parse(json) as EditionData);
        return {
          contents: `import type { EditionData } from '../data-schema.js';\nexport const data2016: EditionData = ${JSON.stringify(data)};\n`,
          loader: 'ts',
        };
      });
    },
  };
}
