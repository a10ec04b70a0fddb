import { createRehasher, PseudonymisationError } from '../../pseudonymisation/index.js';
import {
  createDecoder,
  DecodeError,
  declaredEncoding,
  encodeText,
  encodingOf,
  rewriteIdentifierStream,
} from '../../transmission/index.js';
import type { TextEncodingName } from '../../transmission/index.js';
import type { IdentifierRefusal, IdentifierVariable, RefusalReason } from '../../transmission/index.js';
import { UsageError } from '../command.js';
import { nodeSha1Utf8 } from '../sha1.js';
import type { Command } from '../command.js';
import { parseEncoding } from '../rules-input.js';
import { openInput, openOutput } from '../io.js';
import { countsLine, readKeyFile, safeParseArgs } from './pseudonymise.js';

/** Bytes decoded at a time (see the loop in `text()`). */
const DECODED_PIECE = 16_384;
/** Bytes gathered before a write. */
const WRITTEN_PIECE = 262_144;

/** One refused record (or the refused file), by line and element, never its content. */
function refusalLine(r: IdentifierRefusal): string {
  const what = r.variable === undefined ? '' : `${r.variable} : `;
  const whatEn = r.variable === undefined ? '' : `${r.variable}: `;
  return `ligne ${r.line} : ${what}${r.fr} (line ${r.line}: ${whatEn}${r.en})\n`;
}

const usage = `Usage: olinpe rehash --key-file FICHIER [--allow-short-key] [--encoding latin1|windows-1252] <entrée> <sortie>

Second niveau (observatoire) : re-hache NUMANONYM et NUMANONYMANT d'un fichier de transmission (XML
<DECRET> ou CSV « ; ») avec la clé de l'observatoire, sans toucher à aucun autre octet des
enregistrements. Le fichier est lu par le lecteur d'olinpe : tout ce qu'il lit comme NUMANONYM ou
NUMANONYMANT est re-haché. Un enregistrement que le lecteur ne sait pas placer (élément d'identifiant en
double, attribut, commentaire dans l'enregistrement, identifiant invalide, 40 caractères hexadécimaux
ailleurs) est écarté et signalé (ligne, élément) : un identifiant de niveau 1 n'atteint jamais le fichier de
niveau 2. Un fichier illisible, ou qui porte un identifiant hors de tout enregistrement, est refusé en entier
(code 2, aucune sortie), comme un fichier qui ferait garder plus de 16 Mi caractères en attendant un
enregistrement. Au-delà de 1 000, les enregistrements écartés sont comptés sans être détaillés. « - » désigne
l'entrée ou la sortie standard.
Level 2 (observatory): re-hashes every value olinpe's reader reads as NUMANONYM or NUMANONYMANT, every other
byte unchanged; a record the reader cannot place is left out and reported by line (the first 1,000 listed, all
counted); an unreadable file, one with an identifier outside any record, or one that would hold more than 16 Mi
characters waiting for a record, is refused whole (exit 2, no output).

  --key-file         fichier contenant la clé de l'observatoire (voir docs/guides/pseudonymisation.md)
  --allow-short-key  accepter une clé de moins de 16 octets (déconseillé)
  --encoding         encodage d'un fichier CSV s'il n'est pas en UTF-8 : latin1 (ISO-8859-1) ou windows-1252 ; un
                     fichier XML est lu dans l'encodage que déclare son en-tête. La sortie garde l'encodage de l'entrée.
                     (CSV encoding when not UTF-8; an XML file is read in the encoding its header declares; the
                     output keeps the input's encoding)
`;

/** Bytes that are not in the input's encoding, on a line (1-based). */
class InvalidBytes extends Error {
  constructor(readonly line: number) {
    super('invalid bytes');
  }
}

/** The first bytes of an input (at least `min` when there are), and the input's chunks from the start. */
async function peekBytes(
  input: AsyncIterable<Uint8Array>,
  min: number,
): Promise<{ head: Uint8Array; chunks: AsyncIterable<Uint8Array> }> {
  const source = input[Symbol.asyncIterator]();
  const first: Uint8Array[] = [];
  let length = 0;
  let done = false;
  while (length < min) {
    const next = await source.next();
    if (next.done) {
      done = true;
      break;
    }
    first.push(next.value);
    length += next.value.length;
  }
  const head = new Uint8Array(length);
  let at = 0;
  for (const c of first) {
    head.set(c, at);
    at += c.length;
  }
  async function* chunks(): AsyncGenerator<Uint8Array> {
    yield* first;
    if (done) return;
    for (let next = await source.next(); !next.done; next = await source.next()) yield next.value;
  }
  return { head, chunks: chunks() };
}

/**
 * The encoding of a transmission file's bytes, as the reader decides it: a UTF-8 byte-order mark means UTF-8; an
 * XML declaration wins over `--encoding` (undefined when it names an encoding olinpe does not read); else
 * `--encoding`, else UTF-8.
 */
function inputEncoding(
  bytes: Uint8Array,
  requested: string | undefined,
): { encoding: TextEncodingName } | { refused: string } {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return { encoding: 'utf-8' };
  let head = '';
  for (let i = 0; i < Math.min(bytes.length, 512); i++) head += String.fromCharCode(bytes[i]!);
  const declared = declaredEncoding(head);
  if (declared !== undefined) {
    const known = encodingOf(declared);
    return known ? { encoding: known } : { refused: declared.slice(0, 40) };
  }
  return { encoding: (requested && encodingOf(requested)) || 'utf-8' };
}

export const rehashCommand: Command = {
  name: 'rehash',
  summary: 're-hache NUMANONYM et NUMANONYMANT au niveau 2 (observatory re-hash, XML or CSV)',
  usage,
  async run(args, io) {
    const { values, positionals } = safeParseArgs(
      args,
      {
        'key-file': { type: 'string' },
        'allow-short-key': { type: 'boolean', default: false },
        encoding: { type: 'string' },
      },
      true,
    );
    if (positionals.length !== 2) {
      throw new UsageError('il faut une entrée et une sortie (an input and an output are required)');
    }
    const [input, output] = positionals as [string, string];
    const requested = parseEncoding(values.encoding as string | undefined);
    const key = await readKeyFile(values['key-file'] as string | undefined, io.cwd, values['allow-short-key'] === true);
    const toLevel2 = createRehasher({ key, sha1Utf8: nodeSha1Utf8 });
    const replace = (value: string, variable: IdentifierVariable): string | RefusalReason => {
      try {
        return toLevel2(value, variable === 'NUMANONYM' ? 'numanonym' : 'numanonymAnt');
      } catch (error) {
        if (!(error instanceof PseudonymisationError)) throw error;
        const fr = error.messageFr.slice(error.messageFr.indexOf(':') + 2);
        const en = error.messageEn.slice(error.messageEn.indexOf(':') + 2);
        return { fr, en };
      }
    };
    // Read, decoded, re-hashed and written chunk by chunk (issue 16): memory does not grow with the file. The
    // output is a temporary file beside the target (stdout: spooled), renamed only once the whole input has been
    // read without a fatal refusal; on a refusal it is removed and the target left as it was (runCli).
    const { head, chunks } = await peekBytes(openInput(input, io), 512);
    const chosen = inputEncoding(head, requested);
    if ('refused' in chosen) {
      io.stderr.write(
        `olinpe rehash : ligne 1 : fichier refusé : encodage déclaré non pris en charge (${chosen.refused}) ; olinpe lit UTF-8, ISO-8859-1 et windows-1252, aucune sortie écrite ` +
          `(line 1: file refused: unsupported declared encoding (${chosen.refused}); olinpe reads UTF-8, ISO-8859-1 and windows-1252, no output written)\n`,
      );
      return 2;
    }
    const decoder = createDecoder(chosen.encoding);
    let lines = 1;
    const count = (text: string): void => {
      for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) lines++;
    };
    async function* text(): AsyncGenerator<string> {
      try {
        for await (const chunk of chunks) {
          // Decoded in pieces of 16 KB: a text of 64 Ki characters of which one is beyond U+00FF would be a
          // large-object string (see TEXT_PIECE in rewrite-identifiers.ts).
          for (let at = 0; at < chunk.length; at += DECODED_PIECE) {
            const decoded = decoder.decode(chunk.subarray(at, at + DECODED_PIECE));
            count(decoded);
            yield decoded;
          }
        }
        yield decoder.end();
      } catch (error) {
        if (!(error instanceof DecodeError)) throw error;
        count(error.before);
        throw new InvalidBytes(lines);
      }
    }
    const out = await openOutput(output, io, { spool: true });
    const stream = rewriteIdentifierStream(text(), replace, input === '-' ? {} : { fileName: input });
    try {
      // Written back in the input's encoding: every byte but the identifiers' is the input's (identifiers are ASCII).
      // Gathered into writes of about 256 KB: a write per 16 Ki-character piece woke a thread of the pool each time.
      let held: Uint8Array[] = [];
      let heldBytes = 0;
      const flush = async (): Promise<void> => {
        if (heldBytes === 0) return;
        const bytes = held.length === 1 ? held[0]! : Buffer.concat(held, heldBytes);
        held = [];
        heldBytes = 0;
        await out.write(bytes);
      };
      for await (const chunk of stream) {
        const encoded = encodeText(chunk, chosen.encoding);
        if (encoded.bytes === undefined) throw new Error('rehash: output not encodable in the input encoding');
        held.push(encoded.bytes);
        heldBytes += encoded.bytes.length;
        if (heldBytes >= WRITTEN_PIECE) await flush();
      }
      await flush();
    } catch (error) {
      if (!(error instanceof InvalidBytes)) throw error;
      const at = error.line;
      io.stderr.write(
        `olinpe rehash : ligne ${at} : fichier refusé : octets qui ne sont pas de l'UTF-8 ; si le fichier est en ISO-8859-1 ou windows-1252, ` +
          `le dire avec --encoding latin1 ou --encoding windows-1252 (ou le déclarer dans l'en-tête XML), aucune sortie écrite ` +
          `(line ${at}: file refused: bytes that are not UTF-8; if the file is ISO-8859-1 or windows-1252, say so with --encoding latin1 ` +
          `or --encoding windows-1252 (or declare it in the XML header), no output written)\n`,
      );
      return 2; // the temporary output is removed by runCli
    }
    const result = stream.summary!;
    if (result.fatal) {
      io.stderr.write(`olinpe rehash : ${refusalLine(result.fatal)}`);
      io.stderr.write('olinpe rehash : aucune sortie écrite (no output written)\n');
      return 2; // the temporary output is removed by runCli
    }
    await out.close();
    for (const r of result.refusals) io.stderr.write(`olinpe rehash : ${refusalLine(r)}`);
    const unlisted = result.refused - result.refusals.length;
    if (unlisted > 0) {
      io.stderr.write(
        `olinpe rehash : ${unlisted} autres enregistrements écartés, non détaillés (les ${result.refusals.length} premiers le sont) ` +
          `(${unlisted} more records left out, not listed: the first ${result.refusals.length} are)\n`,
      );
    }
    io.stderr.write(countsLine('rehash', result.read, result.written, result.refused));
    return result.refused > 0 ? 1 : 0;
  },
};
