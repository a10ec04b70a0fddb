import { describe, expect, it } from 'vitest';
import { readAll, readTransmission } from '../../src/transmission/index.js';
import type { ErrorItem } from '../../src/transmission/index.js';
import { cli } from '../support/cli.js';

const GOOD = '<DONNEE><TYPEV>1</TYPEV></DONNEE>\n';
const billionLaughs =
  '<?xml version="1.0"?>\n<!DOCTYPE DECRET [\n <!ENTITY lol "lol">\n' +
  Array.from({ length: 9 }, (_, i) => ` <!ENTITY lol${i + 1} "${`&lol${i === 0 ? '' : i};`.repeat(10)}">`).join('\n') +
  '\n]>\n<DECRET><DONNEE><AUTREDA>&lol9;</AUTREDA></DONNEE></DECRET>\n';

/** Broken inputs: each must end with a fatal or error item naming a line, exit code 2, no stack trace. */
const CORPUS: {
  name: string;
  input: () => string | Uint8Array;
  kind: ErrorItem['kind'];
  line: number;
  args?: string[];
}[] = [
  { name: 'truncated file', input: () => `<DECRET>\n${GOOD}<DONNEE><TYPEV>2</TY`, kind: 'truncated', line: 3 },
  { name: 'wrong root', input: () => '<?xml version="1.0"?>\n<ROOT>\n</ROOT>', kind: 'wrong-root', line: 2 },
  {
    name: 'binary bytes (NUL)',
    input: () => new Uint8Array([0x3c, 0x44, 0x45, 0x43, 0x52, 0x45, 0x54, 0x3e, 0x0a, 0x00, 0x01, 0x02]),
    kind: 'xml-syntax',
    line: 2,
  },
  {
    name: 'invalid UTF-8',
    input: () =>
      new Uint8Array([
        ...new TextEncoder().encode(`<DECRET>\n${GOOD}<DONNEE><AUTREDA>`),
        0xc3,
        0x28,
        ...new TextEncoder().encode('</AUTREDA></DONNEE></DECRET>'),
      ]),
    kind: 'encoding',
    line: 3,
  },
  { name: 'billion laughs', input: () => billionLaughs, kind: 'dtd', line: 13 },
  {
    name: 'unclosed tags',
    input: () => `<DECRET>\n<DONNEE>\n<SEXE>1\n</DONNEE>\n</DECRET>`,
    kind: 'xml-syntax',
    line: 4,
  },
  { name: '10,000-deep nesting', input: () => `<DECRET>\n${'<A>'.repeat(10_000)}`, kind: 'too-deep', line: 2 },
  { name: 'CSV with a wrong separator', input: () => 'TYPEV,SEXE\n1,2\n', kind: 'csv-separator', line: 1 },
  { name: 'CSV with ragged rows', input: () => 'TYPEV;SEXE\n1;2\n1;2;3\n2;1\n', kind: 'csv-ragged', line: 3 },
  { name: 'CSV with an unclosed quote', input: () => 'TYPEV;AUTREDA\n1;"abc\n2;x\n', kind: 'truncated', line: 2 },
];

describe('hostile and broken input: fails fast with a located error, exit 2, no stack trace', () => {
  for (const c of CORPUS) {
    it(c.name, async () => {
      const { items, summary } = await readAll(c.input());
      const errors = items.filter((i): i is ErrorItem => i.type === 'error' && i.severity !== 'warning');
      const error = errors.find((e) => e.severity === 'fatal') ?? errors[0];
      expect(error, JSON.stringify(items)).toBeDefined();
      expect(error).toMatchObject({ kind: c.kind, line: c.line });
      expect(error!.message.length).toBeGreaterThan(10);
      expect(summary.read).toBe(summary.valid + summary.withFindings);
      expect(summary.fatal || summary.unreadable > 0).toBe(true);
      const r = await cli(['convert', '-', '-', ...(c.args ?? [])], { stdin: c.input() });
      expect(r.code).toBe(2);
      expect(r.stderr).toContain(`<stdin>:${c.line}`);
      expect(r.stderr).not.toMatch(/\n\s+at /);
    });
  }

  it('a 50 MB text node stops at the size bound, without reading the rest', async () => {
    let produced = 0;
    async function* huge(): AsyncGenerator<string> {
      yield '<DECRET>\n<DONNEE>\n<AUTREDA>';
      for (let i = 0; i < 50; i++) {
        produced++;
        yield 'x'.repeat(1 << 20);
      }
      yield '</AUTREDA></DONNEE></DECRET>';
    }
    let fatal: ErrorItem | undefined;
    const reading = readTransmission(huge(), { format: 'xml' });
    for await (const item of reading) {
      if (item.type === 'error' && item.severity === 'fatal') fatal = item;
    }
    const summary = reading.summary;
    expect(fatal).toMatchObject({ kind: 'too-long', line: 3 });
    expect(produced).toBeLessThanOrEqual(1);
    expect(summary).toMatchObject({ fatal: true, unreadable: 1, read: 0 });
  });

  it('a huge CSV field stops at the size bound', async () => {
    const { items } = await readAll(`TYPEV;AUTREDA\n1;${'y'.repeat(200_000)}\n`);
    expect(items.find((i) => i.type === 'error')).toMatchObject({ kind: 'too-long', line: 2, severity: 'fatal' });
  });

  it('a record nested inside a variable is unreadable, the others are read, counts add up', async () => {
    const { records, summary, items } = await readAll(
      `<DECRET>\n${GOOD}<DONNEE><SEXE><B>1</B></SEXE></DONNEE>\n${GOOD}</DECRET>`,
    );
    expect(records).toHaveLength(2);
    expect(items.find((i) => i.type === 'error')).toMatchObject({ kind: 'nested-element', line: 3 });
    expect(summary).toMatchObject({ read: 2, unreadable: 1, fatal: false });
  });

  it('an element other than INTRO/DONNEE under DECRET is reported', async () => {
    const { items, summary } = await readAll(`<DECRET>\n<AUTRE>x</AUTRE>\n${GOOD}</DECRET>`);
    expect(items.find((i) => i.type === 'error')).toMatchObject({
      kind: 'unexpected-element',
      line: 2,
      variable: 'AUTRE',
    });
    expect(summary.read).toBe(1);
  });

  it('a DONNEE with too many children is unreadable', async () => {
    const { summary, items } = await readAll(
      `<DECRET><DONNEE>${Array.from({ length: 2000 }, (_, i) => `<X${i}/>`).join('')}</DONNEE></DECRET>`,
    );
    expect(items.find((i) => i.type === 'error')).toMatchObject({ kind: 'too-many-fields' });
    expect(summary).toMatchObject({ read: 0, unreadable: 1 });
  });

  it('an empty input is unreadable', async () => {
    const r = await cli(['convert', '-', '-', '--from', 'xml'], { stdin: '' });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('<stdin>:1');
  });
});
