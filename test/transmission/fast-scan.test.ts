/**
 * The guard of `src/transmission/fast-scan.ts`: the XML reader with the strict scanner (default) and with
 * saxes alone (`parser: 'saxes'`) must yield the same items (header, records, errors with kind, line,
 * column and message, summary) for any input split into chunks of any size. Inputs: generated files in the
 * usual layout and many variants, and mutations of them that hit every hand-over trigger of the scanner.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createXmlParser } from '../../src/transmission/fast-scan.js';
import { readTransmission, writeAll } from '../../src/transmission/index.js';
import type { ReadOptions, TransmissionItem } from '../../src/transmission/index.js';
import { runs } from '../support/runs.js';

type Input = string | Uint8Array;

function split<T extends Input>(input: T, sizes: readonly number[]): T[] {
  const parts: T[] = [];
  let at = 0;
  let k = 0;
  while (at < input.length) {
    const size = Math.max(1, sizes.length === 0 ? input.length : sizes[k++ % sizes.length]!);
    parts.push(input.slice(at, at + size) as T);
    at += size;
  }
  return parts;
}

async function read(chunks: Input[], options: ReadOptions): Promise<TransmissionItem[]> {
  const items: TransmissionItem[] = [];
  async function* source(): AsyncGenerator<Input> {
    for (const c of chunks) yield c;
  }
  for await (const item of readTransmission(source(), { ...options, format: 'xml' })) items.push(item);
  return items;
}

async function both(
  input: Input,
  sizes: readonly number[],
  options: ReadOptions = {},
): Promise<[TransmissionItem[], TransmissionItem[]]> {
  const chunks = split(input, sizes);
  const fast = await read(chunks, { ...options, parser: 'fast' });
  const saxes = await read(chunks, { ...options, parser: 'saxes' });
  return [fast, saxes];
}

// ---------------------------------------------------------------------------------------------------------
// Generated files in the usual layout (and its variants).

// Names that are prefixes of others (SEX, SEXE; NUMANONYM, NUMANONYMANT): the scanner checks each element's name
// against the one at the same position in the record before (fast-scan.ts, `predicted`).
const NAMES = [
  'TYPEV',
  'SEXE',
  'SEX',
  'NUMANONYM',
  'NUMANONYMANT',
  'DATEVT',
  'AUTREDA',
  'MOTIFSIG',
  'NUMDEPT',
  'FOO_1',
  'x.y-z',
];
const valueArb = fc
  .array(
    fc.constantFrom(
      '1',
      '2',
      'a',
      'Z',
      ' ',
      'é',
      'ÿ',
      '€',
      '\t',
      '\n',
      '\r\n',
      '\r',
      '&amp;',
      '&lt;',
      '&gt;',
      '&quot;',
      '&apos;',
      '&#233;',
      '&#x41;',
      '&#x1F600;',
      '&#13;',
      '2024-01-31',
      '"',
      "'",
      ']',
      ']]',
      '\uFEFF',
      '\uE000',
    ),
    { maxLength: 6 },
  )
  .map((parts) => parts.join(''));
const fieldArb = fc.record({
  name: fc.constantFrom(...NAMES),
  value: valueArb,
  empty: fc.constantFrom('no', 'no', 'no', 'self', 'spaced', 'pair', 'open-spaced'),
});
const spaceArb = fc.constantFrom('', '', ' ', '\n', '\r\n', '\r', '\n  ', '\t', '\r\n\t\t');
const declArb = fc.constantFrom(
  '',
  '<?xml version="1.0" encoding="UTF-8"?>',
  "<?xml version='1.0' encoding='ISO-8859-1'?>",
  '<?xml version="1.0"?>',
  '<?xml version="1.0" encoding="utf-8" standalone="yes"?>',
  '<?xml  version = "1.0"  ?>',
  '<?xml version="1.0" encoding = "utf-8"?>',
  '<?xml version="1.1"?>',
  '<?xml version="1.0"\nencoding="UTF-8"?>',
  '\uFEFF<?xml version="1.0" encoding="UTF-8"?>',
  '\uFEFF',
);
const rootArb = fc.constantFrom(
  '<DECRET>',
  '<DECRET xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xsi:noNamespaceSchemaLocation="decret.xsd">',
  "<DECRET  a='1'  b=\"x'y\" >",
  '<DECRET a="1" a="2">',
  '<DECRET a="&amp;">',
  '<DECRET a="1"b="2">',
  '<DECRET a = "1">',
  '<DECRET\na="1">',
  '<ROOT>',
);
const donneeArb = fc.record({
  name: fc.constantFrom('DONNEE', 'DONNEE', 'DONNEE', 'DONNEE', 'AUTRE'),
  fields: fc.array(fieldArb, { maxLength: 6 }),
  sep: spaceArb,
});
const fileArb = fc
  .record({
    decl: declArb,
    afterDecl: spaceArb,
    root: rootArb,
    intro: fc.constantFrom(
      '',
      '<INTRO><VERSIONXSD>2.0</VERSIONXSD><DATEXPORT>2024-01-31</DATEXPORT></INTRO>',
      '<INTRO><VERSIONXSD>1.22</VERSIONXSD></INTRO>',
      '<INTRO/>',
    ),
    donnees: fc.array(donneeArb, { maxLength: 5 }),
    sep: spaceArb,
    end: fc.constantFrom(
      '</DECRET>',
      '</DECRET>\n',
      '</DECRET>\r\n  \n',
      '</DECRET>x',
      '</DECRET><DECRET/>',
      '',
      '</DECRET><!-- end -->',
    ),
  })
  .map(({ decl, afterDecl, root, intro, donnees, sep, end }) => {
    let xml = decl + afterDecl + root + sep + intro + sep;
    for (const d of donnees) {
      xml += d.fields.length === 0 && d.sep === '' ? `<${d.name}/>` : `<${d.name}>`;
      if (d.fields.length === 0 && d.sep === '') continue;
      for (const f of d.fields) {
        xml += d.sep;
        if (f.empty === 'self') xml += `<${f.name}/>`;
        else if (f.empty === 'spaced') xml += `<${f.name} />`;
        else if (f.empty === 'open-spaced') xml += `<${f.name}  >${f.value}</${f.name}>`;
        else if (f.empty === 'pair') xml += `<${f.name}></${f.name}>`;
        else xml += `<${f.name}>${f.value}</${f.name}>`;
      }
      xml += `${d.sep}</${d.name}>${sep}`;
    }
    return xml + end;
  });

/** Things the scanner does not read itself (and some it does), to insert anywhere. */
const TRIGGERS = [
  '<!-- comment -->',
  '<!---->',
  '<![CDATA[1]]>',
  '<![CDATA[<x>]]>',
  '<?pi data?>',
  '<?xml version="1.0"?>',
  '<!DOCTYPE DECRET>',
  '<!DOCTYPE DECRET [<!ENTITY e "x">]>',
  ' a="1"',
  '<A>',
  '</A>',
  '<A/>',
  '<A >',
  '<A />',
  '<A / >',
  '<A\n/>',
  ' /',
  '</A >',
  '<a:b>1</a:b>',
  '<É>1</É>',
  '<X><Y>1</Y></X>',
  '<SEXE>1</SEXE>',
  '<DONNEE>',
  '</DONNEE>',
  '<DONNEE/>',
  '<DECRET>',
  '</DECRET>',
  '<INTRO><VERSIONXSD>1.22</VERSIONXSD></INTRO>',
  '&foo;',
  '&#0;',
  '&#xD800;',
  '&#X41;',
  '&#65',
  '&#x110000;',
  '&#00000065;',
  '&',
  '&amp;',
  '&#x41;',
  '<',
  '>',
  ']]>',
  '/',
  '=',
  '"',
  '\u0000',
  '\u0001',
  '\u000B',
  '\uD800',
  '\uDC00',
  '\uFFFE',
  '\uFFFF',
  '😀',
  '\u0085',
  '\u2028',
  '\r',
  '\r\n',
  '\n',
  '\t',
  ' ',
  '\uFEFF',
  'é',
  'x',
];

const mutationArb = fc.oneof(
  fc.record({ kind: fc.constant('insert' as const), at: fc.nat(), text: fc.constantFrom(...TRIGGERS) }),
  fc.record({ kind: fc.constant('delete' as const), at: fc.nat(), length: fc.integer({ min: 1, max: 12 }) }),
  fc.record({ kind: fc.constant('truncate' as const), at: fc.nat() }),
  fc.record({ kind: fc.constant('duplicate' as const), at: fc.nat(), length: fc.integer({ min: 1, max: 40 }) }),
  fc.record({ kind: fc.constant('replace' as const), at: fc.nat(), text: fc.constantFrom(...TRIGGERS) }),
  // A letter's case flipped (<Sexe>, </donnee>: names are case-sensitive) and two adjacent slices swapped
  // (elements reordered, a close tag before its open tag, a record's end moved into the next one).
  fc.record({ kind: fc.constant('case' as const), at: fc.nat() }),
  fc.record({
    kind: fc.constant('swap' as const),
    at: fc.nat(),
    length: fc.integer({ min: 1, max: 40 }),
    other: fc.integer({ min: 1, max: 40 }),
  }),
);
type Mutation = typeof mutationArb extends fc.Arbitrary<infer M> ? M : never;

function mutate(xml: string, m: Mutation): string {
  const at = xml.length === 0 ? 0 : m.at % (xml.length + 1);
  switch (m.kind) {
    case 'insert':
      return xml.slice(0, at) + m.text + xml.slice(at);
    case 'replace':
      return xml.slice(0, at) + m.text + xml.slice(at + 1);
    case 'delete':
      return xml.slice(0, at) + xml.slice(at + m.length);
    case 'truncate':
      return xml.slice(0, at);
    case 'duplicate':
      return xml.slice(0, at + m.length) + xml.slice(at, at + m.length) + xml.slice(at + m.length);
    case 'case': {
      // The first ASCII letter at or after `at`.
      const i = xml.slice(at).search(/[A-Za-z]/);
      if (i < 0) return xml;
      const c = xml[at + i]!;
      const flipped = c === c.toUpperCase() ? c.toLowerCase() : c.toUpperCase();
      return xml.slice(0, at + i) + flipped + xml.slice(at + i + 1);
    }
    case 'swap': {
      const a = xml.slice(at, at + m.length);
      const b = xml.slice(at + m.length, at + m.length + m.other);
      return xml.slice(0, at) + b + a + xml.slice(at + m.length + m.other);
    }
  }
}

const sizesArb = fc.oneof(
  fc.constant([] as number[]),
  fc.constant([1]),
  fc.array(fc.integer({ min: 1, max: 64 }), { minLength: 1, maxLength: 8 }),
);
const optionsArb = fc.record(
  {
    maxTokenLength: fc.integer({ min: 1, max: 40 }),
    maxFieldsPerRecord: fc.integer({ min: 1, max: 5 }),
    maxDepth: fc.integer({ min: 1, max: 5 }),
    checkModel: fc.boolean(),
    edition: fc.constantFrom('2016' as const, '2011' as const),
  },
  { requiredKeys: [] },
);

// Records sharing their layout (the same names in the same order, the same whitespace before each, as a vendor's
// export writes them): the scanner takes the whitespace and `<NAME` of an element at once where they repeat the
// record before byte for byte (fast-scan.ts, `Head`). Values change from record to record (text or empty, `<X/>`,
// `<X />`, `<X></X>`), and a record may differ in one place: other whitespace before an element (CR LF, a tab, none),
// or another name (the next in NAMES: SEXE then SEX, a prefix; NUMANONYM then NUMANONYMANT, longer).
const layoutFileArb = fc
  .record({
    names: fc.array(fc.constantFrom(...NAMES), { minLength: 1, maxLength: 5 }),
    seps: fc.array(spaceArb, { minLength: 1, maxLength: 3 }),
    records: fc.array(
      fc.record({
        fields: fc.array(
          fc.record({ value: valueArb, empty: fc.constantFrom('no', 'no', 'self', 'spaced', 'pair', 'open-spaced') }),
          { minLength: 5, maxLength: 5 },
        ),
        differs: fc.constantFrom('none', 'none', 'sep', 'name'),
        at: fc.nat(),
        sep: fc.constantFrom('', ' ', '\t', '\r\n', '\n   ', '\r'),
      }),
      { minLength: 2, maxLength: 6 },
    ),
  })
  .map(({ names, seps, records }) => {
    let xml = '<?xml version="1.0" encoding="UTF-8"?>\n<DECRET>\n';
    for (const r of records) {
      xml += '  <DONNEE>';
      names.forEach((shared, f) => {
        const other = f === r.at % names.length;
        const name = other && r.differs === 'name' ? NAMES[(NAMES.indexOf(shared) + 1) % NAMES.length]! : shared;
        xml += other && r.differs === 'sep' ? r.sep : seps[f % seps.length]!;
        const { value, empty } = r.fields[f]!;
        if (empty === 'self') xml += `<${name}/>`;
        else if (empty === 'spaced') xml += `<${name} />`;
        else if (empty === 'pair') xml += `<${name}></${name}>`;
        else if (empty === 'open-spaced') xml += `<${name}  >${value}</${name}>`;
        else xml += `<${name}>${value}</${name}>`;
      });
      xml += '\n  </DONNEE>\n';
    }
    return xml + '</DECRET>\n';
  });

describe('fast path and saxes alone yield the same items', () => {
  it('on generated files, split into chunks of any size', async () => {
    await fc.assert(
      fc.asyncProperty(fileArb, sizesArb, async (xml, sizes) => {
        const [fast, saxes] = await both(xml, sizes);
        expect(fast).toEqual(saxes);
      }),
      { numRuns: runs(400) },
    );
  });

  // UTF-8 bytes are read as bytes by the scanner (fast-scan.ts, "Bytes"); saxes alone reads the decoded text.
  // Byte chunks of any size split multi-byte characters (é, ÿ, €, U+FEFF, U+E000 in values) and byte-order marks.
  it('on generated files as UTF-8 bytes, split into byte chunks of any size', async () => {
    await fc.assert(
      fc.asyncProperty(fileArb, sizesArb, async (xml, sizes) => {
        const [fast, saxes] = await both(new TextEncoder().encode(xml), sizes);
        expect(fast).toEqual(saxes);
      }),
      { numRuns: runs(400) },
    );
  });

  it('on mutated files as UTF-8 bytes, with bounds', async () => {
    await fc.assert(
      fc.asyncProperty(
        fileArb,
        fc.array(mutationArb, { minLength: 1, maxLength: 3 }),
        sizesArb,
        optionsArb,
        async (xml, mutations, sizes, options) => {
          const mutated = mutations.reduce(mutate, xml);
          const [fast, saxes] = await both(new TextEncoder().encode(mutated), sizes, options);
          expect(fast).toEqual(saxes);
        },
      ),
      { numRuns: runs(1500) },
    );
  });

  it('on files whose records share their layout, as UTF-8 bytes, mutated or not, split into byte chunks', async () => {
    await fc.assert(
      fc.asyncProperty(
        layoutFileArb,
        fc.array(mutationArb, { maxLength: 2 }),
        sizesArb,
        async (xml, mutations, sizes) => {
          const mutated = mutations.reduce(mutate, xml);
          const [fast, saxes] = await both(new TextEncoder().encode(mutated), sizes);
          expect(fast).toEqual(saxes);
        },
      ),
      { numRuns: runs(800) },
    );
  });

  it('on bytes mixed with text chunks', async () => {
    await fc.assert(
      fc.asyncProperty(fileArb, sizesArb, fc.array(fc.boolean(), { minLength: 1 }), async (xml, sizes, asText) => {
        const bytes = new TextEncoder().encode(xml);
        const chunks: Input[] = split(bytes, sizes).map((c, k) =>
          asText[k % asText.length] && c.every((b) => b < 0x80) ? String.fromCharCode(...c) : c,
        );
        const fast = await read(chunks, { parser: 'fast' });
        const saxes = await read(chunks, { parser: 'saxes' });
        expect(fast).toEqual(saxes);
      }),
      { numRuns: runs(200) },
    );
  });

  it('on mutated files (triggers inserted, bytes deleted or replaced, truncation, duplication, case flipped, slices swapped), with bounds', async () => {
    await fc.assert(
      fc.asyncProperty(
        fileArb,
        fc.array(mutationArb, { minLength: 1, maxLength: 3 }),
        sizesArb,
        optionsArb,
        async (xml, mutations, sizes, options) => {
          const mutated = mutations.reduce(mutate, xml);
          const [fast, saxes] = await both(mutated, sizes, options);
          expect(fast).toEqual(saxes);
        },
      ),
      { numRuns: runs(1500) },
    );
  });

  it('on bytes with invalid UTF-8 anywhere, split into byte chunks', async () => {
    await fc.assert(
      fc.asyncProperty(
        fileArb,
        fc.nat(),
        fc.constantFrom([0xff], [0xc3, 0x28], [0xe2, 0x82], [0xed, 0xa0, 0x80]),
        sizesArb,
        async (xml, at, bad, sizes) => {
          const bytes = new TextEncoder().encode(xml);
          const k = at % (bytes.length + 1);
          const input = new Uint8Array([...bytes.slice(0, k), ...bad, ...bytes.slice(k)]);
          // A byte-order mark first, or not (the scanner drops it before reading bytes).
          const [fast, saxes] = await both(input, sizes);
          expect(fast).toEqual(saxes);
          const marked = new Uint8Array([0xef, 0xbb, 0xbf, ...input]);
          const [fastMarked, saxesMarked] = await both(marked, sizes);
          expect(fastMarked).toEqual(saxesMarked);
        },
      ),
      { numRuns: runs(300) },
    );
  });

  it('on bytes with invalid UTF-8 inside a value or at the end, after records read as bytes', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(
          [0xff],
          [0xc3],
          [0xc3, 0x28],
          [0xe2, 0x82],
          [0xed, 0xa0, 0x80],
          [0xf0, 0x9f, 0x98, 0x80],
          [0xef, 0xbf, 0xbe],
        ),
        fc.constantFrom('', 'a', 'é', '&amp;', '\r\n'),
        fc.boolean(),
        sizesArb,
        async (bad, around, atEnd, sizes) => {
          const head = new TextEncoder().encode(
            '<?xml version="1.0"?>\n<DECRET>\n<DONNEE><TYPEV>1</TYPEV><AUTREDA>é</AUTREDA></DONNEE>\n<DONNEE><AUTREDA>' +
              around,
          );
          const tail = new TextEncoder().encode(atEnd ? '' : around + '</AUTREDA></DONNEE>\n</DECRET>\n');
          const input = new Uint8Array([...head, ...bad, ...tail]);
          const [fast, saxes] = await both(input, sizes);
          expect(fast).toEqual(saxes);
        },
      ),
      { numRuns: runs(300) },
    );
  });

  it('on every trigger inserted at every position of a small file, whole and byte by byte', async () => {
    const xml =
      '<?xml version="1.0"?>\r\n<DECRET a="1">\n<DONNEE><TYPEV>1</TYPEV><SEXE />\n<AUTREDA>a&amp;b\r\nc</AUTREDA></DONNEE></DECRET>\n';
    // Each insertion once, read whole, byte by byte or in 3-character chunks, in turn.
    const chunkings = [[], [1], [3]] as const;
    let compared = 0;
    const pairs: [string, readonly number[]][] = [];
    TRIGGERS.forEach((text, t) => {
      for (let at = 0; at <= xml.length; at++) {
        const mutated = xml.slice(0, at) + text + xml.slice(at);
        pairs.push([mutated, chunkings[(at + t) % chunkings.length]!]);
      }
    });
    for (const [k, [mutated, sizes]] of pairs.entries()) {
      // Every other one as UTF-8 bytes (read as bytes by the scanner).
      const [fast, saxes] = await both(k % 2 === 0 ? mutated : new TextEncoder().encode(mutated), sizes);
      expect(fast, JSON.stringify(mutated)).toEqual(saxes);
      compared++;
    }
    expect(compared).toBe(TRIGGERS.length * (xml.length + 1));
  }, 600_000);

  it('reads a name that differs from the one at the same position in the record before (prefix, longer, other)', async () => {
    const donnee = (names: string[]): string =>
      `<DONNEE>${names.map((n, i) => (i % 2 === 0 ? `<${n}>${i}</${n}>` : `<${n} />`)).join('')}</DONNEE>`;
    const xml = `<DECRET>${[
      ['SEXE', 'TYPEV', 'NUMANONYM'],
      ['SEXE', 'TYPEV', 'NUMANONYM'],
      ['SEX', 'TYPEVX', 'NUMANONYMANT'],
      ['SEXE', 'TYPE', 'NUMANONYM', 'AUTREDA'],
      ['SEXE', 'TYPEV'],
      ['SEXE', 'TYPEV', 'NUMANONYM'],
    ]
      .map(donnee)
      .join('\n')}</DECRET>`;
    for (const sizes of [[], [1], [2], [5], [7], [13]]) {
      const [fast, saxes] = await both(xml, sizes);
      expect(fast).toEqual(saxes);
      const records = fast.filter((i) => i.type === 'record');
      expect(records.map((r) => (r.type === 'record' ? Object.keys(r.values).join(',') : ''))).toEqual([
        'SEXE,TYPEV,NUMANONYM',
        'SEXE,TYPEV,NUMANONYM',
        'SEX,TYPEVX,NUMANONYMANT',
        'SEXE,TYPE,NUMANONYM,AUTREDA',
        'SEXE,TYPEV',
        'SEXE,TYPEV,NUMANONYM',
      ]);
    }
  });

  it('locates errors the same before and after a hand-over', async () => {
    // A file with a comment after two records: both paths agree, including the records after the comment.
    const xml =
      '<?xml version="1.0" encoding="UTF-8"?>\n<DECRET>\n<INTRO><VERSIONXSD>2.0</VERSIONXSD></INTRO>\n' +
      '<DONNEE><TYPEV>1</TYPEV><SEXE>1</SEXE><SEXE>2</SEXE></DONNEE>\n' +
      '<DONNEE><TYPEV>2</TYPEV></DONNEE>\n<!-- a comment -->\n' +
      '<DONNEE><TYPEV>3</TYPEV><TYPEV>4</TYPEV></DONNEE>\n</DECRET>\n';
    const [fast, saxes] = await both(xml, []);
    expect(fast).toEqual(saxes);
    const duplicates = fast.filter((i) => i.type === 'error' && i.kind === 'duplicate-element');
    expect(duplicates.map((d) => (d.type === 'error' ? [d.line, d.column] : []))).toEqual([
      [4, 53],
      [7, 41],
    ]);
    expect(fast.filter((i) => i.type === 'record').length).toBe(3);
  });

  it("the scanner reads the usual layout itself (olinpe's writer, indented or not) and hands over on a comment", async () => {
    const records = [
      { TYPEV: '1', SEXE: '2', NUMANONYM: 'a'.repeat(40), AUTREDA: 'x < y & "z"' },
      { TYPEV: '2', SEXE: '1' },
    ];
    for (const allVariables of [false, true]) {
      const { text: xml } = await writeAll(records, { format: 'xml', dateExport: '2024-01-31', allVariables });
      for (const sizes of [[], [1], [64]]) {
        const parser = createXmlParser('fast');
        const names: string[] = [];
        parser.on('opentag', (tag) => names.push(tag.name));
        for (const part of split(xml, sizes)) parser.write(part);
        expect(parser.handedOver).toBe(false);
        parser.close();
        expect(parser.handedOver).toBe(false);
        expect(names.filter((n) => n === 'DONNEE').length).toBe(2);
        const [fast, saxes] = await both(xml, sizes);
        expect(fast).toEqual(saxes);
      }
      // As bytes: read as bytes to the end, in any chunks, and the same items as saxes alone.
      const bytes = new TextEncoder().encode(xml);
      for (const sizes of [[], [1], [64]]) {
        const parser = createXmlParser('fast');
        const names: string[] = [];
        parser.on('opentag', (tag) => names.push(tag.name));
        for (const part of split(bytes, sizes)) expect(parser.writeBytes(part)).toBeUndefined();
        expect(parser.readsBytes).toBe(true);
        // Kept: at most the whitespace after the root (it might be followed by more).
        const kept = new TextDecoder().decode(parser.endBytes());
        expect(kept.trim()).toBe('');
        parser.write(kept);
        parser.close();
        expect(parser.handedOver).toBe(false);
        expect(names.filter((n) => n === 'DONNEE').length).toBe(2);
        const [fast, saxes] = await both(bytes, sizes);
        expect(fast).toEqual(saxes);
      }
      const commented = xml.replace('</DONNEE>', '</DONNEE><!-- c -->');
      const parser = createXmlParser('fast');
      parser.write(commented);
      expect(parser.handedOver).toBe(true);
      // As bytes, the scanner stops at the comment and gives back the rest from there, for the text path.
      const byteParser = createXmlParser('fast');
      const rest = byteParser.writeBytes(new TextEncoder().encode(commented));
      expect(new TextDecoder().decode(rest).startsWith('<!-- c -->')).toBe(true);
      expect(byteParser.readsBytes).toBe(false);
    }
    expect(createXmlParser('saxes').handedOver).toBe(true);
  });
});

// The reader keeps no view on a chunk once it asks for the next one (chunks.ts, `allowChunkReuse`): the command line
// then reads a file into the same buffer again and again (src/cli/io.ts). Here every chunk given after the reader
// allowed it is overwritten as soon as the next one is asked for: a view kept on one (an unfinished token, a
// character cut in two, a value not yet made a string) would read `<` bytes instead and change the items. Chunks are
// Node Buffers, as the command line's are (their `slice` is a view, not a copy).
describe('the reader given the same memory again for each chunk', () => {
  const REUSE = Symbol.for('olinpe.reusePieces');

  async function readPieces(
    bytes: Uint8Array,
    sizes: readonly number[],
    options: ReadOptions,
    reuse: boolean,
  ): Promise<{ items: TransmissionItem[]; reused: boolean }> {
    const parts = split(bytes, sizes);
    const shared = Buffer.alloc(Math.max(1, ...parts.map((p) => p.length)));
    let reused = false;
    const input = {
      [REUSE]: () => {
        reused = reuse;
      },
      async *[Symbol.asyncIterator](): AsyncGenerator<Uint8Array> {
        let given: Uint8Array | undefined;
        for (const part of parts) {
          given?.fill(0x3c);
          given = undefined;
          if (reused) {
            shared.set(part);
            given = shared.subarray(0, part.length);
            yield given;
          } else yield Buffer.from(part);
        }
        given?.fill(0x3c);
      },
    };
    const items: TransmissionItem[] = [];
    for await (const item of readTransmission(input, options)) items.push(item);
    return { items, reused };
  }

  it('yields the same items as with a fresh chunk each time (XML as bytes or text, CSV), mutated or not', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.oneof(fileArb, layoutFileArb),
        fc.array(mutationArb, { maxLength: 2 }),
        sizesArb,
        fc.constantFrom('xml' as const, 'csv' as const, undefined),
        fc.constantFrom('fast' as const, 'saxes' as const),
        async (xml, mutations, sizes, format, parser) => {
          const bytes = new TextEncoder().encode(mutations.reduce(mutate, xml));
          const options: ReadOptions = { parser, ...(format ? { format } : {}) };
          const fresh = await readPieces(bytes, sizes, options, false);
          const reused = await readPieces(bytes, sizes, options, true);
          expect(reused.reused).toBe(true);
          expect(reused.items).toEqual(fresh.items);
        },
      ),
      { numRuns: runs(600) },
    );
  });
});
