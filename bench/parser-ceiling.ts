/**
 * How fast can reading plus all rules go with a well-kept streaming XML parser? Measures, on one bench file, in one
 * run and one process:
 *
 * - two floors no reader can go under: decoding the bytes alone (TextDecoder) and the cheapest conceivable pass
 *   over the text (`indexOf('<')` from tag to tag, nothing built);
 * - the raw tokenising of each streaming parser available: saxes (our dependency) always; htmlparser2 (its bare
 *   `Tokenizer` and its `Parser` in XML mode), ltx's own SAX parser and sax-wasm when they are installed, which
 *   they are not by default: `npm i --no-save htmlparser2 ltx sax-wasm` first. Every handler only counts;
 * - the rules alone (`validateRecords` on records already in memory, the first RULE_RECORDS of the file);
 * - for each parser, the best reading plus all rules could ever do with it: 1 / (1/parser + 1/rules), which
 *   leaves out the cost of building the records (the real reader's figure is lower still).
 *
 * The same file is also measured without its indentation (whitespace between elements removed), to show what the
 * layout costs. Usage:
 *
 *   npm i --no-save htmlparser2 ltx sax-wasm   # optional: without them, saxes and the floors only
 *   npx tsx bench/parser-ceiling.ts [events=100000]
 *
 * Not part of `npm run bench` (it needs packages the project does not depend on); its figures are quoted in
 * docs/guides/transmission.md.
 */
import { createReadStream, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { SaxesParser } from 'saxes';
import { validateRecords } from '../src/rules/index.js';
import type { RecordValues } from '../src/rules/index.js';
import { readTransmission, writeTransmissionBytes } from '../src/transmission/index.js';
import { events, pool, POOL, writeFile } from './transmission-file.js';

const EVENTS = Number(process.argv[2] ?? 100_000);
const YEAR = 2023;
const CHUNK = 1 << 18;
const RULE_RECORDS = Math.min(EVENTS, 50_000);
const ROUNDS = 2;

type Pass = (path: string) => Promise<number>;

async function* texts(path: string): AsyncGenerator<string> {
  const decoder = new TextDecoder('utf-8', { fatal: true });
  for await (const chunk of createReadStream(path, { highWaterMark: CHUNK }))
    yield decoder.decode(chunk as Buffer, { stream: true });
}

/** Loads an optional package, or undefined when it is not installed. */
async function optional(name: string): Promise<Record<string, unknown> | undefined> {
  try {
    return (await import(name)) as Record<string, unknown>;
  } catch {
    return undefined;
  }
}

/** The passes to time, by name: each returns the number of `<DONNEE>` opened. */
async function passes(): Promise<Map<string, Pass>> {
  const list = new Map<string, Pass>();
  list.set('floor: decoding alone (TextDecoder)', async (path) => {
    let n = 0;
    for await (const t of texts(path)) n += t.length > 0 ? 0 : 1;
    return n;
  });
  list.set("floor: indexOf('<') from tag to tag", async (path) => {
    let n = 0;
    for await (const t of texts(path)) {
      for (let i = t.indexOf('<'); i >= 0; i = t.indexOf('<', i + 1))
        if (t.charCodeAt(i + 1) === 68 && t.startsWith('<DONNEE>', i)) n++;
    }
    return n;
  });
  list.set('saxes 6 (our dependency)', async (path) => {
    let n = 0;
    const p = new SaxesParser({ position: true, xmlns: false });
    p.on('opentag', (tag) => {
      if (tag.name === 'DONNEE') n++;
    });
    p.on('text', () => undefined);
    p.on('closetag', () => undefined);
    for await (const t of texts(path)) p.write(t);
    p.close();
    return n;
  });
  const h = await optional('htmlparser2');
  if (h) {
    type TokenizerCtor = new (o: object, cbs: object) => { write(s: string): void; end(): void };
    type ParserCtor = new (cbs: object, o: object) => { write(s: string): void; end(): void };
    const Tokenizer = h.Tokenizer as TokenizerCtor;
    const Parser = h.Parser as ParserCtor;
    list.set('htmlparser2 Tokenizer (bare, no checks)', async (path) => {
      let n = 0;
      let chunk = '';
      let base = 0;
      const noop = (): void => undefined;
      const t = new Tokenizer(
        { xmlMode: true, decodeEntities: true },
        {
          onattribdata: noop,
          onattribentity: noop,
          onattribend: noop,
          onattribname: noop,
          oncdata: noop,
          onclosetag: noop,
          oncomment: noop,
          ondeclaration: noop,
          onend: noop,
          onopentagend: noop,
          onprocessinginstruction: noop,
          onselfclosingtag: noop,
          ontext: noop,
          ontextentity: noop,
          onopentagname: (s: number, e: number) => {
            if (e - s === 6 && chunk.startsWith('DONNEE', s - base)) n++;
          },
        },
      );
      // The tokenizer reports offsets in the whole stream; only the current chunk is kept, so a name cut by a chunk
      // boundary may be missed (a few per file at most): the count is checked within 1%.
      for await (const s of texts(path)) {
        chunk = s;
        t.write(s);
        base += s.length;
      }
      t.end();
      return n;
    });
    list.set('htmlparser2 Parser (xmlMode)', async (path) => {
      let n = 0;
      const p = new Parser(
        {
          onopentagname: (name: string) => (name === 'DONNEE' ? n++ : 0),
          ontext: () => undefined,
          onclosetag: () => undefined,
        },
        { xmlMode: true },
      );
      for await (const t of texts(path)) p.write(t);
      p.end();
      return n;
    });
  }
  const ltx = await optional('ltx/src/parsers/ltx.js');
  if (ltx) {
    type Ltx = new () => { on(e: string, f: (...a: unknown[]) => void): void; write(s: string): void; end(): void };
    const SaxLtx = ltx.default as Ltx;
    list.set("ltx's SAX parser (not fully XML-conformant)", async (path) => {
      let n = 0;
      const p = new SaxLtx();
      p.on('startElement', (name) => (name === 'DONNEE' ? n++ : 0));
      p.on('endElement', () => undefined);
      p.on('text', () => undefined);
      for await (const t of texts(path)) p.write(t);
      p.end();
      return n;
    });
  }
  const wasm = await optional('sax-wasm');
  if (wasm) {
    type Tag = { name: string; textNodes: { value: string }[] };
    type SaxWasm = new (
      events: number,
    ) => {
      prepareWasm(b: Uint8Array): Promise<boolean>;
      eventHandler: (e: number, tag: Tag) => void;
      write(b: Uint8Array): void;
      end(): void;
    };
    const SAXParser = wasm.SAXParser as SaxWasm;
    const closeTag = (wasm.SaxEventType as Record<string, number>).CloseTag!;
    const binary = readFileSync(createRequire(import.meta.url).resolve('sax-wasm/lib/sax-wasm.wasm'));
    list.set('sax-wasm (close tags with their text)', async (path) => {
      let n = 0;
      const p = new SAXParser(closeTag);
      await p.prepareWasm(binary);
      p.eventHandler = (_e, tag) => {
        if (tag.name === 'DONNEE') n++;
        else if (tag.textNodes.length > 0) void tag.textNodes[0]!.value;
      };
      for await (const b of createReadStream(path, { highWaterMark: CHUNK })) p.write(b as Buffer);
      p.end();
      return n;
    });
  }
  return list;
}

async function best(pass: Pass, path: string): Promise<{ seconds: number; count: number }> {
  let seconds = Infinity;
  let count = 0;
  for (let r = 0; r < ROUNDS; r++) {
    const t0 = performance.now();
    count = await pass(path);
    seconds = Math.min(seconds, (performance.now() - t0) / 1000);
  }
  return { seconds, count };
}

/** Microseconds per record of the rules alone, on the file's first RULE_RECORDS records held in memory. */
async function rulesMicros(path: string): Promise<number> {
  const records: { values: RecordValues; line: number; index: number }[] = [];
  for await (const item of readTransmission(createReadStream(path, { highWaterMark: CHUNK }), { format: 'xml' })) {
    if (item.type === 'record' && records.length < RULE_RECORDS)
      records.push({ values: item.values, line: item.line, index: item.index });
  }
  let micros = Infinity;
  for (let r = 0; r < ROUNDS + 1; r++) {
    const t0 = performance.now();
    const run = validateRecords(records, { referenceYear: YEAR, exportDate: `${YEAR + 1}-01-31` });
    let next = await run.next();
    while (!next.done) next = await run.next();
    micros = Math.min(micros, ((performance.now() - t0) * 1000) / records.length);
  }
  return micros;
}

const dir = mkdtempSync(join(tmpdir(), 'olinpe-ceiling-'));
try {
  const indented = join(dir, 'bench.xml');
  const compact = join(dir, 'compact.xml');
  const lines = pool(Math.min(EVENTS, POOL), YEAR);
  await writeFile(
    indented,
    writeTransmissionBytes(events(lines, EVENTS), { dateExport: `${YEAR + 1}-01-31`, allVariables: true }),
  );
  writeFileSync(compact, readFileSync(indented, 'latin1').replace(/>\s+</g, '><'), 'latin1');
  const rules = await rulesMicros(indented);
  console.log(
    `load ${loadavg()
      .map((l) => l.toFixed(2))
      .join(' ')}, ${process.version}; ${EVENTS.toLocaleString('en-US')} events; best of ${ROUNDS} rounds`,
  );
  console.log(
    `rules alone (validateRecords, records in memory): ${rules.toFixed(2)} µs/record = ${Math.round(1e6 / rules).toLocaleString('en-US')} records/s`,
  );
  const list = await passes();
  for (const [label, path] of [
    ['indented (as the writer and most exports lay it out)', indented],
    ['compact (no whitespace between elements)', compact],
  ] as const) {
    const mb = statSync(path).size / 2 ** 20;
    console.log(`\n## ${label}: ${mb.toFixed(0)} MB, ${Math.round((mb * 2 ** 20) / EVENTS)} bytes/event`);
    console.log('| pass | MB/s | events/s | × saxes | reading + all rules at best (events/s) |');
    console.log('|---|---:|---:|---:|---:|');
    let saxes = 0;
    for (const [name, pass] of list) {
      const { seconds, count } = await best(pass, path);
      const floor = name.startsWith('floor');
      if (!floor && Math.abs(count - EVENTS) > EVENTS / 100)
        throw new Error(`${name}: counted ${count} events, expected ${EVENTS}`);
      if (name.startsWith('saxes')) saxes = seconds;
      const perEvent = (seconds * 1e6) / EVENTS;
      const ceiling = 1e6 / (perEvent + rules);
      const ratio = saxes > 0 ? (saxes / seconds).toFixed(2) : '';
      console.log(
        `| ${name} | ${(mb / seconds).toFixed(0)} | ${Math.round(EVENTS / seconds).toLocaleString('en-US')} | ${ratio} | ${Math.round(ceiling).toLocaleString('en-US')} |`,
      );
    }
  }
  console.log('\nThe last column leaves out building the records; the floor asked by issue 5 is 50,000 events/s.');
} finally {
  rmSync(dir, { recursive: true, force: true });
}
