/**
 * `olinpe/nomenclature`: the variables and codes of the OLINPE decrees (2016-1966 and 2011-222) as data,
 * with literal types for every variable name and code, and small lookup functions.
 *
 * @module nomenclature
 */
export * from './lookup.js';
export * from './conditions.js';
export * from './describe.js';
export { LINK_VARIABLES, NATURE_LINK_VARIABLES } from './measure-link.js';
export type * from './generated/types.js';
/** The zod schemas of the nomenclature data (what nomenclature/schema.json is generated from). */
export { editionSchema, variableSchema } from './data-schema.js';
export type {
  AgeBand,
  BlockDef,
  CodeDef,
  Condition,
  Discrepancy,
  EditionData,
  EditionId,
  SourceDef,
  SourceRef,
  Text,
  VariableDef,
  VariableType,
} from './data-schema.js';
