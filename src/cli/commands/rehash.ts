import { createRehasher, decodeIdentityBytes, PseudonymisationError } from '../../pseudonymisation/index.js';
import { rewriteIdentifiers } from '../../transmission/index.js';
import type { IdentifierRefusal, IdentifierVariable, RefusalReason } from '../../transmission/index.js';
import { UsageError } from '../command.js';
import type { Command } from '../command.js';
import { countsLine, readInputBytes, readKeyFile, safeParseArgs, writeOutput } from './pseudonymise.js';

/** One refused record (or the refused file), by line and element, never its content. */
function refusalLine(r: IdentifierRefusal): string {
  const what = r.variable === undefined ? '' : `${r.variable} : `;
  const whatEn = r.variable === undefined ? '' : `${r.variable}: `;
  return `ligne ${r.line} : ${what}${r.fr} (line ${r.line}: ${whatEn}${r.en})\n`;
}

const usage = `Usage: olinpe rehash --key-file FICHIER [--allow-short-key] <entrée> <sortie>

Second niveau (observatoire) : re-hache NUMANONYM et NUMANONYMANT d'un fichier de transmission (XML
<DECRET> ou CSV « ; », UTF-8) avec la clé de l'observatoire, sans toucher à aucun autre octet des
enregistrements. Le fichier est lu par le lecteur d'olinpe : tout ce qu'il lit comme NUMANONYM ou
NUMANONYMANT est re-haché. Un enregistrement que le lecteur ne sait pas placer (élément d'identifiant en
double, attribut, commentaire dans l'enregistrement, identifiant invalide, 40 caractères hexadécimaux
ailleurs) est écarté et signalé (ligne, élément) : un identifiant de niveau 1 n'atteint jamais le fichier de
niveau 2. Un fichier illisible, ou qui porte un identifiant hors de tout enregistrement, est refusé en entier
(code 2, aucune sortie). « - » désigne l'entrée ou la sortie standard.
Level 2 (observatory): re-hashes every value olinpe's reader reads as NUMANONYM or NUMANONYMANT, every other
byte unchanged; a record the reader cannot place is left out and reported by line; an unreadable file, or one
with an identifier outside any record, is refused whole (exit 2, no output).

  --key-file         fichier contenant la clé de l'observatoire (voir docs/guides/pseudonymisation.md)
  --allow-short-key  accepter une clé de moins de 16 octets (déconseillé)
`;

export const rehashCommand: Command = {
  name: 'rehash',
  summary: 're-hache NUMANONYM et NUMANONYMANT au niveau 2 (observatory re-hash, XML or CSV)',
  usage,
  async run(args, io) {
    const { values, positionals } = safeParseArgs(
      args,
      { 'key-file': { type: 'string' }, 'allow-short-key': { type: 'boolean', default: false } },
      true,
    );
    if (positionals.length !== 2) {
      throw new UsageError('il faut une entrée et une sortie (an input and an output are required)');
    }
    const [input, output] = positionals as [string, string];
    const key = await readKeyFile(values['key-file'] as string | undefined, io.cwd, values['allow-short-key'] === true);
    const toLevel2 = createRehasher({ key });
    const bytes = await readInputBytes(input, io.stdin, io.cwd);
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
    const decoded = decodeIdentityBytes(bytes);
    if ('problem' in decoded) {
      const at = decoded.problem.line;
      io.stderr.write(
        `olinpe rehash : ligne ${at} : fichier refusé : octets qui ne sont pas de l'UTF-8, aucune sortie écrite ` +
          `(line ${at}: file refused: bytes that are not UTF-8, no output written)\n`,
      );
      return 2;
    }
    const text = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf ? `\ufeff${decoded.text}` : decoded.text;
    const result = await rewriteIdentifiers(text, replace, input === '-' ? {} : { fileName: input });
    if (result.fatal) {
      io.stderr.write(`olinpe rehash : ${refusalLine(result.fatal)}`);
      io.stderr.write("olinpe rehash : aucune sortie écrite (no output written)\n");
      return 2;
    }
    await writeOutput(output, result.output, io);
    for (const r of result.refusals) io.stderr.write(`olinpe rehash : ${refusalLine(r)}`);
    io.stderr.write(countsLine('rehash', result.read, result.written, result.refusals.length));
    return result.refusals.length > 0 ? 1 : 0;
  },
};
