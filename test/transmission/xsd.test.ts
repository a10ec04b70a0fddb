import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { validateXML } from 'xmllint-wasm';
import type { EditionId } from '../../src/nomenclature/index.js';
import { writeAll, xsd, xsdConstraints } from '../../src/transmission/index.js';
import { validRecordArb } from '../support/arbitraries.js';

interface Golden {
  version: string;
  elements: Record<string, { minOccurs: number; enumeration?: string[]; pattern?: string; maxLength?: number }>;
}
const golden = (file: string): Golden =>
  JSON.parse(readFileSync(new URL(`../golden/${file}`, import.meta.url), 'utf8')) as Golden;
const GOLDEN: Record<EditionId, Golden> = { '2016': golden('xsd-2.0.json'), '2011': golden('xsd-1.22.json') };
const EDITIONS: EditionId[] = ['2016', '2011'];

async function validate(xml: string, schema: string): Promise<{ valid: boolean; errors: string[] }> {
  const result = await validateXML({
    xml: [{ fileName: 'file.xml', contents: xml }],
    schema: [{ fileName: 'schema.xsd', contents: schema }],
    initialMemoryPages: 512,
    maxMemoryPages: 4096,
  });
  return { valid: result.valid, errors: result.errors.map((e) => e.rawMessage) };
}

describe('xsd(), strict form against the official schemas (golden facts)', () => {
  for (const edition of EDITIONS) {
    it(`${edition}: same element names and order, enumerations, patterns, lengths and minOccurs as VERSIONXSD ${GOLDEN[edition].version}`, () => {
      const ours = xsdConstraints(edition, { strict: true });
      const theirs = GOLDEN[edition].elements;
      expect(ours.map((c) => c.name)).toEqual(Object.keys(theirs));
      for (const c of ours) {
        const g = theirs[c.name]!;
        expect({
          name: c.name,
          minOccurs: c.minOccurs,
          enumeration: c.enumeration,
          pattern: c.pattern,
          maxLength: c.maxLength,
        }).toEqual({
          name: c.name,
          minOccurs: g.minOccurs,
          enumeration: g.enumeration,
          pattern: g.pattern,
          maxLength: g.maxLength,
        });
      }
    });
  }

  it('the schema text carries those constraints (spot checks)', () => {
    const text = xsd('2016', { strict: true });
    expect(text).toContain('<xs:element name="NUMANONYM" minOccurs="1" maxOccurs="1">');
    expect(text).toContain('<xs:pattern value="2\\.0"/>');
    expect(text).not.toContain('name="UTDP"');
    expect(xsd('2016')).toContain('name="UTDP"');
  });
});

describe('files written by the writer validate with a real validator (xmllint-wasm)', () => {
  it('the generated schemas are themselves valid XSD (both editions, both forms)', async () => {
    for (const edition of EDITIONS) {
      for (const strict of [false, true]) {
        const schema = xsd(edition, { strict });
        const { text } = await writeAll([], { edition, dateExport: '2024-01-31', strictXsd: strict });
        const result = await validate(text, schema);
        expect(result.errors).toEqual([]);
        expect(result.valid).toBe(true);
      }
    }
  });

  for (const edition of EDITIONS) {
    it(`${edition}: default output validates against the guide's form; strictXsd output against the strict form`, async () => {
      // Many generated files, validated in one call per form (each xmllint-wasm call starts a new instance).
      const sets = fc.sample(fc.array(validRecordArb(edition), { minLength: 1, maxLength: 8 }), {
        numRuns: 40,
        seed: 5,
      });
      const files = async (options: Parameters<typeof writeAll>[1]) =>
        Promise.all(
          sets.map(async (records, i) => ({
            fileName: `f${i}.xml`,
            contents: (await writeAll(records, { edition, dateExport: '2024-01-31', ...options })).text,
          })),
        );
      const check = async (xml: { fileName: string; contents: string }[], schema: string): Promise<void> => {
        const result = await validateXML({
          xml,
          schema: [{ fileName: 'schema.xsd', contents: schema }],
          initialMemoryPages: 512,
          maxMemoryPages: 4096,
        });
        expect(result.errors.map((e) => e.rawMessage)).toEqual([]);
        expect(result.valid).toBe(true);
      };
      await check(await files({}), xsd(edition));
      await check(await files({ allVariables: true }), xsd(edition));
      const strictFiles = await files({ strictXsd: true });
      expect(strictFiles.filter((f) => f.contents.includes('<DONNEE>')).length).toBeGreaterThan(10);
      await check(strictFiles, xsd(edition, { strict: true }));
    });
  }

  it("the guide's default output (unknown dates 9999-99-99, partly known dates) does NOT validate against the strict form", async () => {
    const record = { NUMANONYM: 'a'.repeat(40), TYPEV: '1', DATDECPE: '9999-99-99', DATDEB: '2019-05-99' };
    const { text } = await writeAll([record], { dateExport: '2024-01-31' });
    const result = await validate(text, xsd('2016', { strict: true }));
    expect(result.valid).toBe(false);
    expect(result.errors.join('\n')).toContain('DATDE');
    expect((await validate(text, xsd('2016'))).valid).toBe(true);
  });

  it('a record out of schema order or with an unknown element is rejected by the validator', async () => {
    const xml =
      '<?xml version="1.0" encoding="UTF-8"?>\n<DECRET><INTRO><VERSIONXSD>2.0</VERSIONXSD><DATEXPORT>2024-01-31</DATEXPORT></INTRO><DONNEE><TYPEV>1</TYPEV><SEXE>1</SEXE></DONNEE></DECRET>\n';
    expect((await validate(xml, xsd('2016'))).valid).toBe(false);
  });
});
