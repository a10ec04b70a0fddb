import { parseArgs } from 'node:util';
import { isEdition } from '../../nomenclature/index.js';
import { xsd } from '../../transmission/index.js';
import { UsageError, type Command } from '../command.js';
import { openOutput } from '../io.js';

const usage = `Usage: olinpe xsd [--edition 2016|2011] [--strict] [--out FICHIER]

Affiche le schéma XML (XSD) du fichier de transmission, généré depuis la nomenclature.
Prints the XML Schema of the transmission file, generated from the nomenclature.

  --edition   2016 (par défaut) ou 2011
  --strict    contraintes du schéma officiel (ONPE XSD 2.0 / ONED XSD 1.22) : dates inconnues 0000-00-00,
              pas de date partielle, NUMANONYM obligatoire. Sans --strict : la forme du guide
              (dates partielles et 9999-99-99 acceptées).
  --out       écrit dans un fichier au lieu de la sortie standard
`;

export const xsdCommand: Command = {
  name: 'xsd',
  summary: 'Schéma XSD du fichier de transmission (forme du guide ou stricte) / XML Schema of the file',
  usage,
  async run(args, io) {
    const parsed = parseArgs({
      args,
      options: {
        edition: { type: 'string', default: '2016' },
        strict: { type: 'boolean', default: false },
        out: { type: 'string' },
      },
      allowPositionals: false,
    });
    const { edition, strict, out } = parsed.values;
    if (!isEdition(edition)) throw new UsageError(`édition inconnue « ${edition} » (attendu 2016 ou 2011)`);
    const output = await openOutput(out ?? '-', io);
    await output.write(xsd(edition, { strict }));
    await output.close();
    return 0;
  },
};
