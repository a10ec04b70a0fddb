import { conditionVariables } from '../src/nomenclature/conditions.js';
import type { EditionData } from '../src/nomenclature/data-schema.js';

/**
 * Checks what the schema cannot: unique names and codes, the unknown code among the codes,
 * conditions and sources that point to things that exist, blocks that are used. Returns the problems.
 */
export function checkEditionData(data: EditionData): string[] {
  const problems: string[] = [];
  const names = new Set<string>();
  const blocks = new Set(data.blocks.map((b) => b.id));
  for (const v of data.variables) {
    if (names.has(v.name)) problems.push(`${v.name}: duplicate variable`);
    names.add(v.name);
  }
  const eventVar = data.variables.find((v) => v.name === data.eventVariable);
  if (!eventVar) problems.push(`eventVariable ${data.eventVariable} is not a variable`);
  const eventCodes = new Set(eventVar?.codes.map((c) => c.code));
  for (const v of data.variables) {
    const where = v.name;
    if (!blocks.has(v.block)) problems.push(`${where}: unknown block ${v.block}`);
    const codes = new Set<string>();
    for (const c of v.codes) {
      if (codes.has(c.code)) problems.push(`${where}: duplicate code ${c.code}`);
      codes.add(c.code);
      for (const s of c.sources ?? []) if (!data.sources[s]) problems.push(`${where} ${c.code}: unknown source ${s}`);
    }
    if (v.type === 'code' && v.unknownCode !== null && v.codes.length > 0 && !codes.has(v.unknownCode)) {
      problems.push(`${where}: unknownCode ${v.unknownCode} is not one of its codes`);
    }
    if (v.type !== 'code' && v.codes.length > 0) problems.push(`${where}: codes on a variable of type ${v.type}`);
    for (const e of v.applicability.events) {
      if (!eventCodes.has(e)) problems.push(`${where}: event ${e} is not a code of ${data.eventVariable}`);
    }
    for (const name of conditionVariables(v.applicability.condition)) {
      if (!data.variables.some((o) => o.name === name))
        problems.push(`${where}: condition on unknown variable ${name}`);
    }
    for (const s of v.sources) if (!data.sources[s.source]) problems.push(`${where}: unknown source ${s.source}`);
    for (const d of v.discrepancies ?? []) {
      for (const side of d.sides)
        if (!data.sources[side.source]) problems.push(`${where}: unknown source ${side.source} in discrepancy`);
    }
    const { age } = v.applicability;
    if (age.min !== null && age.max !== null && age.min > age.max) problems.push(`${where}: empty age band`);
  }
  return problems;
}
