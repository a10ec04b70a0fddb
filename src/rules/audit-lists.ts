/**
 * The lists that ONPE's technical audit gives in its own order, shared by the "missing" rules (which tag their
 * findings with the audit's section) and the audit itself (onpe-audit.ts).
 *
 * @module
 */

/** Variables of the audit's "missing" sections on the event itself (DECISION … MOTFININT), in ONPE's order. */
export const AUDIT_MISSING_EVENT = ['DECISION', 'DATDECPE', 'DATDEB', 'DATFIN', 'MOTFININT'] as const;
/** Variables of the audit's "missing" sections on the decision's details (NATPDECADM … CHGLIEU), in ONPE's order. */
export const AUDIT_MISSING_DECISION = [
  'NATPDECADM',
  'TYPINTERDOM',
  'LIEUACC',
  'ACCMOD',
  'AUTRLIEUACC',
  'NATDECASSED',
  'TYPDECJUD',
  'INSTITPLAC',
  'NATDECPLAC',
  'LIEUPLAC',
  'PLACMOD',
  'AUTRLIEUAR',
  'CHGLIEU',
] as const;
/** The variables whose "missing" count is a section of ONPE's audit. */
export const AUDIT_MISSING: ReadonlySet<string> = new Set([...AUDIT_MISSING_EVENT, ...AUDIT_MISSING_DECISION]);
