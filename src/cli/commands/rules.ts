import { parseArgs } from 'node:util';
import { isEdition } from '../../nomenclature/index.js';
import { ruleCatalogueMarkdown, rules } from '../../rules/index.js';
import { UsageError, type Command } from '../command.js';

const usage = `Usage: olinpe rules [--edition 2016|2011] [--format text|json|markdown]

Affiche le catalogue des règles de cohérence (identifiant, sévérité, portée, titre, sources, messages).
Prints the consistency rule catalogue.
`;

/** The fields of a rule `--format json` writes, in order. */
const JSON_FIELDS = [
  'id',
  'family',
  'title',
  'severity',
  'scope',
  'editions',
  'validFrom',
  'validTo',
  'variables',
  'citations',
  'message',
  'auditSection',
  'generated',
] as const;

export const rulesCommand: Command = {
  name: 'rules',
  summary: 'catalogue des règles de cohérence (rule catalogue)',
  usage,
  async run(args, io) {
    const { values } = parseArgs({
      args,
      options: { edition: { type: 'string', default: '2016' }, format: { type: 'string', default: 'text' } },
    });
    const edition = values.edition;
    if (!isEdition(edition)) throw new UsageError(`--edition doit valoir 2016 ou 2011 (reçu « ${edition} »)`);
    const list = rules(edition);
    if (values.format === 'json') {
      // The catalogue's own fields, in this order (not the engine's: checks, examples); no audit section is null.
      const data = list.map((r) =>
        Object.fromEntries(JSON_FIELDS.map((k) => [k, k === 'auditSection' ? (r.auditSection ?? null) : r[k]])),
      );
      io.stdout.write(`${JSON.stringify(data, null, 2)}\n`);
    } else if (values.format === 'markdown') {
      const pages = ruleCatalogueMarkdown();
      const text = [...pages]
        .filter(([p]) => p.startsWith(`${edition}/`))
        .map(([, t]) => t)
        .join('\n');
      io.stdout.write(text);
    } else if (values.format === 'text') {
      for (const r of list)
        io.stdout.write(`${r.id.padEnd(28)} ${r.severity.padEnd(7)} ${r.scope.padEnd(12)} ${r.title.fr}\n`);
      io.stdout.write(`\n${list.length} règles (édition ${edition})\n`);
    } else {
      throw new UsageError(`--format doit valoir text, json ou markdown (reçu « ${values.format} »)`);
    }
    return 0;
  },
};
