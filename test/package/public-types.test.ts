/**
 * The published types (dist/*.d.ts and *.d.cts, what package.json's exports give a user) hold the public API and
 * nothing marked `@internal`: a door may export a helper for another folder of src/ (escapeXml for `olinpe synth`,
 * escapeHtml for the analysis report), and the rule context carries the engine's own fields, but tsup's
 * `stripInternal` leaves them out of the types (tsup.config.ts).
 *
 * Two checks: every export and interface member that src/ marks `@internal` (found by the TypeScript compiler on the
 * doors) is absent from the built types; and the helpers issue 14 named as leaking through the doors are absent
 * whatever their marking (some are no longer exported at all). dist/ is rebuilt first when src/ is newer.
 */
import { join } from 'node:path';
import ts from 'typescript';
import { beforeAll, describe, expect, it } from 'vitest';
import { ensureDist, ROOT } from '../support/dist.js';

beforeAll(ensureDist, 600_000);

/** Each subpath: its door in src/ and its built types. */
const SUBPATHS: Record<string, string> = {
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
  form: 'src/form/index.ts',
};

/** Helpers and engine fields that leaked through the doors (issue 14, "small doors"): `subpath:name[.member]`. */
const NAMED_INTERNALS = [
  'rules:resolveOptions',
  'rules:shortHash',
  'rules:citationText',
  'transmission:escapeXml',
  'transmission:csvField',
  'transmission:donneeXml',
  'pseudonymisation:phpFloatToString',
  'pseudonymisation:sha1Hex',
  'pseudonymisation:utf8',
  'pseudonymisation:halfHash',
  'pseudonymisation:phonex12',
  'synth:Rng',
  'synth:seedNumber',
  'synth:mixSeed',
  'report:escapeHtml',
  'report:base64',
  'report:crc32',
  'report:csvText',
  'analysis:StringPool',
  'analysis:TextPool', // StringPool's name since session 10 (src/_lib/text-pool.ts)
  'transmission:textChunks',
  'transmission:invalidUtf8At',
  'pseudonymisation:firstInvalidUtf8',
  'model:sentenceStart',
  'model:shownName',
  'index:sentenceStart',
  'index:shownName',
  'rules:RecordContext.row',
  'rules:RecordContext.extra',
  'rules:RecordContext.person',
  'rules:RecordContext.personLower',
  'rules:RecordContext.shared',
  'rules:RecordRule.quick',
  'rules:RecordRule.precheck',
  'rules:QuickPass',
  'rules:RecordPrecheck',
  'rules:LineShared',
];

const OPTIONS: ts.CompilerOptions = {
  noEmit: true,
  target: ts.ScriptTarget.ES2022,
  module: ts.ModuleKind.ESNext,
  moduleResolution: ts.ModuleResolutionKind.Bundler,
  resolveJsonModule: true,
  types: ['node'],
  skipLibCheck: true,
};

/** `subpath:name` for each export of each module, and `subpath:Name.member` for each interface member. */
function surface(
  checker: ts.TypeChecker,
  modules: Record<string, ts.SourceFile>,
  keep: (s: ts.Symbol) => boolean,
): Set<string> {
  const out = new Set<string>();
  for (const [subpath, file] of Object.entries(modules)) {
    const module = checker.getSymbolAtLocation(file);
    if (!module) throw new Error(`no module symbol for ${file.fileName}`);
    for (const exported of checker.getExportsOfModule(module)) {
      const s = exported.flags & ts.SymbolFlags.Alias ? checker.getAliasedSymbol(exported) : exported;
      if (keep(exported) || keep(s)) out.add(`${subpath}:${exported.name}`);
      if (!(s.flags & ts.SymbolFlags.Interface)) continue;
      for (const member of checker.getDeclaredTypeOfSymbol(s).getProperties())
        if (keep(member)) out.add(`${subpath}:${exported.name}.${member.name}`);
    }
  }
  return out;
}

const isInternal = (s: ts.Symbol): boolean =>
  (s.declarations ?? []).some((d) => ts.getJSDocTags(d).some((t) => t.tagName.text === 'internal')) ||
  (s.declarations ?? []).some((d) => {
    // `/** @internal */ export { a } from './x.js'`: the tag is on the export declaration.
    const statement = ts.isExportSpecifier(d) ? d.parent.parent : undefined;
    return statement !== undefined && ts.getJSDocTags(statement).some((t) => t.tagName.text === 'internal');
  });

function program(files: Record<string, string>): { checker: ts.TypeChecker; modules: Record<string, ts.SourceFile> } {
  const p = ts.createProgram(
    Object.values(files).map((f) => join(ROOT, f)),
    OPTIONS,
  );
  const modules = Object.fromEntries(
    Object.entries(files).map(([k, f]) => {
      const sf = p.getSourceFile(join(ROOT, f));
      if (!sf) throw new Error(`not in the program: ${f}`);
      return [k, sf];
    }),
  );
  return { checker: p.getTypeChecker(), modules };
}

describe('published types', () => {
  const source = program(SUBPATHS);
  const internalInSrc = surface(source.checker, source.modules, isInternal);

  it('finds what src/ marks @internal (the law below is not vacuous)', () => {
    expect(internalInSrc).toContain('transmission:escapeXml');
    expect(internalInSrc).toContain('report:escapeHtml');
    expect(internalInSrc).toContain('rules:RecordContext.row');
    expect(internalInSrc).toContain('rules:RecordRule.quick');
  });

  for (const ext of ['d.ts', 'd.cts']) {
    it(`dist/*.${ext} hold the public API and nothing internal`, () => {
      const built = program(Object.fromEntries(Object.keys(SUBPATHS).map((k) => [k, `dist/${k}.${ext}`])));
      const published = surface(built.checker, built.modules, () => true);
      // The public API is there (a few names per subpath, members included).
      for (const name of [
        'index:variables',
        'rules:validateRecords',
        'rules:RecordContext.values',
        'rules:RecordRule.check',
        'transmission:writeTransmission',
        'pseudonymisation:pseudonymise',
        'pseudonymisation:Sha1Hex',
        'synth:synthesise',
        'report:renderReportHtml',
        'analysis:buildTrajectories',
        'form:validateRecord',
      ])
        expect(published, name).toContain(name);
      expect([...internalInSrc].filter((n) => published.has(n))).toEqual([]);
      expect(NAMED_INTERNALS.filter((n) => published.has(n))).toEqual([]);
    });
  }
});
