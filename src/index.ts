/**
 * olinpe: France's national child-protection data standard (OLINPE) as a library.
 *
 * Each concern has its own subpath (`olinpe/nomenclature`, `olinpe/model`, `olinpe/rules`,
 * `olinpe/pseudonymisation`, `olinpe/transmission`, `olinpe/analysis`, `olinpe/synth`); this root
 * re-exports the nomenclature and the model. Import the other concerns from their subpath.
 *
 * @module olinpe
 */
export * from './nomenclature/index.js';
export * from './model/index.js';
export { VERSION } from './version.js';
