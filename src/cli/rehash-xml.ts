/**
 * Level-2 re-hashing of an XML transmission text: replaces the content of `<NUMANONYM>` and `<NUMANONYMANT>`
 * in every `<DONNEE>`, leaving every other byte as received. A `<DONNEE>` whose identifier cannot be re-hashed
 * is left out (with the blank text before it) and reported by line and element, so a level-1 identifier never
 * reaches the level-2 file.
 *
 * @module
 */
import { PseudonymisationError } from '../pseudonymisation/index.js';
import type { RehashCsvResult } from './commands/rehash.js';
import { rejectionLine } from './commands/pseudonymise.js';

type Column = 'NUMANONYM' | 'NUMANONYMANT';

/** Where the text content of element `name` lies in `text[from, to)`, or undefined when the element is absent. */
function elementContent(text: string, name: Column, from: number, to: number): { start: number; end: number } | undefined {
  const open = `<${name}>`;
  const at = text.indexOf(open, from);
  if (at >= 0 && at < to) {
    const start = at + open.length;
    const end = text.indexOf(`</${name}>`, start);
    if (end < 0 || end > to) return undefined;
    return { start, end };
  }
  // An empty element: <NAME/> or <NAME />.
  const empty = new RegExp(`<${name}\\s*/>`, 'g');
  empty.lastIndex = from;
  const m = empty.exec(text);
  if (m && m.index < to) return { start: m.index, end: m.index };
  return undefined;
}

function lineAt(text: string, from: number, to: number, line: number): number {
  let n = line;
  for (let i = text.indexOf('\n', from); i >= 0 && i < to; i = text.indexOf('\n', i + 1)) n++;
  return n;
}

/**
 * Re-hashes the identifiers of an XML transmission text with `rehashValue`.
 *
 * @example
 * const toLevel2 = createRehasher({ key: observatoryKey });
 * rehashXml(text, (value, column) => toLevel2(value, column === 'NUMANONYM' ? 'numanonym' : 'numanonymAnt'));
 */
export function rehashXml(text: string, rehashValue: (value: string, column: Column) => string): RehashCsvResult {
  const out: string[] = [];
  const rejections: string[] = [];
  let read = 0;
  let written = 0;
  let cursor = 0;
  let line = 1;
  let counted = 0;
  for (let start = text.indexOf('<DONNEE>', 0); start >= 0; start = text.indexOf('<DONNEE>', cursor)) {
    const close = text.indexOf('</DONNEE>', start);
    if (close < 0) break;
    const end = close + '</DONNEE>'.length;
    line = lineAt(text, counted, start, line);
    counted = start;
    read++;
    const replacements: { start: number; end: number; value: string }[] = [];
    let rejected = false;
    for (const column of ['NUMANONYM', 'NUMANONYMANT'] as const) {
      const content = elementContent(text, column, start, close);
      if (!content && column === 'NUMANONYMANT') continue;
      const at = content ? lineAt(text, start, content.start, line) : line;
      try {
        // An empty element (<NAME/>) is passed as '' and refused like any invalid identifier.
        if (!content) throw new PseudonymisationError('numanonym', 'missing');
        replacements.push({ ...content, value: rehashValue(text.slice(content.start, content.end), column) });
      } catch (error) {
        if (!(error instanceof PseudonymisationError)) throw error;
        rejections.push(rejectionLine(at, column, error));
        rejected = true;
        break;
      }
    }
    if (rejected) {
      // Leave out the record and the blank text (line end, indentation) before it.
      let blank = start;
      while (blank > cursor && /\s/.test(text[blank - 1]!)) blank--;
      out.push(text.slice(cursor, blank));
      cursor = end;
      continue;
    }
    written++;
    let at = cursor;
    for (const r of replacements.sort((a, b) => a.start - b.start)) {
      out.push(text.slice(at, r.start), r.value);
      at = r.end;
    }
    out.push(text.slice(at, end));
    cursor = end;
  }
  out.push(text.slice(cursor));
  return { output: out.join(''), read, written, rejections };
}
