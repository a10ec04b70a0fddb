/**
 * The contracts for other languages, generated from the zod schemas (`npm run generate`):
 *
 * - `docs/contracts/openapi.json`: the OpenAPI 3.1 document of `olinpe serve` (derived from the service's zod
 *   schemas by @hono/zod-openapi);
 * - `docs/contracts/record-2016.schema.json`, `record-2011.schema.json`: the JSON Schema (draft 2020-12) of one
 *   record of each edition, from the record models (`olinpe/model`) by zod's own `z.toJSONSchema`, each property
 *   titled with the variable's label from the nomenclature and its codes kept in the decree's order.
 *
 * Published in the package (`olinpe/openapi.json`, `olinpe/schemas/record-2016.json`…) and on the site.
 */
import { z } from 'zod';
import { recordSchema2011, recordSchema2016 } from '../src/model/index.js';
import { editionData, type EditionId } from '../src/nomenclature/index.js';
import { createService } from '../src/serve/index.js';

const BASE = 'https://github.com/olinpe/olinpe/blob/main/docs/contracts/';

function json(value: unknown): string {
  return `${JSON.stringify(value, null, 2)}\n`;
}

/** The JSON Schema of one edition's record, with the nomenclature's labels and code order. */
export function recordJsonSchema(edition: EditionId): Record<string, unknown> {
  const schema = z.toJSONSchema(edition === '2016' ? recordSchema2016 : recordSchema2011, {
    target: 'draft-2020-12',
    unrepresentable: 'any',
  }) as {
    properties: Record<string, { enum?: string[]; description?: string; title?: string }>;
  } & Record<string, unknown>;
  const data = editionData(edition);
  for (const v of data.variables) {
    const p = schema.properties[v.name];
    if (!p) throw new Error(`record-${edition}: ${v.name} is missing from the JSON Schema`);
    if (p.enum) {
      // z.enum keeps its values as object keys, which puts number-like codes first: the decree's order instead.
      const ordered = ['', ...v.codes.map((c) => c.code)];
      if (ordered.length !== p.enum.length || !ordered.every((c) => p.enum!.includes(c)))
        throw new Error(`record-${edition}: ${v.name} codes differ from the nomenclature`);
      p.enum = ordered;
    }
    const format = p.description;
    const { enum: codes, description: _d, title: _t, ...rest } = p;
    schema.properties[v.name] = {
      title: v.label.fr,
      description: [
        v.label.en,
        format,
        v.codes.length > 0 ? v.codes.map((c) => `${c.code} = ${c.label.fr}`).join(' ; ') : undefined,
      ]
        .filter(Boolean)
        .join(' — '),
      ...rest,
      ...(codes ? { enum: codes } : {}),
    };
  }
  const { $schema, ...body } = schema;
  return {
    $schema,
    $id: `${BASE}record-${edition}.schema.json`,
    title: `OLINPE record, ${edition} edition (${data.decree})`,
    description: `Une ligne (un <DONNEE>) du fichier de transmission, édition ${edition} : chaque variable est facultative (absente = non transmise), la chaîne vide veut dire « non concerné », les codes « ne sait pas » sont des valeurs à part entière. Les règles de cohérence (applicabilité, dates, âge) ne sont pas dans ce schéma : POST /v1/editions/${edition}/records/validate. Generated from olinpe/model by npm run generate.`,
    ...body,
  };
}

/** Every contract file: path → content. */
export function renderContracts(): Map<string, string> {
  const files = new Map<string, string>();
  files.set('docs/contracts/openapi.json', json(createService().openApiDocument()));
  for (const e of ['2016', '2011'] as const)
    files.set(`docs/contracts/record-${e}.schema.json`, json(recordJsonSchema(e)));
  return files;
}
