/**
 * `olinpe/synth`: synthetic yearly extractions of one département from a seeded population model, with the fake
 * identities behind each line, injected errors of known kinds, and the ground truth (measures, trajectories).
 *
 * @module synth
 */
export {
  synthesise,
  synthesiseYears,
  synthLines,
  entrantsPerYear,
  LINES_PER_ENTRANT,
  PEOPLE_PER_ENTRANT,
} from './synthesise.js';
export type {
  SynthOptions,
  SynthResult,
  SynthYearsResult,
  SynthLine,
  SynthIdentity,
  GroundTruth,
  TruthMeasure,
  TruthEvent,
  TruthYoungPerson,
} from './synthesise.js';
export { injectErrors, INJECTED_ERROR_KINDS } from './inject-errors.js';
export type { InjectedError, InjectedErrorKind } from './inject-errors.js';
export { identitiesCsv } from './csv.js';
export { DEMO_KEY } from './identity.js';
export { youngPerson } from './population.js';
export type { YoungPerson, Measure, SynthMeasureKind, Period, EndReason } from './population.js';
export { measureLines } from './lines.js';
export type { LinePlan, LineRole } from './lines.js';
export { applies, dependencyOrder, isRequired } from './applicability.js';
