/**
 * `olinpe serve`'s service: an HTTP JSON API over the library (nomenclature, record and file validation, audit,
 * pseudonymisation with a server-held key), its OpenAPI document derived from the zod schemas, and RFC 9457
 * problem documents. Web-standard only (no Node built-in): the CLI binds it to a port.
 *
 * @module serve
 */
export { createService, DEFAULT_MAX_FILE_BYTES, DEFAULT_MAX_JSON_BYTES } from './app.js';
