import type { EditionId } from '../nomenclature/index.js';
import { variable } from '../nomenclature/index.js';

/**
 * The four states of a value: `absent` (the variable is not in the record), `empty` (present, not
 * applicable), `unknown` (the "ne sait pas" code), `filled` (any other value).
 */
export type ValueStatus = 'absent' | 'empty' | 'unknown' | 'filled';

/**
 * The state of a variable's value in a record.
 *
 * @example
 * valueStatus('SEXE', undefined); // "absent"
 * valueStatus('SEXE', ''); // "empty"
 * valueStatus('SEXE', '9'); // "unknown"
 * valueStatus('SEXE', '2'); // "filled"
 */
export function valueStatus(name: string, value: string | undefined, edition: EditionId = '2016'): ValueStatus {
  if (value === undefined) return 'absent';
  if (value === '') return 'empty';
  const def = variable(name, edition);
  if (def?.unknownCode !== null && def?.unknownCode !== undefined && value === def.unknownCode) return 'unknown';
  if (def && (def.type === 'date' || def.type === 'year-month') && /^9999-99(-99)?$/.test(value)) return 'unknown';
  return 'filled';
}
