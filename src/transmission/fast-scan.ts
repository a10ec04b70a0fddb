/**
 * The XML reader's only performance shortcut: a strict scanner for the usual layout of a transmission file,
 * which hands the rest of the input to saxes, from the exact position, at the first thing it does not handle.
 *
 * What it reads itself: an optional XML declaration written on one line (`version="1.0"`, optional
 * `encoding` and `standalone`, spaces only, also around `=`), the root element (attributes allowed, as in
 * `<DECRET xmlns:xsi="…" xsi:noNamespaceSchemaLocation="…">`, written with spaces and plain values), then
 * elements without attributes nested at most three deep, written `<NAME>` / `</NAME>` / `<NAME/>` with
 * ASCII names (spaces allowed before `>` or `/>` of an open tag), whitespace between them, and in the third level text of XML 1.0 characters of the Basic
 * Multilingual Plane with the five predefined entities and numeric character references.
 *
 * What it hands over (anything else, and anything doubtful): comments, CDATA, processing instructions,
 * DOCTYPE, attributes below the root, any other space inside a tag, non-ASCII or prefixed names, mismatched close
 * tags, a fourth level, text between elements of the first two levels, `>` in text, characters outside
 * the plane or not allowed in XML, an unknown or malformed entity, a declaration in any other form, an
 * empty root, content after the root, the end of input before the root closed, and any request for the
 * position outside an event (the reader asks for it to locate a bound or an encoding error).
 *
 * How the hand-over keeps results identical: the scanner only commits at the end of a declaration or a
 * tag, where saxes is between tokens with nothing buffered. At hand-over a fresh saxes is brought to the
 * same state by writing it, with no handler attached, the declaration and the tags that are open at that
 * point (and the root, opened and closed, if it has closed); the handlers are then attached and saxes
 * reads the input from the committed position. Lines and columns are shifted so that saxes reports the
 * position in the file. A write that ends inside a token keeps that rest for the next write; when the rest
 * has characters the scanner has not checked (a declaration, an entity), a throwaway primed saxes reads it
 * first, and if it fails the scanner hands over at once, so that an error comes in the same write as with
 * saxes alone. Until a hand-over, the scanner calls the same handlers with the same arguments, at the
 * same line and column, as saxes would (saxes's own counting: CR LF and CR are one line end, columns in
 * code points).
 *
 * One exception to "the same handlers": a third-level element read whole (`<NAME/>`, or `<NAME>text</NAME>` on one
 * line with plain text) is first offered to the reader's {@link FieldHandler} in one call; the reader takes it only
 * where the three events would do nothing else than store the value, and otherwise declines having changed
 * nothing, so that the three events follow exactly as above.
 *
 * Bytes: UTF-8 input (every reader entry point given bytes, unless the file declares another encoding or saxes alone
 * is asked for) is read by the same scanner from its bytes, without decoding the file: names are compared as bytes,
 * only values are made into strings (ASCII ones directly, short ones shared through a small cache; one holding a
 * multi-byte character through a strict `TextDecoder`, then checked as the text scanner checks characters). Anything
 * else stops it at the committed position, from where the reader decodes the rest as `textChunks` would have decoded
 * the input and the text scanner (then saxes) goes on: outside values only ASCII is read as bytes; invalid UTF-8, a
 * character outside the Basic Multilingual Plane, a byte-order mark anywhere but first (dropped, as `textChunks` does)
 * all go to the text path (the reader drops a byte-order mark first, as `textChunks` does). Columns count characters: the bytes that continue a multi-byte character are not counted.
 * The reader's bound on characters without markup is kept by stopping before any chunk holding a longer run of bytes
 * (bytes are never fewer than characters). Measured on a 50,000-event file: decoding the chunks and scanning the text
 * cost 0.4 s + 1.45 s CPU, reading the bytes ~0.6 s (the whole reading 3.3-4.0 s -> 1.7 s), as a byte is read
 * quicker than a character of the two-byte strings `TextDecoder` makes. Records of a file share their layout: the
 * whitespace and `<NAME` before each third-level element are remembered per position of a record and, where the same
 * bytes come again, taken at once, compared four bytes at a time (`Head`, `Pattern`); the byte scanner's share of
 * `validate` on a 200k-event file went from ~27 % to ~15 %.
 *
 * Records: inside a record, the elements that follow the layout of the record before (a remembered head, then `/>`,
 * `>` and a plain value with its close tag, or spaces before either) and that the field handler takes are read by
 * one loop of their own, which keeps the position, the line and the element's number in locals and does not go back
 * through the states between two of them. It commits after each element exactly as the general steps do; anything
 * else (no head, another byte, the end of the buffer, a value to check as text, an element the handler declines)
 * leaves the loop at the committed position, from where the general steps read the same bytes again. Measured on
 * the scanner alone over a 50k-event file in memory, interleaved with the version before: 0.785 of its CPU (median
 * of 10); `validate`'s reading alone on 200k events: 0.886. The loop is a method of its own (`recordBytes`), so that
 * the rare steps which send the general one back to the interpreter do not take it along.
 *
 * The guard: `test/transmission/fast-scan.test.ts`, a fast-check differential property. For generated
 * files and mutations of them (every hand-over trigger at every position, entities, CR LF, a byte-order
 * mark, truncation, bounds), split into chunks of every size, the reader with this scanner and the reader
 * with saxes alone (`parser: 'saxes'`) yield the same items (records, errors with kind, line and column,
 * summary). Any change here must keep it green; a disagreement is a bug of this file.
 *
 * @module
 */
import { SaxesParser } from 'saxes';
import type { CDataHandler, DoctypeHandler, SaxesTagPlain, TextHandler, XMLDecl, XMLDeclHandler } from 'saxes';
import { detach } from '../_lib/detach.js';
import { copyBytes, utf8Boundary } from './decode.js';

/** The events the reader listens to. */
interface Handlers {
  xmldecl: XMLDeclHandler;
  doctype: DoctypeHandler;
  opentag: (tag: SaxesTagPlain) => void;
  text: TextHandler;
  cdata: CDataHandler;
  closetag: (tag: SaxesTagPlain) => void;
}

/**
 * The reader's handler for a whole third-level element the scanner has read at once, `<NAME/>` or `<NAME>text</NAME>`
 * written on one line with plain text (no entity, no tab, no line end): it returns true when it took the element,
 * having done what `opentag`, `text` and `closetag` would have done; false when any of them would do more (an
 * error, a duplicate, a name it does not know), and then it must have changed nothing: the three events follow as
 * usual. The scanner only; saxes, from the start or after a hand-over, never calls it. `text` is a string of its own,
 * which holds no chunk of the input alive: made from bytes (a copy), or `detach`ed from the text read.
 */
export type FieldHandler = (name: string, text: string) => boolean;

/** The part of saxes's interface the reader uses; {@link createXmlParser} returns it. */
export interface XmlParser {
  on<N extends keyof Handlers>(name: N, handler: Handlers[N]): void;
  /**
   * Sets the {@link FieldHandler} (the scanner only), and optionally the string to use for a name met (the reader's
   * own string for a variable: it then recognises the name by identity, without comparing its characters).
   */
  onField(handler: FieldHandler, canonical?: (name: string) => string): void;
  write(chunk: string): void;
  /**
   * Reads UTF-8 bytes while {@link readsBytes}: returns undefined when it read them (keeping an unfinished token for
   * the next call), or the bytes from the position it reached, which the caller decodes and {@link write}s: from
   * then on the parser reads text.
   */
  writeBytes(chunk: Uint8Array): Uint8Array | undefined;
  /** Stops reading bytes: returns the bytes kept (an unfinished token), for the caller to decode and write. */
  endBytes(): Uint8Array;
  /** Whether {@link writeBytes} may read bytes (until the first text written, the first hand-over or stop). */
  readonly readsBytes: boolean;
  close(): void;
  /** 1-based line of the position reached (in an event: just after the tag). */
  readonly line: number;
  /** 0-based column of the position reached, in code points, as saxes counts it. */
  readonly column: number;
  /** Whether saxes reads the input (from the start with `saxes`, or since a hand-over). */
  readonly handedOver: boolean;
}

/** Which parser reads the XML: the scanner with saxes behind it (default), or saxes alone. */
export type XmlParserChoice = 'fast' | 'saxes';

/**
 * A parser for the XML reader: the strict scanner handing over to saxes (`fast`), or saxes from the first
 * character (`saxes`). Both call the handlers identically.
 *
 * @example
 * const parser = createXmlParser('fast');
 * parser.on('opentag', (tag) => tag.name);
 * parser.write('<DECRET><DONNEE><SEXE>1</SEXE></DONNEE></DECRET>');
 * parser.close();
 */
export function createXmlParser(choice: XmlParserChoice = 'fast', maxRun = 65_536): XmlParser {
  const parser = new FastScanner(maxRun);
  if (choice === 'saxes') parser.handOver();
  return parser;
}

const enum State {
  /** Nothing committed yet: a byte-order mark, a declaration, whitespace, the root. */
  Begin,
  /** After the declaration, before the root. */
  Prolog,
  /** Inside the root or a second-level element: whitespace and tags. */
  Content,
  /** Inside a third-level element: text then its close tag. */
  Field,
  /** After the root. */
  Epilog,
}

const LT = 0x3c;
const GT = 0x3e;
const AMP = 0x26;
const SLASH = 0x2f;
const SPACE = 0x20;
const TAB = 0x09;
const NL = 0x0a;
const CR = 0x0d;

/** ASCII name characters: 1 for a start character (letter, `_`), 2 for the others (digit, `-`, `.`). */
const NAME = new Uint8Array(128);
for (let c = 0; c < 128; c++) {
  if ((c >= 0x41 && c <= 0x5a) || (c >= 0x61 && c <= 0x7a) || c === 0x5f) NAME[c] = 1;
  else if ((c >= 0x30 && c <= 0x39) || c === 0x2d || c === 0x2e) NAME[c] = 2;
}
function isNameStart(c: number): boolean {
  return c < 128 && NAME[c] === 1;
}
function isNameChar(c: number): boolean {
  return c < 128 && NAME[c] !== 0;
}
/** The attributes of every element below the root (none; shared, never written). */
const NO_ATTRIBUTES: Record<string, string> = Object.freeze(Object.create(null) as Record<string, string>);
/** XML 1.0 `Char` (what saxes accepts from a character reference). */
function isXmlChar(n: number): boolean {
  return (
    n === TAB ||
    n === NL ||
    n === CR ||
    (n >= 0x20 && n <= 0xd7ff) ||
    (n >= 0xe000 && n <= 0xfffd) ||
    (n >= 0x10000 && n <= 0x10ffff)
  );
}
/** A character the scanner reads inside text or an attribute value (not markup, not a surrogate). */
function isPlainChar(c: number): boolean {
  return (c >= 0x20 && c < 0xd800 && c !== LT && c !== GT && c !== AMP) || (c >= 0xe000 && c <= 0xfffd);
}

const DECL =
  /^<\?xml +version *= *(["'])1\.0\1(?: +encoding *= *(["'])([A-Za-z][A-Za-z0-9._-]*)\2)?(?: +standalone *= *(["'])(yes|no)\4)? *\?>/;
const ENTITY = /&(?:(lt|gt|amp|quot|apos)|#([0-9]{1,7})|#x([0-9a-fA-F]{1,6}));/y;
const PREDEFINED: Record<string, string> = { lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" };
/**
 * The bytes before a third-level element and of the start of its open tag, at one position of a record, as read in
 * the record before (records of a file share their layout, indentation included): the whitespace after the element
 * before, then `<NAME`. Where the same bytes come again at the same position, followed by a byte that cannot continue
 * the name, they are taken at once (one comparison instead of the whitespace loop and the name comparison): the same
 * bytes read in the same state give the same result, so the line ends they hold and the name are those found the
 * first time. The end of the tag (`>`, `/>`, spaces) is read as usual after it: it changes with the value.
 */
interface Head {
  readonly bytes: Pattern;
  /** Line ends in the whitespace (CR LF, CR, LF), and where the last line starts in `bytes` (when there is one). */
  readonly lines: number;
  readonly lineStart: number;
  /** The name (the one {@link FastScanner} predicts at this position) and its close tag. */
  readonly name: string;
  readonly close: Pattern;
}
/** Longest head remembered. */
const MAX_HEAD = 128;
/** Names remembered per element (a record has ~100; a hostile one with more costs no memory beyond this). */
const MAX_PREDICTED = 1024;
/** Longest declaration waited for before handing over. */
const MAX_DECL = 256;

/** Thrown inside the scan to hand over at the last committed position. */
const HAND_OVER = -1;
/** Returned by a step that needs more input, having checked every character kept (saxes accepts them). */
const WAIT = -2;
/** Returned by a step that needs more input, with characters kept that saxes may refuse already. */
const WAIT_UNSURE = -3;

/** Whether `buf` holds `name` at `at` (the caller has checked that it is long enough). */
function matchesAt(buf: string, name: string, at: number): boolean {
  for (let k = 0; k < name.length; k++) if (buf.charCodeAt(at + k) !== name.charCodeAt(k)) return false;
  return true;
}

/** Whether `buf` holds the characters `codes` at `at` (the caller has checked that it is long enough). */
function matchesCodesAt(buf: string, codes: Uint16Array, at: number): boolean {
  for (let k = 0; k < codes.length; k++) if (buf.charCodeAt(at + k) !== codes[k]) return false;
  return true;
}

/** Decodes the entities of a text, or returns undefined when one is not in the scanner's subset. */
function decodeEntities(text: string): string | undefined {
  let out = '';
  let from = 0;
  for (let amp = text.indexOf('&'); amp >= 0; amp = text.indexOf('&', from)) {
    ENTITY.lastIndex = amp;
    const m = ENTITY.exec(text);
    if (m === null) return undefined;
    let value: string;
    if (m[1] !== undefined) value = PREDEFINED[m[1]]!;
    else {
      const n = m[2] !== undefined ? parseInt(m[2], 10) : parseInt(m[3]!, 16);
      if (!isXmlChar(n)) return undefined;
      value = String.fromCodePoint(n);
    }
    out += text.slice(from, amp) + value;
    from = ENTITY.lastIndex;
  }
  return out + text.slice(from);
}

class FastScanner implements XmlParser {
  private readonly handlers: Partial<Handlers> = {};
  private fieldHandler: FieldHandler | undefined;
  private canonical: (name: string) => string = (name) => name;
  private inner: SaxesParser<{ position: true; xmlns: false }> | undefined;

  // Committed state: everything before `pending` has been read and its events sent.
  private state: State = State.Begin;
  private pending = '';
  /** Open elements, root first. */
  private readonly stack: string[] = [];
  private decl = false;
  private rootClosed = '';
  private bLine = 1;
  private bCol = 0;

  // Position of the event being sent (fast mode).
  private evLine = 1;
  private evCol = 0;
  private inEvent = false;

  // After hand-over: shift applied to saxes's positions.
  private primeLen = 0;

  private readonly tag: SaxesTagPlain = { name: '', attributes: NO_ATTRIBUTES, isSelfClosing: false };

  // Bytes (see "Bytes" above): undefined until the first write, then whether bytes are read.
  private bytesMode: boolean | undefined;
  private pendingBytes: Uint8Array = NO_BYTES;
  /**
   * Where the kept bytes and the next chunk are joined, reused from one call to the next: nothing keeps a view on it
   * once a call returns (kept bytes are copied out, values are strings, what is given back is decoded at once). A new
   * buffer a chunk raised the peak RSS by ~10 MB (memory outside the heap, freed only by a collection).
   */
  private scratch: Uint8Array = NO_BYTES;
  private readonly values = new AsciiValues();
  private readonly utf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

  /** @param maxRun the reader's bound on characters without markup: bytes are read only where no run is longer. */
  constructor(private readonly maxRun: number) {}

  /**
   * The names of the third-level elements of the last second-level element, in order: records of a file
   * share their layout, so the name at the same position is checked in place and that string reused
   * (no new string per element). `field` is the position of the next one in the current element.
   */
  private readonly predicted: string[] = [];
  /** The characters of each predicted name (read from a typed array, they are compared at half the cost). */
  private readonly predictedCodes: Uint16Array[] = [];
  /** The close tag (`</NAME>`) of each predicted name, as bytes (set by {@link scanBytes}). */
  private readonly predictedClose: Pattern[] = [];
  /** What came before and in the open tag of each third-level element of the last record, as bytes (see `Head`). */
  private readonly heads: Head[] = [];
  private field = 0;

  on<N extends keyof Handlers>(name: N, handler: Handlers[N]): void {
    this.handlers[name] = handler;
    if (this.inner) this.inner.on(name, handler as never);
  }

  onField(handler: FieldHandler, canonical?: (name: string) => string): void {
    this.fieldHandler = handler;
    if (canonical !== undefined) this.canonical = canonical;
  }

  get handedOver(): boolean {
    return this.inner !== undefined;
  }

  get line(): number {
    if (this.inner === undefined) {
      if (this.inEvent) return this.evLine;
      this.handOver();
    }
    const l = this.inner!.line;
    return l === 1 ? this.bLine : l + this.bLine - 1;
  }

  get column(): number {
    if (this.inner === undefined) {
      if (this.inEvent) return this.evCol;
      this.handOver();
    }
    const inner = this.inner!;
    return inner.line === 1 ? inner.column - this.primeLen + this.bCol : inner.column;
  }

  get readsBytes(): boolean {
    return this.bytesMode !== false && this.inner === undefined;
  }

  write(chunk: string): void {
    this.bytesMode = false;
    if (this.inner) {
      this.inner.write(chunk);
      return;
    }
    // Joined, then scanned as one string (a copy of the chunk): reading the rest of the last write with the
    // start of this chunk as a write of its own, and the chunk's remainder as a slice of it, was measured ~35 %
    // slower; one `startsWith` for the spaces and name of each element, instead of the loops below, was slower
    // too. Not `pending + chunk`: that is a cons string, and every `charCodeAt` on it (even once flattened) goes
    // through the cons cell, 2.5x a plain string's; a slice of the flattened join reads as fast as a plain string
    // (scan of a 50,000-event file: 2.2 s -> 1.45 s CPU).
    const buf = this.pending.length === 0 ? chunk : (' ' + this.pending + chunk).slice(1);
    this.pending = '';
    this.scan(buf);
  }

  close(): void {
    if (this.inner === undefined) {
      // A clean end: the root closed and only whitespace after it (saxes would report nothing either).
      if (this.state === State.Epilog) return;
      this.handOver();
    }
    this.inner!.close();
  }

  /** Ends a scan: keeps the uncommitted rest for the next write, or hands it over to saxes. */
  private stop(buf: string, at: number, line: number, col: number, how: number): void {
    this.bLine = line;
    this.bCol = col;
    this.pending = buf.slice(at);
    if (how === HAND_OVER || (how === WAIT_UNSURE && !this.fine(this.pending))) this.handOver();
  }

  /** A saxes brought to the committed state, without handlers. */
  private primed(): SaxesParser<{ position: true; xmlns: false }> {
    const parser = new SaxesParser({ position: true, xmlns: false });
    let prime = this.decl ? '<?xml version="1.0"?>' : '';
    for (const name of this.stack) prime += `<${name}>`;
    if (this.rootClosed) prime += `<${this.rootClosed}></${this.rootClosed}>`;
    if (prime.length > 0) parser.write(prime);
    this.primeLen = prime.length;
    return parser;
  }

  /**
   * Whether saxes would read the uncommitted rest of a write without an error. The scanner keeps that rest
   * for the next write; saxes, reading it now, may already fail on it (in this write, not at the end).
   */
  private fine(rest: string): boolean {
    try {
      this.primed().write(rest);
      return true;
    } catch {
      return false;
    }
  }

  /** Gives the rest of the input to saxes, brought to the committed state. */
  handOver(): void {
    if (this.inner) return;
    const parser = this.primed();
    for (const name of Object.keys(this.handlers) as (keyof Handlers)[]) parser.on(name, this.handlers[name] as never);
    this.inner = parser;
    const rest = this.pending;
    this.pending = '';
    if (rest.length > 0) parser.write(rest);
  }

  private emitOpen(
    name: string,
    line: number,
    col: number,
    selfClosing: boolean,
    attributes?: Record<string, string>,
  ): void {
    const handler = this.handlers.opentag;
    if (handler === undefined) return;
    const tag = this.tag;
    tag.name = name;
    tag.attributes = attributes ?? NO_ATTRIBUTES;
    tag.isSelfClosing = selfClosing;
    this.evLine = line;
    this.evCol = col;
    this.inEvent = true;
    handler(tag);
    this.inEvent = false;
  }

  /** Offers a whole element to the field handler (positioned at its end, should it ask); whether it took it. */
  private wholeField(name: string, text: string, line: number, col: number): boolean {
    this.evLine = line;
    this.evCol = col;
    this.inEvent = true;
    const taken = this.fieldHandler!(name, text);
    this.inEvent = false;
    return taken;
  }

  private emitClose(name: string, line: number, col: number, selfClosing: boolean): void {
    const handler = this.handlers.closetag;
    if (handler === undefined) return;
    const tag = this.tag;
    tag.name = name;
    tag.attributes = NO_ATTRIBUTES;
    tag.isSelfClosing = selfClosing;
    this.evLine = line;
    this.evCol = col;
    this.inEvent = true;
    handler(tag);
    this.inEvent = false;
  }

  /**
   * Reads UTF-8 bytes (see "Bytes" at the top of this file). Returns undefined when it read them (or keeps the
   * uncommitted rest for the next call); otherwise the parser reads text from now on, and the returned bytes
   * (from the committed position) are for the caller to decode and {@link write}.
   */
  writeBytes(chunk: Uint8Array): Uint8Array | undefined {
    if (this.bytesMode === false || this.inner) return chunk;
    this.bytesMode = true;
    const buf = this.pendingBytes.length === 0 ? chunk : this.join(this.pendingBytes, chunk);
    this.pendingBytes = NO_BYTES;
    if (!runsFit(buf, this.maxRun)) return this.toText(buf);
    return this.scanBytes(buf);
  }

  /** The bytes of `a` then `b`, in {@link scratch}. */
  private join(a: Uint8Array, b: Uint8Array): Uint8Array {
    const n = a.length + b.length;
    if (this.scratch.length < n) {
      const size = Math.max(n, 2 * this.scratch.length);
      this.scratch = NodeBuffer !== undefined ? NodeBuffer.allocUnsafe(size) : new Uint8Array(size);
    }
    const out = this.scratch.subarray(0, n);
    out.set(a, 0);
    out.set(b, a.length);
    return out;
  }

  /** Ends the reading of bytes: the parser reads text from now on; returns the bytes not read yet. */
  endBytes(): Uint8Array {
    const rest = this.pendingBytes;
    this.pendingBytes = NO_BYTES;
    this.bytesMode = false;
    return rest;
  }

  private toText(rest: Uint8Array): Uint8Array {
    this.bytesMode = false;
    return rest;
  }

  /** {@link stop} for bytes: keeps the rest, or returns it for the caller to decode (the parser then reads text). */
  private stopBytes(buf: Uint8Array, at: number, line: number, col: number, how: number): Uint8Array | undefined {
    this.bLine = line;
    this.bCol = col;
    const rest = buf.subarray(at);
    if (how === WAIT_UNSURE) {
      // As the text scanner does, saxes reads the rest now; an unfinished character at its end is not text yet.
      const cut = utf8Boundary(rest);
      const text = isAscii(rest, 0, cut) ? asciiText(rest, 0, cut) : this.utf8Text(rest, 0, cut);
      if (text === undefined || !this.fine(text)) return this.toText(rest);
    } else if (how === HAND_OVER) return this.toText(rest);
    // A copy: the caller's chunk may be read into again once this call returns.
    this.pendingBytes = copyBytes(rest);
    return undefined;
  }

  /** {@link scan} over UTF-8 bytes: the same states, commits and events; see "Bytes" at the top of this file. */
  private scanBytes(buf: Uint8Array): Uint8Array | undefined {
    const len = buf.length;
    const view = new DataView(buf.buffer, buf.byteOffset, len);
    let line = this.bLine;
    let ls = 0 - this.bCol;
    let at = 0;
    let atLine = line;
    let atLs = ls;
    let i = 0;
    const stack = this.stack;

    for (;;) {
      const state = this.state;
      if (state === State.Begin) {
        if (i >= len) return this.stopBytes(buf, at, atLine, at - atLs, WAIT_UNSURE);
        if (startsWithAscii(buf, i, '<?xml')) {
          let end = i + 2;
          while (end + 1 < len && !(buf[end] === 0x3f && buf[end + 1] === GT)) end++;
          if (end + 1 >= len)
            return this.stopBytes(buf, at, atLine, at - atLs, len - i > MAX_DECL ? HAND_OVER : WAIT_UNSURE);
          if (!isAscii(buf, i, end + 2)) return this.stopBytes(buf, at, atLine, at - atLs, HAND_OVER);
          const m = DECL.exec(asciiText(buf, i, end + 2));
          if (m === null) return this.stopBytes(buf, at, atLine, at - atLs, HAND_OVER);
          i = end + 2;
          this.decl = true;
          this.state = State.Prolog;
          at = i;
          atLine = line;
          atLs = ls;
          const handler = this.handlers.xmldecl;
          if (handler !== undefined) {
            const decl: XMLDecl = { version: '1.0', encoding: m[3], standalone: m[5] };
            this.evLine = line;
            this.evCol = i - ls;
            this.inEvent = true;
            handler(decl);
            this.inEvent = false;
          }
          continue;
        }
        if (len - i < 5 && isAsciiPrefix(buf, i, len, '<?xml'))
          return this.stopBytes(buf, at, atLine, at - atLs, WAIT_UNSURE);
        this.state = State.Prolog;
      }

      if (this.state === State.Content && stack.length === 2 && this.fieldHandler !== undefined) {
        // The elements of a record in the layout of the record before ("Records" at the top of this file).
        const next = this.recordBytes(buf, view, i, line, ls);
        if (next !== i) {
          i = next;
          line = this.recordLine;
          ls = this.recordLs;
          at = i;
          atLine = line;
          atLs = ls;
        }
      }

      if (this.state === State.Prolog || this.state === State.Content || this.state === State.Epilog) {
        const depth = stack.length;
        let name: string | undefined;
        let close: Pattern | undefined; // `</NAME>`, when the name is a predicted one
        let j = i + 1;
        const from = i; // where the whitespace before the tag starts (the committed position)
        let head: Head | undefined;
        // The element at this position of the record before, whitespace and open tag byte for byte (see `Head`).
        if (depth === 2 && this.state === State.Content && (head = this.heads[this.field]) !== undefined) {
          const hb = head.bytes;
          const hl = hb.length;
          if (i + hl < len && !isNameChar(buf[i + hl]!)) {
            if (patternAt(view, buf, i, hb)) {
              if (head.lines > 0) {
                line += head.lines;
                ls = i + head.lineStart;
              }
              name = head.name;
              close = head.close;
              j = i + hl;
            } else head = undefined;
          } else head = undefined;
        }
        if (name === undefined) {
          let c = 0;
          for (; i < len; i++) {
            c = buf[i]!;
            if (c === SPACE || c === TAB) continue;
            if (c === NL) {
              ls = i + 1;
              line++;
              continue;
            }
            if (c === CR) {
              if (i + 1 >= len) break;
              if (buf[i + 1] === NL) i++;
              ls = i + 1;
              line++;
              continue;
            }
            break;
          }
          if (i >= len || (c === CR && i + 1 >= len)) {
            if (this.state === State.Prolog && !this.decl) this.state = State.Begin;
            return this.stopBytes(buf, at, atLine, at - atLs, WAIT);
          }
          if (c !== LT || this.state === State.Epilog) return this.stopBytes(buf, at, atLine, at - atLs, HAND_OVER);
          if (i + 1 >= len) return this.stopBytes(buf, at, atLine, at - atLs, WAIT);
          const c1 = buf[i + 1]!;
          if (c1 === SLASH) {
            if (this.state !== State.Content) return this.stopBytes(buf, at, atLine, at - atLs, HAND_OVER);
            const name = stack[stack.length - 1]!;
            const end = i + 2 + name.length;
            if (end >= len)
              return this.stopBytes(
                buf,
                at,
                atLine,
                at - atLs,
                isAsciiPrefix(buf, i + 2, len, name) ? WAIT : HAND_OVER,
              );
            if (!bytesMatchAt(buf, name, i + 2) || buf[end] !== GT)
              return this.stopBytes(buf, at, atLine, at - atLs, HAND_OVER);
            i = end + 1;
            stack.pop();
            if (stack.length === 0) {
              this.rootClosed = name;
              this.state = State.Epilog;
            }
            at = i;
            atLine = line;
            atLs = ls;
            this.emitClose(name, line, i - ls, false);
            continue;
          }
          if (!isNameStart(c1)) return this.stopBytes(buf, at, atLine, at - atLs, HAND_OVER);
          j = i + 1;
          if (depth === 2) {
            const pc = this.predictedCodes[this.field];
            if (pc !== undefined) {
              const end = j + pc.length;
              if (end < len && !isNameChar(buf[end]!) && bytesMatchCodesAt(buf, pc, j)) {
                name = this.predicted[this.field]!;
                close = this.predictedClose[this.field];
                j = end;
              }
            }
          }
          if (name === undefined) {
            j = i + 2;
            while (j < len && isNameChar(buf[j]!)) j++;
            if (j >= len) return this.stopBytes(buf, at, atLine, at - atLs, WAIT);
            name = asciiText(buf, i + 1, j);
            if (depth === 2 && this.field < MAX_PREDICTED) {
              name = this.canonical(name);
              this.predicted[this.field] = name;
              const pc = new Uint16Array(name.length);
              for (let k = 0; k < name.length; k++) pc[k] = name.charCodeAt(k);
              this.predictedCodes[this.field] = pc;
              close = closeTag(name);
              this.predictedClose[this.field] = close;
            }
          }
          if (depth === 2) this.remember(buf, from, j, line - atLine, ls - from, name);
        }
        const root = depth === 0;
        let after = buf[j]!;
        if (after === SPACE && !root) {
          while (j < len && buf[j] === SPACE) j++;
          if (j >= len) return this.stopBytes(buf, at, atLine, at - atLs, WAIT);
          after = buf[j]!;
        }
        if (after === GT) {
          if (depth === 2 && this.fieldHandler !== undefined) {
            // The whole element at once when its text is plain and its close tag follows in this buffer.
            let k = plainEnd(buf, j + 1, len);
            const high = k < 0; // a byte of a multi-byte character
            if (high) k = ~k;
            const end = k + 2 + name.length;
            if (
              end < len &&
              (close !== undefined
                ? patternAt(view, buf, k, close)
                : buf[k] === LT && buf[k + 1] === SLASH && bytesMatchAt(buf, name, k + 2) && buf[end] === GT)
            ) {
              const text = high ? this.utf8Text(buf, j + 1, k) : this.values.text(buf, j + 1, k);
              // Columns count characters: each byte after the first of a character moves the line's start.
              const shift = high && text !== undefined ? followingBytes(buf, j + 1, k) : 0;
              if (text !== undefined && this.wholeField(name, text, line, end + 1 - ls - shift)) {
                i = end + 1;
                ls += shift;
                this.field++;
                at = i;
                atLine = line;
                atLs = ls;
                continue;
              }
            }
          }
          i = j + 1;
          if (depth === 1) this.field = 0;
          else if (depth === 2) this.field++;
          stack.push(name);
          this.state = stack.length === 3 ? State.Field : State.Content;
          at = i;
          atLine = line;
          atLs = ls;
          this.emitOpen(name, line, i - ls, false);
          continue;
        }
        if (after === SLASH && !root) {
          if (j + 1 >= len) return this.stopBytes(buf, at, atLine, at - atLs, WAIT);
          if (buf[j + 1] !== GT) return this.stopBytes(buf, at, atLine, at - atLs, HAND_OVER);
          i = j + 2;
          if (depth === 1) this.field = 0;
          else if (depth === 2) this.field++;
          at = i;
          atLine = line;
          atLs = ls;
          if (depth === 2 && this.fieldHandler !== undefined && this.wholeField(name, '', line, i - ls)) continue;
          this.emitOpen(name, line, i - ls, true);
          this.emitClose(name, line, i - ls, true);
          continue;
        }
        if (after === SPACE && root) {
          // The root's attributes, read by the text scanner's reader from an ASCII copy of the tag.
          let gt = j;
          while (gt < len && buf[gt] !== GT) gt++;
          const tagEnd = gt < len ? gt + 1 : len;
          if (!isAscii(buf, j, tagEnd)) return this.stopBytes(buf, at, atLine, at - atLs, HAND_OVER);
          const attrs = readAttributes(asciiText(buf, j, tagEnd), 0);
          if (attrs === WAIT) return this.stopBytes(buf, at, atLine, at - atLs, WAIT);
          if (attrs === HAND_OVER) return this.stopBytes(buf, at, atLine, at - atLs, HAND_OVER);
          i = j + attrs.end;
          stack.push(name);
          this.state = State.Content;
          at = i;
          atLine = line;
          atLs = ls;
          this.emitOpen(name, line, i - ls, false, attrs.attributes);
          continue;
        }
        return this.stopBytes(buf, at, atLine, at - atLs, HAND_OVER);
      }

      // Field: text, then the close tag of the element.
      let j = i;
      let special = false;
      let high = false;
      let fline = line;
      let fls = ls;
      let c = 0;
      for (; j < len; j++) {
        c = buf[j]!;
        if (c >= 0x20) {
          if (c === LT) break;
          if (c === GT) return this.stopBytes(buf, at, atLine, at - atLs, HAND_OVER);
          if (c === AMP) special = true;
          else if (c >= 0x80) high = true;
          continue;
        }
        if (c === TAB) continue;
        if (c === NL) {
          fline++;
          fls = j + 1;
          continue;
        }
        if (c === CR) {
          special = true;
          if (j + 1 >= len) return this.stopBytes(buf, at, atLine, at - atLs, WAIT);
          if (buf[j + 1] === NL) j++;
          fline++;
          fls = j + 1;
          continue;
        }
        return this.stopBytes(buf, at, atLine, at - atLs, HAND_OVER);
      }
      // Characters not checked yet (an entity, a multi-byte character): the rest is checked as text on waiting.
      if (j >= len) return this.stopBytes(buf, at, atLine, at - atLs, special || high ? WAIT_UNSURE : WAIT);
      const name = stack[stack.length - 1]!;
      const end = j + 2 + name.length;
      if (end >= len)
        return this.stopBytes(
          buf,
          at,
          atLine,
          at - atLs,
          // `j + 1 >= len`, not a read past the end: that sends the compiled function back to the interpreter.
          j + 1 >= len || (buf[j + 1] === SLASH && isAsciiPrefix(buf, j + 2, len, name))
            ? special || high
              ? WAIT_UNSURE
              : WAIT
            : HAND_OVER,
        );
      if (buf[j + 1] !== SLASH || !bytesMatchAt(buf, name, j + 2) || buf[end] !== GT)
        return this.stopBytes(buf, at, atLine, at - atLs, HAND_OVER);
      let text = high ? this.utf8Text(buf, i, j) : this.values.text(buf, i, j);
      if (text === undefined) return this.stopBytes(buf, at, atLine, at - atLs, HAND_OVER);
      if (special) {
        if (text.includes('\r')) text = text.replace(/\r\n?/g, '\n');
        if (text.includes('&')) {
          const decoded = decodeEntities(text);
          if (decoded === undefined) return this.stopBytes(buf, at, atLine, at - atLs, HAND_OVER);
          text = decoded;
        }
      }
      if (high) fls += followingBytes(buf, fline === line ? i : fls, j);
      i = end + 1;
      line = fline;
      ls = fls;
      stack.pop();
      this.state = State.Content;
      at = i;
      atLine = line;
      atLs = ls;
      if (text.length > 0) this.handlers.text?.(text);
      this.emitClose(name, line, i - ls, false);
    }
  }

  /** Where {@link recordBytes} stopped: the line and the index its line starts at. */
  private recordLine = 1;
  private recordLs = 0;

  /**
   * The elements of a record that follow the layout of the record before, from `i` (a committed position) in one loop
   * ("Records" at the top of this file): the general steps of {@link scanBytes} for a remembered head and a whole
   * element the field handler takes, without going back through the states. Returns the position after the last
   * element taken, committed ({@link recordLine} and {@link recordLs} set), or `i` when none was; anything else is left
   * to the general steps, from there. A method of its own: the rare steps of `scanBytes` (a chunk that ends in a tag,
   * a value with an entity, the root's close) reach code never run before and send that large function back to the
   * interpreter until it is compiled again, ~150 ms of compiler each time; this loop, where the time goes, is not
   * thrown away with it, and `scanBytes` is smaller to compile. `validate` on 200k events (`--trace-opt`): `scanBytes`
   * compiled 9 times in 1.66 s, now 3 times in 0.47 s (and this method twice in 0.13 s); CPU 5.65 -> 5.32 s (median
   * of 6 interleaved rounds, with the calls below made here rather than through `wholeField`).
   */
  private recordBytes(buf: Uint8Array, view: DataView, i: number, line: number, ls: number): number {
    const len = buf.length;
    const start = i;
    // The field handler is called from here, not through `wholeField` (a call less a field): positioned the same way.
    const take = this.fieldHandler!;
    const heads = this.heads;
    let field = this.field;
    let taken = false;
    for (;;) {
      const head = heads[field];
      if (head === undefined) break;
      const hb = head.bytes;
      let j = i + hb.length;
      if (j + 2 >= len) break;
      let c = buf[j]!;
      if (isNameChar(c) || !patternAt(view, buf, i, hb)) break;
      let fline = line;
      let fls = ls;
      if (head.lines > 0) {
        fline += head.lines;
        fls = i + head.lineStart;
      }
      while (c === SPACE && j + 2 < len) c = buf[++j]!;
      if (c === SLASH) {
        if (buf[j + 1] !== GT) break;
        this.evLine = fline;
        this.evCol = j + 2 - fls;
        this.inEvent = true;
        taken = take(head.name, '');
        this.inEvent = false;
        if (!taken) break;
        i = j + 2;
      } else {
        if (c !== GT) break;
        let k = plainEnd(buf, j + 1, len);
        const high = k < 0; // a byte of a multi-byte character
        if (high) k = ~k;
        const close = head.close;
        const end = k + close.length;
        if (end >= len || !patternAt(view, buf, k, close)) break;
        // A value of one ASCII character (a third of all values) is taken here, without a call.
        const text = high
          ? this.utf8Text(buf, j + 1, k)
          : k === j + 2
            ? ONE_CHAR[buf[j + 1]!]!
            : this.values.text(buf, j + 1, k);
        if (text === undefined) break;
        // Columns count characters: each byte after the first of a character moves the line's start.
        if (high) fls += followingBytes(buf, j + 1, k);
        this.evLine = fline;
        this.evCol = end - fls;
        this.inEvent = true;
        taken = take(head.name, text);
        this.inEvent = false;
        if (!taken) break;
        i = end;
      }
      line = fline;
      ls = fls;
      field++;
    }
    this.field = field;
    if (i !== start) {
      this.recordLine = line;
      this.recordLs = ls;
    }
    return i;
  }

  /**
   * Remembers the bytes from `from` (the end of the element before) to `end` (the end of the name of the
   * third-level element read at position {@link field}, named `name`): see `Head`.
   */
  private remember(buf: Uint8Array, from: number, end: number, lines: number, lineStart: number, name: string): void {
    const field = this.field;
    if (field >= MAX_PREDICTED || end - from > MAX_HEAD || this.predicted[field] !== name) return;
    const close = this.predictedClose[field] ?? closeTag(name);
    // A copy (`slice` of a Node Buffer would be a view on bytes that are reused).
    this.heads[field] = {
      bytes: new Pattern(Uint8Array.prototype.slice.call(buf, from, end)),
      lines,
      lineStart,
      name,
      close,
    };
  }

  /**
   * The text of bytes holding a multi-byte character, or undefined when they are not valid UTF-8 or hold a character
   * the text scanner does not read (outside the Basic Multilingual Plane, U+FFFE, U+FFFF): the text path decides.
   */
  private utf8Text(buf: Uint8Array, from: number, to: number): string | undefined {
    let text: string;
    try {
      text = this.utf8.decode(buf.subarray(from, to));
    } catch {
      return undefined;
    }
    for (let k = 0; k < text.length; k++) {
      const c = text.charCodeAt(k);
      if (c >= 0xd800 && (c < 0xe000 || c > 0xfffd)) return undefined;
    }
    return text;
  }

  /**
   * Reads `buf` (the uncommitted rest of the previous writes and the new chunk) as far as possible. Keeps
   * what it cannot read yet, or hands over at the committed position.
   */
  private scan(buf: string): void {
    const len = buf.length;
    // Committed position in `buf`, with its line and the index where its line starts (column = i - ls).
    // (No closures here: they would move these variables out of registers.)
    let line = this.bLine;
    let ls = 0 - this.bCol; // not `-this.bCol`: -0 would make it a float (boxed at every call)
    let at = 0;
    let atLine = line;
    let atLs = ls;
    let i = 0;
    const stack = this.stack;

    for (;;) {
      const state = this.state;
      if (state === State.Begin) {
        if (i === 0 && len > 0 && buf.charCodeAt(0) === 0xfeff) {
          i = 1;
          // saxes skips the mark but counts it as a column
        }
        if (i >= len) return this.stop(buf, at, atLine, at - atLs, WAIT_UNSURE);
        if (buf.startsWith('<?xml', i)) {
          const end = buf.indexOf('?>', i);
          if (end < 0) return this.stop(buf, at, atLine, at - atLs, len - i > MAX_DECL ? HAND_OVER : WAIT_UNSURE);
          const m = DECL.exec(buf.slice(i, end + 2));
          if (m === null) return this.stop(buf, at, atLine, at - atLs, HAND_OVER);
          i = end + 2;
          this.decl = true;
          this.state = State.Prolog;
          at = i;
          atLine = line;
          atLs = ls;
          const handler = this.handlers.xmldecl;
          if (handler !== undefined) {
            const decl: XMLDecl = { version: '1.0', encoding: m[3], standalone: m[5] };
            this.evLine = line;
            this.evCol = i - ls;
            this.inEvent = true;
            handler(decl);
            this.inEvent = false;
          }
          continue;
        }
        if (len - i < 5 && '<?xml'.startsWith(buf.slice(i))) return this.stop(buf, at, atLine, at - atLs, WAIT_UNSURE);
        // No declaration: whitespace then the root, nothing committed before the root's tag.
        this.state = State.Prolog;
      }

      if (this.state === State.Prolog || this.state === State.Content || this.state === State.Epilog) {
        // Whitespace, then a tag.
        let c = 0;
        for (; i < len; i++) {
          c = buf.charCodeAt(i);
          if (c === SPACE || c === TAB) continue;
          if (c === NL) {
            ls = i + 1;
            line++;
            continue;
          }
          if (c === CR) {
            if (i + 1 >= len) break; // CR LF or CR: decided by the next character
            if (buf.charCodeAt(i + 1) === NL) i++;
            ls = i + 1;
            line++;
            continue;
          }
          break;
        }
        if (i >= len || (c === CR && i + 1 >= len)) {
          // Nothing is committed before the root's tag unless a declaration was read: start over next time.
          if (this.state === State.Prolog && !this.decl) this.state = State.Begin;
          return this.stop(buf, at, atLine, at - atLs, WAIT);
        }
        if (c !== LT || this.state === State.Epilog) return this.stop(buf, at, atLine, at - atLs, HAND_OVER);
        if (i + 1 >= len) return this.stop(buf, at, atLine, at - atLs, WAIT);
        const c1 = buf.charCodeAt(i + 1);
        if (c1 === SLASH) {
          if (this.state !== State.Content) return this.stop(buf, at, atLine, at - atLs, HAND_OVER);
          const name = stack[stack.length - 1]!;
          const end = i + 2 + name.length;
          if (end >= len)
            return this.stop(buf, at, atLine, at - atLs, name.startsWith(buf.slice(i + 2)) ? WAIT : HAND_OVER);
          if (!matchesAt(buf, name, i + 2) || buf.charCodeAt(end) !== GT)
            return this.stop(buf, at, atLine, at - atLs, HAND_OVER);
          i = end + 1;
          stack.pop();
          if (stack.length === 0) {
            this.rootClosed = name;
            this.state = State.Epilog;
          }
          at = i;
          atLine = line;
          atLs = ls;
          this.emitClose(name, line, i - ls, false);
          continue;
        }
        if (!isNameStart(c1)) return this.stop(buf, at, atLine, at - atLs, HAND_OVER);
        const depth = stack.length;
        let name: string | undefined;
        let codes: Uint16Array | undefined; // the name's characters, when it is a predicted one
        let j = i + 1;
        if (depth === 2) {
          const p = this.predicted[this.field];
          if (p !== undefined) {
            const pc = this.predictedCodes[this.field]!;
            const end = j + pc.length;
            if (end < len && !isNameChar(buf.charCodeAt(end)) && matchesCodesAt(buf, pc, j)) {
              name = p;
              codes = pc;
              j = end;
            }
          }
        }
        if (name === undefined) {
          j = i + 2;
          while (j < len && isNameChar(buf.charCodeAt(j))) j++;
          if (j >= len) return this.stop(buf, at, atLine, at - atLs, WAIT);
          name = buf.slice(i + 1, j);
          if (depth === 2 && this.field < MAX_PREDICTED) {
            name = this.canonical(name);
            this.predicted[this.field] = name;
            const pc = new Uint16Array(name.length);
            for (let k = 0; k < name.length; k++) pc[k] = name.charCodeAt(k);
            this.predictedCodes[this.field] = pc;
            codes = pc;
          }
        }
        const root = depth === 0;
        let after = buf.charCodeAt(j);
        if (after === SPACE && !root) {
          // `<NAME >` or `<NAME />` (as olinpe's writer puts it): spaces, then the end of the tag
          while (j < len && buf.charCodeAt(j) === SPACE) j++;
          if (j >= len) return this.stop(buf, at, atLine, at - atLs, WAIT);
          after = buf.charCodeAt(j);
        }
        if (after === GT) {
          if (depth === 2 && this.fieldHandler !== undefined) {
            // The whole element at once when its text is plain and its close tag follows in this buffer.
            let k = j + 1;
            for (; k < len; k++) {
              const c = buf.charCodeAt(k);
              if ((c >= 0x20 && c < 0xd800 && c !== LT && c !== GT && c !== AMP) || (c >= 0xe000 && c <= 0xfffd))
                continue;
              break;
            }
            const end = k + 2 + name.length;
            if (
              end < len &&
              buf.charCodeAt(k) === LT &&
              buf.charCodeAt(k + 1) === SLASH &&
              (codes !== undefined ? matchesCodesAt(buf, codes, k + 2) : matchesAt(buf, name, k + 2)) &&
              buf.charCodeAt(end) === GT &&
              this.wholeField(name, detach(buf.slice(j + 1, k)), line, end + 1 - ls)
            ) {
              i = end + 1;
              this.field++;
              at = i;
              atLine = line;
              atLs = ls;
              continue;
            }
          }
          i = j + 1;
          if (depth === 1) this.field = 0;
          else if (depth === 2) this.field++;
          stack.push(name);
          this.state = stack.length === 3 ? State.Field : State.Content;
          at = i;
          atLine = line;
          atLs = ls;
          this.emitOpen(name, line, i - ls, false);
          continue;
        }
        if (after === SLASH && !root) {
          if (j + 1 >= len) return this.stop(buf, at, atLine, at - atLs, WAIT);
          if (buf.charCodeAt(j + 1) !== GT) return this.stop(buf, at, atLine, at - atLs, HAND_OVER);
          i = j + 2;
          if (depth === 1) this.field = 0;
          else if (depth === 2) this.field++;
          at = i;
          atLine = line;
          atLs = ls;
          if (depth === 2 && this.fieldHandler !== undefined && this.wholeField(name, '', line, i - ls)) continue;
          this.emitOpen(name, line, i - ls, true);
          this.emitClose(name, line, i - ls, true);
          continue;
        }
        if (after === SPACE && root) {
          const attrs = readAttributes(buf, j);
          if (attrs === WAIT) return this.stop(buf, at, atLine, at - atLs, WAIT);
          if (attrs === HAND_OVER) return this.stop(buf, at, atLine, at - atLs, HAND_OVER);
          i = attrs.end;
          stack.push(name);
          this.state = State.Content;
          at = i;
          atLine = line;
          atLs = ls;
          this.emitOpen(name, line, i - ls, false, attrs.attributes);
          continue;
        }
        return this.stop(buf, at, atLine, at - atLs, HAND_OVER);
      }

      // Field: text, then the close tag of the element.
      let j = i;
      let special = false; // CR or an entity: the text needs more than a slice
      let fline = line;
      let fls = ls;
      let c = 0;
      for (; j < len; j++) {
        c = buf.charCodeAt(j);
        if (c >= 0x20) {
          if (c < 0xd800 && c !== LT && c !== GT && c !== AMP) continue;
          if (c === LT) break;
          if (c === AMP) {
            special = true;
            continue;
          }
          if (c >= 0xe000 && c <= 0xfffd) continue;
          return this.stop(buf, at, atLine, at - atLs, HAND_OVER);
        }
        if (c === TAB) continue;
        if (c === NL) {
          fline++;
          fls = j + 1;
          continue;
        }
        if (c === CR) {
          special = true;
          if (j + 1 >= len) return this.stop(buf, at, atLine, at - atLs, WAIT);
          if (buf.charCodeAt(j + 1) === NL) j++;
          fline++;
          fls = j + 1;
          continue;
        }
        return this.stop(buf, at, atLine, at - atLs, HAND_OVER);
      }
      if (j >= len) return this.stop(buf, at, atLine, at - atLs, special ? WAIT_UNSURE : WAIT);
      // `<` at j: the close tag of this element, or hand over.
      const name = stack[stack.length - 1]!;
      const end = j + 2 + name.length;
      if (end >= len) {
        const seen = buf.slice(j + 1);
        return this.stop(
          buf,
          at,
          atLine,
          at - atLs,
          ('/' + name).startsWith(seen) ? (special ? WAIT_UNSURE : WAIT) : HAND_OVER,
        );
      }
      if (buf.charCodeAt(j + 1) !== SLASH || !matchesAt(buf, name, j + 2) || buf.charCodeAt(end) !== GT)
        return this.stop(buf, at, atLine, at - atLs, HAND_OVER);
      let text = buf.slice(i, j);
      if (special) {
        if (text.includes('\r')) text = text.replace(/\r\n?/g, '\n');
        if (text.includes('&')) {
          const decoded = decodeEntities(text);
          if (decoded === undefined) return this.stop(buf, at, atLine, at - atLs, HAND_OVER);
          text = decoded;
        }
      }
      i = end + 1;
      line = fline;
      ls = fls;
      stack.pop();
      this.state = State.Content;
      at = i;
      atLine = line;
      atLs = ls;
      if (text.length > 0) this.handlers.text?.(text);
      this.emitClose(name, line, i - ls, false);
    }
  }
}

/**
 * Reads the attributes of the root from `j` (a space after its name) to its `>`: `name="value"` pairs
 * separated by spaces, values of plain characters. Anything else is for saxes.
 */
function readAttributes(
  buf: string,
  j: number,
): { end: number; attributes: Record<string, string> } | typeof WAIT | typeof HAND_OVER {
  const len = buf.length;
  const attributes: Record<string, string> = Object.create(null) as Record<string, string>;
  let i = j;
  for (;;) {
    // at a space (or `>` after a value)
    while (i < len && buf.charCodeAt(i) === SPACE) i++;
    if (i >= len) return WAIT;
    let c = buf.charCodeAt(i);
    if (c === GT) return { end: i + 1, attributes };
    if (!isNameStart(c)) return HAND_OVER;
    const start = i;
    i++;
    while (i < len && (isNameChar((c = buf.charCodeAt(i))) || c === 0x3a)) i++;
    if (i >= len) return WAIT;
    if (buf.charCodeAt(i) !== 0x3d) return HAND_OVER;
    const name = buf.slice(start, i);
    if (name in attributes) return HAND_OVER;
    i++;
    if (i >= len) return WAIT;
    const q = buf.charCodeAt(i);
    if (q !== 0x22 && q !== 0x27) return HAND_OVER;
    const vstart = ++i;
    while (i < len && (c = buf.charCodeAt(i)) !== q) {
      if (!isPlainChar(c)) return HAND_OVER;
      i++;
    }
    if (i >= len) return WAIT;
    attributes[name] = buf.slice(vstart, i);
    i++;
    if (i >= len) return WAIT;
    c = buf.charCodeAt(i);
    if (c === GT) return { end: i + 1, attributes };
    if (c !== SPACE) return HAND_OVER;
  }
}

/** Holds no bytes. */
const NO_BYTES = new Uint8Array(0);
/** Node's Buffer where there is one (its `latin1Slice` makes one-byte strings, the smallest and quickest to read). */
const NodeBuffer = (globalThis as { Buffer?: { allocUnsafe(size: number): Uint8Array } }).Buffer;

/** Whether the bytes from `from` to `to` are ASCII. */
function isAscii(buf: Uint8Array, from: number, to: number): boolean {
  for (let k = from; k < to; k++) if (buf[k]! >= 0x80) return false;
  return true;
}

/** The string of ASCII bytes. */
function asciiText(buf: Uint8Array, from: number, to: number): string {
  const slice = (buf as { latin1Slice?: (start: number, end: number) => string }).latin1Slice;
  if (slice !== undefined) return slice.call(buf, from, to);
  let text = '';
  for (let k = from; k < to; k += 4096) text += String.fromCharCode(...buf.subarray(k, Math.min(to, k + 4096)));
  return text;
}

/** Whether `text` starts with the bytes from `from` to `to` (all of them: a prefix of it, or it whole). */
function isAsciiPrefix(buf: Uint8Array, from: number, to: number, text: string): boolean {
  if (to - from > text.length) return false;
  for (let k = from; k < to; k++) if (buf[k] !== text.charCodeAt(k - from)) return false;
  return true;
}

/** Whether the bytes at `at` start with `text` (ASCII). */
function startsWithAscii(buf: Uint8Array, at: number, text: string): boolean {
  return at + text.length <= buf.length && isAsciiPrefix(buf, at, at + text.length, text);
}

/** Whether `buf` holds `name` at `at` (the caller has checked that it is long enough). */
function bytesMatchAt(buf: Uint8Array, name: string, at: number): boolean {
  for (let k = 0; k < name.length; k++) if (buf[at + k] !== name.charCodeAt(k)) return false;
  return true;
}

/**
 * Bytes to find at a position, compared four at a time: the last four bytes first (names of a record differ most at
 * their end), then the little-endian 32-bit words at 0, 4, 8… that end before the last byte (the last four may
 * overlap the last word). Shorter than four bytes: byte by byte. The first three words are fields of their own, read
 * without a loop (a head is ~12 bytes: 2 words and the last four). Measured on the scanner alone over a 200k-event
 * file (a field handler taking every element): 2.45-2.79 s -> 2.12-2.49 s CPU against a loop over `words`.
 */
class Pattern {
  readonly length: number;
  readonly words: Int32Array;
  readonly count: number;
  readonly w0: number;
  readonly w1: number;
  readonly w2: number;
  readonly last: number;
  constructor(readonly bytes: Uint8Array) {
    const n = bytes.length;
    this.length = n;
    const view = new DataView(bytes.buffer, bytes.byteOffset, n);
    this.words = new Int32Array(n < 4 ? 0 : (n - 1) >> 2);
    for (let w = 0; w < this.words.length; w++) this.words[w] = view.getInt32(w << 2, true);
    this.count = this.words.length;
    this.w0 = this.count > 0 ? this.words[0]! : 0;
    this.w1 = this.count > 1 ? this.words[1]! : 0;
    this.w2 = this.count > 2 ? this.words[2]! : 0;
    this.last = n < 4 ? 0 : view.getInt32(n - 4, true);
  }
}

/** Whether `buf` (seen through `view`) holds `p` at `at` (the caller has checked that it is long enough). */
function patternAt(view: DataView, buf: Uint8Array, at: number, p: Pattern): boolean {
  const n = p.length;
  if (n < 4) {
    const bytes = p.bytes;
    for (let k = 0; k < n; k++) if (buf[at + k] !== bytes[k]) return false;
    return true;
  }
  if (view.getInt32(at + n - 4, true) !== p.last) return false;
  const m = p.count;
  if (m === 0) return true;
  if (view.getInt32(at, true) !== p.w0) return false;
  if (m === 1) return true;
  if (view.getInt32(at + 4, true) !== p.w1) return false;
  if (m === 2) return true;
  if (view.getInt32(at + 8, true) !== p.w2) return false;
  const words = p.words;
  for (let w = 3; w < m; w++) if (view.getInt32(at + (w << 2), true) !== words[w]) return false;
  return true;
}

/** The bytes of `</NAME>` (an ASCII name). */
function closeTag(name: string): Pattern {
  const bytes = new Uint8Array(name.length + 3);
  bytes[0] = LT;
  bytes[1] = SLASH;
  for (let k = 0; k < name.length; k++) bytes[k + 2] = name.charCodeAt(k);
  bytes[name.length + 2] = GT;
  return new Pattern(bytes);
}

/** Whether `buf` holds the characters `codes` at `at` (the caller has checked that it is long enough). */
function bytesMatchCodesAt(buf: Uint8Array, codes: Uint16Array, at: number): boolean {
  for (let k = 0; k < codes.length; k++) if (buf[at + k] !== codes[k]) return false;
  return true;
}

/**
 * Where the plain text of a value starting at `from` ends (the first control byte, `<`, `>`, `&`, or `len`), as is
 * when it is ASCII, or bitwise negated (`~end`, negative) when it holds a byte of a multi-byte character.
 */
function plainEnd(buf: Uint8Array, from: number, len: number): number {
  let high = false;
  let k = from;
  for (; k < len; k++) {
    const b = buf[k]!;
    if (b >= 0x20 && b !== LT && b !== GT && b !== AMP) {
      if (b >= 0x80) high = true;
      continue;
    }
    break;
  }
  return high ? ~k : k;
}

/** How many bytes from `from` to `to` continue a character (UTF-8 `10xxxxxx`): the bytes that are not a column. */
function followingBytes(buf: Uint8Array, from: number, to: number): number {
  let n = 0;
  for (let k = from; k < to; k++) if ((buf[k]! & 0xc0) === 0x80) n++;
  return n;
}

/** The first `<` or `>` at or after `from`, or -1. */
function markupByte(buf: Uint8Array, from: number): number {
  const lt = buf.indexOf(LT, from);
  const gt = buf.indexOf(GT, from);
  return lt < 0 ? gt : gt < 0 ? lt : Math.min(lt, gt);
}

/**
 * Whether no run of bytes without `<` or `>` in `buf` is longer than `max` (a run of bytes holds at most as many
 * characters, so the reader's bound cannot be exceeded there). `buf` starts at the start of the input or just after
 * a `>`: a run starts with it.
 */
function runsFit(buf: Uint8Array, max: number): boolean {
  const len = buf.length;
  if (len <= max) return true;
  const first = markupByte(buf, 0);
  if (first < 0 || first > max) return false;
  const last = Math.max(buf.lastIndexOf(LT), buf.lastIndexOf(GT));
  if (len - last - 1 > max) return false;
  // Every window of `half` bytes between the first and the last markup holds one: no run inside is longer.
  const half = Math.max(1, max >> 1);
  for (let k = first + 1; k < last; k += half) {
    const m = markupByte(buf, k);
    if (m < 0 || m >= k + half) {
      let run = 0;
      for (let i = 0; i < len; i++) {
        const c = buf[i]!;
        if (c === LT || c === GT) run = 0;
        else if (++run > max) return false;
      }
      return true;
    }
  }
  return true;
}

/** One-character strings of ASCII. */
const ONE_CHAR: readonly string[] = Array.from({ length: 128 }, (_, c) => String.fromCharCode(c));
/** Values of up to this many bytes are shared through the cache. */
const SHARED_MAX = 16;
const SHARED_SLOTS = 4096;

/**
 * Strings of ASCII values: a value of a few bytes read before (a code, a date) is the same string again, found in a
 * small cache by a hash of its bytes and checked byte by byte; longer ones are made each time. One-byte strings.
 */
class AsciiValues {
  private readonly cache: (string | undefined)[] = new Array<string | undefined>(SHARED_SLOTS).fill(undefined);

  text(buf: Uint8Array, from: number, to: number): string {
    const n = to - from;
    if (n === 0) return '';
    if (n === 1) return ONE_CHAR[buf[from]!]!;
    if (n > SHARED_MAX) return asciiText(buf, from, to);
    let h = n;
    for (let k = from; k < to; k++) h = (Math.imul(h, 31) + buf[k]!) | 0;
    h = (h ^ (h >>> 12)) & (SHARED_SLOTS - 1);
    const hit = this.cache[h];
    if (hit !== undefined && hit.length === n) {
      let k = 0;
      while (k < n && hit.charCodeAt(k) === buf[from + k]) k++;
      if (k === n) return hit;
    }
    const text = asciiText(buf, from, to);
    this.cache[h] = text;
    return text;
  }
}
