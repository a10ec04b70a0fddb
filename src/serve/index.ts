/**
 * `olinpe serve`'s service: an HTTP JSON API over the library (nomenclature, record and file validation, audit,
 * pseudonymisation with a server-held key), its OpenAPI document derived from the zod schemas, and RFC 9457
 * problem documents. Web-standard only (no Node built-in): the CLI binds it to a port.
 *
 * @module serve
 */
export { createService, DEFAULT_MAX_FILE_BYTES, DEFAULT_MAX_JSON_BYTES } from './app.js';
export type { ServiceOptions } from './app.js';
export { languageOf } from './lang.js';
export type { Lang } from './lang.js';
export { PROBLEMS, PROBLEM_BASE } from './problem.js';
export type { Problem, FieldError, ProblemKind } from './problem.js';
export { MAX_BATCH, MAX_VALUE_LENGTH } from './schemas.js';
