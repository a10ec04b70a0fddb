/**
 * Streaming reader of the XML transmission file (`<DECRET>`, `<INTRO>`, one `<DONNEE>` per event), on top
 * of saxes. No DTD, no entity other than XML's five, bounded runs of text, bounded nesting and bounded
 * number of children per record: hostile input stops early with a located error. The usual layout is read
 * by a strict scanner that hands anything else to saxes (`fast-scan.ts`), unless `parser: 'saxes'`; given UTF-8 bytes
 * ({@link readXmlInput}), the scanner reads them as bytes as far as it can and the rest is decoded here.
 *
 * @module
 */
import type { SaxesTagPlain } from 'saxes';
import { DecodeError, detach } from './chunks.js';
import { copyBytes, createDecoder, isValidUtf8, type StreamDecoder, utf8Boundary } from './decode.js';
import { editionOfVersion } from './edition.js';
import { createXmlParser } from './fast-scan.js';
import { compiledVariables } from './fits.js';
import type { ValueCheck } from './fits.js';
import { editionNameSets } from './edition.js';
import { Tally } from './tally.js';
import { ValuesBuilder } from './values-builder.js';
import type {
  ErrorItem,
  HeaderItem,
  ReadOptions,
  ReadSummary,
  RecordItem,
  TransmissionItem,
  TransmissionStream,
} from './types.js';
import { summarised, type SummarisedStream, unbatched } from '../_lib/stream.js';

/**
 * A variable name as the reader meets it: its canonical string, its 2016 check, the last record it was seen in,
 * the editions it belongs to (1: 2016, 2: 2011).
 */
interface Slot {
  name: string;
  check: ValueCheck | undefined;
  seen: number;
  editions: number;
  /**
   * The last value `check` accepted (checks are pure: the same string passes again). Values repeat from record to
   * record (an empty one, a code, a date; the scanner shares short ones as the same string), and comparing a string
   * to it is cheaper than the check (a lookup in a set for a code): the reader's ~8 % in `check` before.
   */
  passed: string | undefined;
  /** Whether `check` accepts an empty value (most values of a file are empty: remembered from the start). */
  passesEmpty: boolean;
}

/** One slot per variable of either edition, fresh for each reading. */
function variableSlots(): Map<string, Slot> {
  const checks = compiledVariables('2016');
  const { in2016, in2011 } = editionNameSets();
  const slots = new Map<string, Slot>();
  for (const name of new Set([...in2016, ...in2011]))
    slots.set(name, {
      name,
      check: checks.get(name)?.check,
      seen: 0,
      editions: (in2016.has(name) ? IN_2016 : 0) | (in2011.has(name) ? IN_2011 : 0),
      passed: undefined,
      passesEmpty: checks.get(name)?.check('') ?? false,
    });
  return slots;
}

/** Whether the slot's check accepts `value` (remembered when it does). */
function passes(slot: Slot, value: string): boolean {
  if (!slot.check!(value)) return false;
  slot.passed = value;
  return true;
}

const IN_2016 = 1;
const IN_2011 = 2;

const DEFAULT_MAX_TOKEN = 65_536;
const DEFAULT_MAX_FIELDS = 1_000;
const DEFAULT_MAX_DEPTH = 16;
/** Large text chunks are fed to the parser in slices of this size, so items come out regularly. */
const SLICE = 1 << 18;

class Stop extends Error {}

const NO_BYTES = new Uint8Array(0);
/** The UTF-8 byte-order mark. */
const BOM = [0xef, 0xbb, 0xbf];

/** Message of a saxes error without its "line:column: " prefix. */
function saxesMessage(error: unknown): string {
  const text = error instanceof Error ? error.message : String(error);
  return text.replace(/^[^:]*:?\d+:\d+: /, '');
}

/**
 * Reads an XML transmission file from decoded text chunks. Yields a header, records and errors; the stream's
 * `summary` is set once it has been read to the end. Never throws on bad input.
 *
 * @example
 * const reading = readXml(textChunks('<DECRET><DONNEE><SEXE>1</SEXE></DONNEE></DECRET>'));
 * for await (const item of reading) item.type; // "header", "record"
 * reading.summary?.read; // 1
 */
export function readXml(chunks: AsyncIterable<string>, options: ReadOptions = {}): TransmissionStream {
  return unbatched(readXmlBatches(chunks, options));
}

/** {@link readXml} in batches: the items of each slice of input (see `unbatched` in _lib/stream.ts). */
export function readXmlBatches(
  chunks: AsyncIterable<string>,
  options: ReadOptions = {},
): SummarisedStream<TransmissionItem[], ReadSummary> {
  return summarised((end) => xmlBatches(chunks, options, end, false));
}

/**
 * {@link readXmlBatches} from the input's own chunks, UTF-8 bytes (read as bytes by the scanner as far as it can, see
 * fast-scan.ts) or text, decoded as `textChunks` decodes them (byte-order mark dropped, invalid UTF-8 located).
 */
export function readXmlInput(
  chunks: AsyncIterable<unknown>,
  options: ReadOptions = {},
): SummarisedStream<TransmissionItem[], ReadSummary> {
  return summarised((end) => xmlBatches(chunks, options, end, true));
}

/** The items of the reading, in batches: those of each slice of input (see `unbatched` in _lib/stream.ts). */
async function* xmlBatches(
  chunks: AsyncIterable<unknown>,
  options: ReadOptions,
  end: (summary: ReadSummary) => void,
  input: boolean,
): AsyncGenerator<TransmissionItem[], void, undefined> {
  const maxToken = options.maxTokenLength ?? DEFAULT_MAX_TOKEN;
  const maxFields = options.maxFieldsPerRecord ?? DEFAULT_MAX_FIELDS;
  const maxDepth = options.maxDepth ?? DEFAULT_MAX_DEPTH;
  // Without the model check, `fits2016` only says that every name is a 2016 variable: values are not looked at.
  const checkValues = options.checkModel !== false;
  const tally = new Tally('xml', options);
  // The usual layout is read by a strict scanner that hands anything else to saxes (see fast-scan.ts).
  const parser = createXmlParser(options.parser, maxToken);
  const queue: TransmissionItem[] = [];

  // Parsing state.
  let depth = 0;
  let section: 'none' | 'intro' | 'donnee' | 'skip' = 'none';
  let headerSent = false;
  let versionXsd: string | undefined;
  let dateExport: string | undefined;
  let introLine = 1;
  let field: string | undefined; // the variable element being read (depth 3)
  let text = '';
  // The names and texts of the record being read, in file order: `count` of them. The arrays are kept from one
  // record to the next (a record's ~100 values would otherwise grow two fresh arrays each time: most of the
  // reader's garbage); the values builder and the tally read them and keep neither.
  const names: string[] = [];
  const texts: string[] = [];
  let count = 0;
  let editionsOfAll = IN_2016 | IN_2011; // the editions every variable of the record so far belongs to
  let others: Set<string> | undefined; // names met in this record that are no variable of either edition
  let recordNo = 0;
  let fits2016 = true; // every name so far a 2016 variable, every value fitting it
  const slots = variableSlots();
  /**
   * The slot met at each position of the previous record (records of a file share their layout); where it is set,
   * `names` holds its name at that position, so that a record in the same layout writes neither array again (storing
   * an object in an array is not free: ~105 stores a record). Undefined where a name that is no variable was kept.
   */
  const lastSlots: (Slot | undefined)[] = [];
  let fieldCount = 0;
  let recordLine = 0;
  let structural = false;
  let broken = false; // the current DONNEE cannot be turned into a record
  let declaredEncoding: string | undefined;

  const builder = new ValuesBuilder();

  const fail = (item: ErrorItem): never => {
    queue.push(item);
    throw new Stop();
  };
  const line = (): number => parser.line;
  const column = (): number => parser.column + 1;

  const sendHeader = (): void => {
    if (headerSent) return;
    headerSent = true;
    tally.hint = editionOfVersion(versionXsd);
    tally.versionXsd = versionXsd;
    const header: HeaderItem = {
      type: 'header',
      format: 'xml',
      edition: options.edition ?? tally.hint ?? '2016',
      line: introLine,
    };
    if (versionXsd !== undefined) header.versionXsd = versionXsd;
    if (dateExport !== undefined) header.dateExport = dateExport;
    queue.push(header);
  };

  parser.on('xmldecl', (decl) => {
    declaredEncoding = decl.encoding;
  });
  parser.on('doctype', () => {
    fail(
      tally.error(
        'dtd',
        'fatal',
        line(),
        column(),
        'Déclaration DOCTYPE refusée : un fichier de transmission ne contient ni DTD ni entité (protection contre les entités malveillantes).',
        'DOCTYPE declaration refused: a transmission file has no DTD and no entity (protection against malicious entities).',
      ),
    );
  });
  parser.on('opentag', (tag: SaxesTagPlain) => {
    depth++;
    const name = tag.name;
    if (depth > maxDepth) {
      fail(
        tally.error(
          'too-deep',
          'fatal',
          line(),
          column(),
          `Imbrication de plus de ${maxDepth} éléments : ce n'est pas un fichier de transmission.`,
          `More than ${maxDepth} nested elements: this is not a transmission file.`,
        ),
      );
    }
    if (depth === 1) {
      if (name !== 'DECRET') {
        fail(
          tally.error(
            'wrong-root',
            'fatal',
            line(),
            column(),
            `L'élément racine est <${name}> ; attendu <DECRET>.`,
            `The root element is <${name}>; expected <DECRET>.`,
            { variable: name },
          ),
        );
      }
      return;
    }
    if (depth === 2) {
      if (name === 'DONNEE') {
        sendHeader();
        section = 'donnee';
        count = 0;
        editionsOfAll = IN_2016 | IN_2011;
        others = undefined;
        recordNo++;
        fits2016 = true;
        fieldCount = 0;
        recordLine = line();
        structural = false;
        broken = false;
      } else if (name === 'INTRO' && !headerSent) {
        section = 'intro';
        introLine = line();
      } else {
        section = 'skip';
        queue.push(
          tally.error(
            'unexpected-element',
            'error',
            line(),
            column(),
            `Élément <${name}> inattendu sous <DECRET> (attendu <INTRO> puis <DONNEE>) : ignoré.`,
            `Unexpected element <${name}> under <DECRET> (expected <INTRO> then <DONNEE>): ignored.`,
            { variable: name },
          ),
        );
      }
      return;
    }
    if (depth === 3) {
      if (section === 'donnee') {
        fieldCount++;
        if (fieldCount > maxFields) {
          if (!broken) {
            queue.push(
              tally.error(
                'too-many-fields',
                'error',
                line(),
                column(),
                `Plus de ${maxFields} éléments dans ce <DONNEE> : enregistrement illisible.`,
                `More than ${maxFields} elements in this <DONNEE>: unreadable record.`,
              ),
            );
          }
          broken = true;
        }
      }
      field = name;
      text = '';
      return;
    }
    // depth >= 4: nothing should be nested in a variable.
    if (section === 'donnee' && !broken) {
      broken = true;
      queue.push(
        tally.error(
          'nested-element',
          'error',
          line(),
          column(),
          `Élément <${name}> imbriqué dans <${field ?? ''}> : une variable ne contient que du texte ; enregistrement illisible.`,
          `Element <${name}> nested in <${field ?? ''}>: a variable holds text only; unreadable record.`,
          { variable: field ?? name },
        ),
      );
    }
  });
  // Keeps a record's variable: the one step shared by the scanner's whole element and by closetag. `value` is a
  // string of its own (`detach`ed, or made by the scanner from bytes: see `FieldHandler`).
  const keep = (slot: Slot, value: string): void => {
    slot.seen = recordNo;
    if (lastSlots[count] !== slot) {
      lastSlots[count] = slot;
      names[count] = slot.name;
    }
    texts[count] = value;
    count++;
    editionsOfAll &= slot.editions;
    if (
      fits2016 &&
      (slot.check === undefined ||
        (checkValues && (value.length === 0 ? !slot.passesEmpty : value !== slot.passed && !passes(slot, value))))
    )
      fits2016 = false;
  };
  // A third-level element the scanner read whole (fast-scan.ts, `FieldHandler`): the usual variable of a record,
  // taken as opentag, text and closetag would take it; anything else (an error, a duplicate, a name that is no
  // variable, outside a record) is left to them, nothing changed.
  parser.onField(
    (name, value) => {
      if (section !== 'donnee' || broken || depth !== 2 || depth + 1 > maxDepth || fieldCount + 1 > maxFields)
        return false;
      const expected = lastSlots[count];
      const slot = expected !== undefined && expected.name === name ? expected : slots.get(name);
      if (slot === undefined || slot.seen === recordNo) return false;
      fieldCount++;
      keep(slot, value);
      return true;
      // The scanner's names of variables are the slots' own strings: `expected.name === name` is then an identity.
    },
    (name) => slots.get(name)?.name ?? name,
  );
  const onText = (t: string): void => {
    if (depth === 3 && field !== undefined) text += t;
  };
  parser.on('text', onText);
  parser.on('cdata', onText);
  parser.on('closetag', () => {
    if (depth === 3 && field !== undefined) {
      if (section === 'intro') {
        if (field === 'VERSIONXSD') versionXsd = detach(text);
        else if (field === 'DATEXPORT') dateExport = detach(text);
      } else if (section === 'donnee' && !broken) {
        // Names are looked up once: the variable's own (internalized) name string, its 2016 check, and
        // the number of the record it was last seen in (duplicates) come together.
        // The variable at this position in the previous record is nearly always the one here: a string
        // comparison is cheaper than hashing the parser's fresh name for the map.
        const expected = lastSlots[count];
        const slot = expected !== undefined && expected.name === field ? expected : slots.get(field);
        let duplicate: boolean;
        if (slot !== undefined) {
          duplicate = slot.seen === recordNo;
          if (!duplicate) keep(slot, detach(text));
        } else {
          others ??= new Set<string>();
          duplicate = others.has(field);
          if (!duplicate) {
            others.add(field);
            lastSlots[count] = undefined;
            names[count] = detach(field);
            texts[count] = detach(text);
            count++;
            editionsOfAll = 0;
            fits2016 = false;
          }
        }
        if (duplicate) {
          structural = true;
          queue.push(
            tally.error(
              'duplicate-element',
              'error',
              line(),
              column(),
              `<${field}> apparaît deux fois dans le même <DONNEE> : la première valeur est gardée.`,
              `<${field}> appears twice in the same <DONNEE>: the first value is kept.`,
              { variable: field, recordIndex: tally.read },
            ),
          );
        }
      }
      field = undefined;
    } else if (depth === 2) {
      if (section === 'intro') sendHeader();
      else if (section === 'donnee') {
        if (broken) tally.unreadable++;
        else {
          // A record with fewer values than the one before: the arrays' length follows (rare; keeps their room
          // otherwise).
          if (names.length !== count) {
            names.length = count;
            texts.length = count;
            lastSlots.length = count;
          }
          tally.recordValues(
            builder.build(names, texts, others === undefined),
            names,
            recordLine,
            structural,
            queue as (ErrorItem | RecordItem)[],
            fits2016,
            editionsOfAll & IN_2016 ? '2016' : editionsOfAll & IN_2011 ? '2011' : undefined,
          );
        }
      }
      section = 'none';
    }
    depth--;
  });

  // Guard: longest run of characters without markup (`<` or `>`), carried across chunks.
  let run = 0;
  const half = Math.max(1, maxToken >> 1);
  const markupAt = (chunk: string, from: number): number => {
    const lt = chunk.indexOf('<', from);
    const gt = chunk.indexOf('>', from);
    return lt < 0 ? gt : gt < 0 ? lt : Math.min(lt, gt);
  };
  /** Exact scan: finds where a run exceeds the bound, or -1; updates `run`. */
  const exactScan = (chunk: string): number => {
    let i = 0;
    for (;;) {
      const m = markupAt(chunk, i);
      const next = m < 0 ? chunk.length : m;
      if (run + (next - i) > maxToken) return i + (maxToken - run);
      if (m < 0) {
        run += chunk.length - i;
        return -1;
      }
      run = 0;
      i = m + 1;
    }
  };
  /**
   * Fast check: every window of `half` characters between the first and the last markup character holds
   * one, so no run inside can exceed `maxToken`; only the edges are measured. Falls back to the exact scan.
   */
  const tooLongAt = (chunk: string): number => {
    const first = markupAt(chunk, 0);
    if (first < 0 || run + first > maxToken) return exactScan(chunk);
    const last = Math.max(chunk.lastIndexOf('<'), chunk.lastIndexOf('>'));
    for (let k = first + 1; k < last; k += half) {
      const m = markupAt(chunk, k);
      if (m < 0 || m >= k + half) return exactScan(chunk);
    }
    // The run at the end may be too long already: found here (where it is), not in the next chunk.
    if (chunk.length - last - 1 > maxToken) return exactScan(chunk);
    run = chunk.length - last - 1;
    return -1;
  };
  const feed = (chunk: string): void => {
    const at = tooLongAt(chunk);
    if (at >= 0) {
      parser.write(chunk.slice(0, at));
      fail(
        tally.error(
          'too-long',
          'fatal',
          line(),
          column(),
          `Plus de ${maxToken} caractères sans balise : texte ou nom démesuré, lecture arrêtée.`,
          `More than ${maxToken} characters without markup: oversized text or name, reading stopped.`,
        ),
      );
    }
    parser.write(chunk);
  };

  const failSyntax = (error: unknown, atEnd: boolean): void => {
    const message = saxesMessage(error);
    const empty = atEnd && depth === 0 && !headerSent && tally.read === 0;
    queue.push(
      tally.error(
        empty ? 'empty' : atEnd ? 'truncated' : 'xml-syntax',
        'fatal',
        line(),
        column(),
        empty
          ? `Fichier vide ou sans élément <DECRET> (${message}).`
          : atEnd
            ? `Fichier tronqué : ${message}`
            : `XML mal formé : ${message}`,
        empty
          ? `Empty file or no <DECRET> element (${message}).`
          : atEnd
            ? `Truncated file: ${message}`
            : `Malformed XML: ${message}`,
      ),
    );
  };

  // Byte chunks (UTF-8) are read as bytes by the scanner (fast-scan.ts, "Bytes") as long as it can; what it does not
  // read is decoded here, as `textChunks` would have decoded it, and read as text. Text chunks are read as text.
  let decoder: StreamDecoder | undefined;
  let carry: Uint8Array = NO_BYTES; // an unfinished character at the end of the bytes so far
  let bomHead: Uint8Array = NO_BYTES; // the first bytes while they may be a byte-order mark
  let first = true; // no text yet: a byte-order mark at the start of the first text is dropped (as `textChunks` does)
  const decodeBytes = (bytes: Uint8Array): string => (decoder ??= createDecoder('utf-8')).decode(bytes);
  const write = (chunk: string): void => {
    try {
      feed(chunk);
    } catch (e) {
      if (e instanceof Stop) throw e;
      failSyntax(e, false);
      throw new Stop();
    }
  };

  const concatBytes = (a: Uint8Array, b: Uint8Array): Uint8Array => {
    if (a.length === 0) return b;
    const all = new Uint8Array(a.length + b.length);
    all.set(a, 0);
    all.set(b, a.length);
    return all;
  };

  let atEnd = false;
  try {
    for await (const raw of chunks) {
      if (typeof raw !== 'string' && !(raw instanceof Uint8Array))
        throw new TypeError('transmission input chunks must be strings or Uint8Array');
      let chunk: string;
      if (typeof raw !== 'string') {
        let bytes = raw;
        if (first) {
          // A byte-order mark first is dropped, as `textChunks` drops it from the first text. (One difference, for
          // an input mixing bytes and text only: first bytes that are the start of another character, then a text
          // chunk starting with U+FEFF; `textChunks` would drop that one, which is kept here.)
          const head = concatBytes(bomHead, raw);
          let k = 0;
          while (k < 3 && k < head.length && head[k] === BOM[k]) k++;
          if (k === head.length && k < 3) {
            bomHead = copyBytes(head);
            continue;
          }
          first = false;
          bomHead = NO_BYTES;
          bytes = k === 3 ? head.subarray(3) : head;
        }
        let rest: Uint8Array | undefined;
        if (parser.readsBytes) {
          // Bytes are read only from a chunk that is valid UTF-8: as `textChunks`, a chunk with invalid bytes is
          // decoded before any of it is read (the error then comes before anything its text would stop on).
          const all = concatBytes(carry, bytes);
          const cut = utf8Boundary(all);
          if (!isValidUtf8(all.subarray(0, cut))) rest = concatBytes(parser.endBytes(), bytes);
          else carry = copyBytes(all, cut);
        } else rest = bytes;
        for (let start = 0; start < bytes.length && rest === undefined; start += SLICE) {
          const end = Math.min(bytes.length, start + SLICE);
          try {
            rest = parser.writeBytes(bytes.length <= SLICE ? bytes : bytes.subarray(start, end));
          } catch (e) {
            if (e instanceof Stop) throw e;
            failSyntax(e, false);
            throw new Stop();
          }
          // What was not read as bytes is decoded with the rest of the chunk, at once (as `textChunks` decodes it).
          if (rest !== undefined && end < bytes.length) rest = concatBytes(rest, bytes.subarray(end));
          if (queue.length > 0) yield queue.splice(0);
        }
        if (rest === undefined) continue;
        chunk = decodeBytes(rest);
      } else {
        if (bomHead.length > 0) {
          // The start of a byte-order mark, then text: the decoder keeps the unfinished character.
          decodeBytes(bomHead);
          bomHead = NO_BYTES;
        }
        if (parser.readsBytes) {
          const kept = parser.endBytes();
          if (kept.length > 0) {
            const before = decodeBytes(kept);
            if (before.length > 0) {
              first = false;
              write(before);
            }
          }
        }
        chunk = input && first && raw.charCodeAt(0) === 0xfeff ? raw.slice(1) : raw;
        if (raw.length > 0) first = false;
      }
      for (let start = 0; start < chunk.length; start += SLICE) {
        write(chunk.length <= SLICE ? chunk : chunk.slice(start, start + SLICE));
        if (queue.length > 0) yield queue.splice(0);
      }
    }
    if (bomHead.length > 0) decodeBytes(bomHead);
    if (parser.readsBytes) {
      const kept = parser.endBytes();
      if (kept.length > 0) write(decodeBytes(kept));
    }
    if (decoder !== undefined) {
      const tail = decoder.end();
      if (tail.length > 0) write(tail);
    }
    atEnd = true;
    try {
      parser.close();
    } catch (e) {
      if (e instanceof Stop) throw e;
      failSyntax(e, true);
      throw new Stop();
    }
    if (!headerSent) sendHeader();
  } catch (e) {
    if (e instanceof DecodeError) {
      try {
        if (e.before) feed(e.before);
      } catch {
        // the position reached is what matters
      }
      const declared = declaredEncoding?.trim();
      queue.push(
        e.refused !== undefined
          ? tally.error(
              'encoding',
              'fatal',
              1,
              undefined,
              `Encodage déclaré « ${e.refused} » non pris en charge : olinpe lit l'UTF-8, l'ISO-8859-1 et le windows-1252.`,
              `Declared encoding "${e.refused}" is not supported: olinpe reads UTF-8, ISO-8859-1 and windows-1252.`,
            )
          : tally.error(
              'encoding',
              'fatal',
              line(),
              column(),
              `Ligne ${line()} : octets qui ne sont pas de l'UTF-8${declared ? ` (le fichier déclare ${declared})` : ''}. Si le fichier est en Latin-1 ou Windows-1252, déclarez-le dans son en-tête (<?xml version="1.0" encoding="ISO-8859-1"?>) ou indiquez-le : --encoding latin1 (ou windows-1252).`,
              `Line ${line()}: bytes that are not UTF-8${declared ? ` (the file declares ${declared})` : ''}. If the file is Latin-1 or Windows-1252, declare it in its header (<?xml version="1.0" encoding="ISO-8859-1"?>) or say so: --encoding latin1 (or windows-1252).`,
            ),
      );
    } else if (!(e instanceof Stop)) {
      throw e;
    }
    // What was being read is lost: an open record, or the rest of the input when it was not at its end.
    if ((section as string) === 'donnee' || !atEnd) tally.unreadable++;
  }
  if (queue.length > 0) yield queue.splice(0);
  end(tally.summary());
}
