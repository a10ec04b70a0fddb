import { parseArgs } from 'node:util';
import type { EditionId, VariableDef } from '../../nomenclature/index.js';
import { describeVariable, localise, typeLabel } from '../../nomenclature/index.js';
import { editionData, isEdition, variable, variables, type Lang } from '../../nomenclature/index.js';
import { UsageError, type Command } from '../command.js';

const usage = `Usage: olinpe describe [VARIABLE] [--edition 2016|2011] [--format text|json] [--lang fr|en]

Décrit une variable (libellé, codes, quand elle s'applique, sources), ou toute l'édition sans VARIABLE.
Describes one variable, or the whole edition when VARIABLE is omitted.

  --edition   2016 (par défaut) ou 2011
  --format    text (par défaut) ou json
  --lang      fr (par défaut) ou en (text only; json carries both)
`;

/** The JSON form of a variable: stable field names, labels as strings (French) plus English. */
export function variableToJson(def: VariableDef): Record<string, unknown> {
  return {
    name: def.name,
    number: def.number,
    label: def.label.fr,
    labelEn: def.label.en ?? null,
    block: def.block,
    decreeRef: def.decreeRef,
    type: def.type,
    format: def.format,
    unknownCode: def.unknownCode,
    emptyAllowed: def.emptyAllowed,
    required: def.required,
    codes: def.codes.map((c) => ({
      code: c.code,
      label: c.label.fr,
      labelEn: c.label.en ?? null,
      ...(c.age ? { age: c.age } : {}),
      ...(c.sources ? { sources: c.sources } : {}),
    })),
    applicability: def.applicability,
    predecessor: def.predecessor ?? null,
    successor: def.successor ?? null,
    sources: def.sources,
    discrepancies: def.discrepancies ?? [],
  };
}

function overview(edition: EditionId, lang: Lang): string {
  const data = editionData(edition);
  const lines = [`${data.decree} — ${data.variables.length} variables (XSD ${data.xsdVersion})`, ''];
  for (const block of data.blocks) {
    lines.push(`${block.id}. ${localise(block.label, lang)}`);
    for (const v of data.variables.filter((x) => x.block === block.id)) {
      const n = v.number === null ? '   ' : String(v.number).padStart(3);
      lines.push(`  ${n}  ${v.name.padEnd(13)} ${localise(v.label, lang)} [${typeLabel(v.type, lang)}]`);
    }
  }
  return lines.join('\n');
}

export const describeCommand: Command = {
  name: 'describe',
  summary: 'décrit une variable ou toute une édition (describe a variable or an edition)',
  usage,
  async run(args, io) {
    const { values, positionals } = parseArgs({
      args,
      allowPositionals: true,
      options: {
        edition: { type: 'string', default: '2016' },
        format: { type: 'string', default: 'text' },
        lang: { type: 'string', default: 'fr' },
      },
    });
    const edition = values.edition;
    if (!isEdition(edition)) throw new UsageError(`--edition doit valoir 2016 ou 2011 (reçu « ${edition} »)`);
    if (values.format !== 'text' && values.format !== 'json') {
      throw new UsageError(`--format doit valoir text ou json (reçu « ${values.format} »)`);
    }
    if (values.lang !== 'fr' && values.lang !== 'en') throw new UsageError(`--lang doit valoir fr ou en`);
    if (positionals.length > 1) throw new UsageError('une seule variable à la fois (one variable at a time)');
    const lang: Lang = values.lang;
    const name = positionals[0];
    if (name === undefined) {
      if (values.format === 'json') {
        io.stdout.write(`${JSON.stringify(variables(edition).map(variableToJson), null, 2)}\n`);
      } else {
        io.stdout.write(`${overview(edition, lang)}\n`);
      }
      return 0;
    }
    const def = variable(name.toUpperCase(), edition);
    if (!def) {
      const other: EditionId = edition === '2016' ? '2011' : '2016';
      const hint = variable(name.toUpperCase(), other)
        ? ` ; elle existe dans l'édition ${other} (--edition ${other})`
        : '';
      throw new UsageError(`variable inconnue « ${name} » dans l'édition ${edition}${hint} (unknown variable)`);
    }
    if (values.format === 'json') io.stdout.write(`${JSON.stringify(variableToJson(def), null, 2)}\n`);
    else io.stdout.write(`${describeVariable(def, editionData(edition), lang)}\n`);
    return 0;
  },
};
