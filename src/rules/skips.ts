/**
 * The reasons a rule gives for not checking a record (a rule's status `skipped` shows the first one met), as
 * shared constant objects: returning one allocates nothing.
 *
 * @module
 */
import type { Skip } from './types.js';

/** Skip reasons, shared (constant objects: no allocation per record). */
export const SKIP = {
  absent: { skip: 'variable-absent' },
  noEvent: { skip: 'event-type-unknown' },
  noAge: { skip: 'age-unknown' },
  conditionUnknown: { skip: 'condition-variable-absent-or-unknown' },
  noReferenceYear: { skip: 'no-reference-year' },
  noExportDate: { skip: 'no-export-date' },
} as const satisfies Record<string, Skip>;
