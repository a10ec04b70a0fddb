/**
 * Values read from a file must not keep the chunks they were read from alive: a caller that keeps a record's
 * pseudonym (a finding, a report) would otherwise hold the whole chunk behind it, and a national file with many
 * findings would keep most of itself in memory (seen on 1,000,000 events: 373 MB peak instead of 234 MB).
 * V8 shares memory between a string and its substrings of 13 characters or more, which is what `detach`
 * undoes. Measured between two real garbage collections (test/support/memory.ts), on chunks large enough that
 * keeping them would be an order of magnitude above what the values themselves weigh.
 */
import { describe, expect, it } from 'vitest';
import { readTransmission } from '../../src/transmission/index.js';
import { retainedBy } from '../support/memory.js';

const RECORDS = 200;
const CHUNK = 200_000;

/** One pseudonym of 40 hexadecimal digits per record. */
const pseudonym = (i: number): string => i.toString(16).padStart(8, '0').repeat(5);

/** Padding of about `size` characters: whitespace with an empty comment every 30,000 (the reader bounds runs of text). */
function padding(size: number): string {
  const piece = `${' '.repeat(30_000)}<!---->`;
  return piece.repeat(Math.ceil(size / piece.length));
}

/**
 * Records without a pseudonym, about `size` characters of them, in the usual layout: read by the XML reader's strict
 * scanner (fast-scan.ts), which the comments of {@link padding} hand over to saxes.
 */
function records(size: number): string {
  const piece = `<DONNEE><TYPEV>1</TYPEV><UTDP>${'Unité territoriale '.repeat(1000)}</UTDP></DONNEE>\n`;
  return piece.repeat(Math.ceil(size / piece.length));
}

const XML_HEAD =
  '<?xml version="1.0" encoding="UTF-8"?>\n<DECRET>\n<INTRO><VERSIONXSD>2.0</VERSIONXSD><DATEXPORT>2024-01-31</DATEXPORT></INTRO>\n';

/** A file where every record comes in a chunk of its own of about CHUNK characters, the chunks made one by one. */
async function* file(format: 'xml' | 'xml-scanner' | 'xml-bytes' | 'csv'): AsyncGenerator<string | Uint8Array> {
  if (format === 'xml-scanner' || format === 'xml-bytes') {
    const encode = (text: string): string | Uint8Array =>
      format === 'xml-bytes' ? new TextEncoder().encode(text) : text;
    yield encode(XML_HEAD);
    for (let i = 0; i < RECORDS; i++)
      yield encode(`<DONNEE><NUMANONYM>${pseudonym(i)}</NUMANONYM><TYPEV>1</TYPEV></DONNEE>\n${records(CHUNK)}`);
    yield encode('</DECRET>\n');
  } else if (format === 'xml') {
    yield '<?xml version="1.0" encoding="UTF-8"?>\n<DECRET>\n<INTRO><VERSIONXSD>2.0</VERSIONXSD><DATEXPORT>2024-01-31</DATEXPORT></INTRO>\n';
    for (let i = 0; i < RECORDS; i++) {
      yield `<DONNEE><NUMANONYM>${pseudonym(i)}</NUMANONYM><TYPEV>1</TYPEV><UTDP>Unité territoriale numéro ${i}</UTDP></DONNEE>${padding(CHUNK)}`;
    }
    yield '</DECRET>\n';
  } else {
    yield 'NUMANONYM;TYPEV;UTDP;AUTREDA;AUTREDJ;AUTRLIEUAR\n';
    // CSV has no comment: each chunk is one row whose free-text fields are long (each under the reader's bound of
    // 65,536 characters), and only the pseudonym is kept.
    const text = 'x'.repeat(CHUNK / 4);
    for (let i = 0; i < RECORDS; i++) yield `${pseudonym(i)};1;${text};${text};${text};${text}\n`;
  }
}

describe('values read do not keep their chunk alive', () => {
  for (const format of ['xml', 'xml-scanner', 'xml-bytes', 'csv'] as const) {
    it(`${format}: ${RECORDS} pseudonyms kept from ${RECORDS} chunks of ${CHUNK.toLocaleString('en-US')} characters`, async () => {
      const { value: kept, retained } = await retainedBy(async () => {
        const pseudonyms: string[] = [];
        for await (const item of readTransmission(file(format), { format: format === 'csv' ? 'csv' : 'xml' })) {
          if (item.type === 'record' && item.values.NUMANONYM !== undefined) pseudonyms.push(item.values.NUMANONYM);
        }
        return pseudonyms;
      });
      expect(kept).toHaveLength(RECORDS);
      expect(kept[7]).toBe(pseudonym(7));
      // Keeping the chunks would cost RECORDS × CHUNK ≈ 40 MB (one byte a character); the pseudonyms weigh ~20 KB.
      expect(retained).toBeLessThan((RECORDS * CHUNK) / 10);
    });
  }
});
