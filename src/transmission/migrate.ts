/**
 * Migration of a 2011-format record (décret 2011-222, CODEV) to the 2016 model (décret 2016-1966, TYPEV):
 * renamed and removed variables from the nomenclature's successor data, values checked against the 2016
 * code lists, the CODEV → TYPEV mapping of ONPE's loader, and a report of every value not carried over.
 *
 * @module
 */
import { recordShape2016 } from '../model/index.js';
import { successorOf, variable } from '../nomenclature/index.js';
import { capValue } from '../model/index.js';

/** Why a value was not carried over, or how it was changed. */
export type MigrationNoteKind =
  | 'removed-variable'
  | 'code-not-in-2016'
  | 'meaning-changed'
  | 'invalid-in-2016'
  | 'unknown-variable'
  | 'no-typev'
  | 'conflict'
  | 'recoded'
  | 'reduced-precision';

/** One line of the migration report. */
export interface MigrationNote {
  kind: MigrationNoteKind;
  /** The 2011 variable (or the element found). */
  variable: string;
  /** The value found. */
  value: string;
  /** The 2016 variable it went to, when it went somewhere. */
  to?: string;
  /** The value written in 2016, when changed. */
  written?: string;
  message: string;
  messageEn: string;
}

/** The result of migrating one record. */
export interface MigrationResult {
  /** The 2016 record (only values valid in 2016). */
  record: Record<string, string>;
  /** Values not carried over (the loss). */
  losses: MigrationNote[];
  /** Values carried over with a change (recoded, precision reduced). */
  changes: MigrationNote[];
}

/**
 * Codes that kept their number in 2016 but changed meaning, or were merged: 2011 code → 2016 code, or
 * `null` when no 2016 code says the same thing (the value is then reported, not carried).
 * VIOLSEX/VIOLPHYS: 2011 had 2 = procedure under way, 3/4 = yes (declared / established), 2016 has 2 = yes.
 * TITAP: 2011 codes 10 and 20 were merged into 11 in 2016.
 */
export const RECODED_2011: Readonly<Record<string, Readonly<Record<string, string | null>>>> = {
  VIOLSEX: { '2': null, '3': '2', '4': '2' },
  VIOLPHYS: { '2': null, '3': '2', '4': '2' },
  TITAP: { '10': '11', '20': '11' },
};

/** The 2011 end dates that say a measure ended (the 2016 DATFIN has no 2011 predecessor). */
const END_DATES_2011 = ['DATFINAD', 'DATFINACC', 'DATFININTER', 'DATFINPLAC'];

function isKnown(value: string | undefined): boolean {
  return value !== undefined && value.trim() !== '' && value !== '9999-99-99';
}

/** Whether a value is a real decision code of a 2016 decision variable (any code but the unknown one). */
function isDecision(name: 'NATPDECADM' | 'NATDECASSED', value: string | undefined): boolean {
  if (!value) return false;
  const def = variable(name, '2016');
  return def !== undefined && value !== def.unknownCode && def.codes.some((c) => c.code === value);
}

/**
 * The TYPEV of a 2011 record, as ONPE's loader derives it from CODEV: 1, 2, 3 (or 6) with a decision
 * (NATPDECADM or NATDECASSED holding a protection decision) → 1; 4 → 1; 5 → 3 when MOTFININT is 1, 2 or 3
 * and an end date is known (DATFIN on a mixed line, else one of DATFINAD, DATFINACC, DATFININTER,
 * DATFINPLAC), otherwise 2. `undefined` with a reason when no TYPEV follows.
 *
 * @example
 * typevFromCodev({ CODEV: '4' }).typev; // "1"
 * typevFromCodev({ CODEV: '5', MOTFININT: '2', DATFINPLAC: '2015-06-30' }).typev; // "3"
 * typevFromCodev({ CODEV: '5', MOTFININT: '9' }).typev; // "2"
 * typevFromCodev({ CODEV: '1' }).typev; // undefined (no decision)
 */
export function typevFromCodev(record: Readonly<Record<string, string | undefined>>): {
  typev: string | undefined;
  reason?: { fr: string; en: string };
} {
  const codev = (record.CODEV ?? '').trim();
  if (codev === '') return { typev: record.CODEV === undefined ? undefined : '' };
  const family = codev.charAt(0);
  if (family === '4') return { typev: '1' };
  if (family === '5') {
    const ended =
      ['1', '2', '3'].includes(record.MOTFININT ?? '') &&
      (record.DATFIN !== undefined ? isKnown(record.DATFIN) : END_DATES_2011.some((d) => isKnown(record[d])));
    return { typev: ended ? '3' : '2' };
  }
  if (['1', '2', '3', '6'].includes(family)) {
    if (isDecision('NATPDECADM', record.NATPDECADM) || isDecision('NATDECASSED', record.NATDECASSED))
      return { typev: '1' };
    return {
      typev: undefined,
      reason: {
        fr: `CODEV ${codev} sans décision de protection (NATPDECADM, NATDECASSED) : pas de TYPEV en 2016, l'événement n'est plus une mesure.`,
        en: `CODEV ${codev} without a protection decision (NATPDECADM, NATDECASSED): no TYPEV in 2016, the event is not a measure any more.`,
      },
    };
  }
  return { typev: undefined, reason: { fr: `CODEV ${codev} inconnu.`, en: `Unknown CODEV ${codev}.` } };
}

function validIn2016(name: string, value: string): boolean {
  const field = (recordShape2016 as Record<string, { safeParse(v: unknown): { success: boolean } } | undefined>)[name];
  return field?.safeParse(value).success === true;
}

/**
 * Migrates one 2011-format record to the 2016 model. Every value either goes to its 2016 successor
 * (checked against the 2016 code list and format), or is reported in `losses`; values changed on the way
 * (recoded codes, a date reduced to year and month) are listed in `changes`. Variables that already are
 * 2016 variables (mixed lines) are kept when valid.
 *
 * @example
 * const { record, losses } = migrate2011({ CODEV: '4', SEXE: '2', NONSCO: '1', NATPDECADM: '17' });
 * record; // { TYPEV: "1", SEXE: "2" }
 * losses.map((l) => l.kind); // ["removed-variable", "code-not-in-2016"]
 */
export function migrate2011(record: Readonly<Record<string, string | undefined>>): MigrationResult {
  const out: Record<string, string> = {};
  const losses: MigrationNote[] = [];
  const changes: MigrationNote[] = [];
  const lose = (kind: MigrationNoteKind, name: string, value: string, fr: string, en: string, to?: string): void => {
    const note: MigrationNote = {
      kind,
      variable: name,
      value,
      message: `${name} = « ${capValue(value)} » : ${fr}`,
      messageEn: `${name} = "${capValue(value)}": ${en}`,
    };
    if (to !== undefined) note.to = to;
    losses.push(note);
  };
  const put = (name: string, target: string, value: string): void => {
    if (target in out && out[target] !== value) {
      lose(
        'conflict',
        name,
        value,
        `${target} a déjà la valeur « ${capValue(out[target])} » ; valeur non reprise.`,
        `${target} already holds "${capValue(out[target])}"; value not carried over.`,
        target,
      );
      return;
    }
    out[target] = value;
  };

  const { typev, reason } = typevFromCodev(record);
  if (typev !== undefined) put('CODEV', 'TYPEV', typev);
  else if (reason) lose('no-typev', 'CODEV', record.CODEV ?? '', reason.fr, reason.en, 'TYPEV');

  for (const [name, raw] of Object.entries(record)) {
    if (raw === undefined || name === 'CODEV') continue;
    const value = raw;
    const def2011 = variable(name, '2011');
    if (!def2011) {
      if (variable(name, '2016')) {
        if (validIn2016(name, value)) put(name, name, value);
        else lose('invalid-in-2016', name, value, 'valeur invalide en 2016.', 'invalid value in 2016.', name);
      } else if (value !== '') {
        lose(
          'unknown-variable',
          name,
          value,
          'ni une variable 2011 ni une variable 2016.',
          'neither a 2011 nor a 2016 variable.',
        );
      }
      continue;
    }
    const succ = successorOf(name);
    if (!succ) {
      if (value !== '')
        lose(
          'removed-variable',
          name,
          value,
          "variable supprimée en 2016 (pas d'équivalent).",
          'variable removed in 2016 (no equivalent).',
        );
      continue;
    }
    const target = succ.name;
    if (value === '') {
      put(name, target, '');
      continue;
    }
    let v = value;
    const recode = RECODED_2011[name];
    if (recode && v in recode) {
      const to = recode[v];
      if (to === null || to === undefined) {
        lose(
          'meaning-changed',
          name,
          value,
          `le code ${v} n'a plus le même sens en 2016 et n'a pas d'équivalent.`,
          `code ${v} does not mean the same in 2016 and has no equivalent.`,
          target,
        );
        continue;
      }
      v = to;
    } else if (def2011.unknownCode !== null && v === def2011.unknownCode && succ.unknownCode !== null) {
      v = succ.unknownCode;
    }
    let reduced = false;
    if (def2011.type === 'date' && succ.type === 'year-month') {
      v = v.slice(0, 7);
      reduced = true;
    }
    if (!validIn2016(target, v)) {
      const kind: MigrationNoteKind = succ.type === 'code' ? 'code-not-in-2016' : 'invalid-in-2016';
      lose(
        kind,
        name,
        value,
        kind === 'code-not-in-2016'
          ? `code absent de la liste 2016 de ${target}.`
          : `valeur invalide pour ${target} en 2016.`,
        kind === 'code-not-in-2016'
          ? `code not in the 2016 list of ${target}.`
          : `invalid value for ${target} in 2016.`,
        target,
      );
      continue;
    }
    if (v !== value) {
      const kind: MigrationNoteKind = reduced ? 'reduced-precision' : 'recoded';
      changes.push({
        kind,
        variable: name,
        value,
        to: target,
        written: v,
        message: `${name} = « ${capValue(value)} » : écrit ${target} = « ${capValue(v)} »${reduced ? ' (2016 ne garde que l’année et le mois)' : ' (code 2016 équivalent)'}.`,
        messageEn: `${name} = "${capValue(value)}": written ${target} = "${capValue(v)}"${reduced ? ' (2016 keeps year and month only)' : ' (equivalent 2016 code)'}.`,
      });
    }
    put(name, target, v);
  }
  return { record: out, losses, changes };
}

/** Totals of a migration report: how many values of each kind, per variable. */
export interface MigrationSummary {
  records: number;
  recordsWithLosses: number;
  losses: number;
  changes: number;
  /** `kind:variable` → count, e.g. `removed-variable:NONSCO`. */
  byKind: Record<string, number>;
}

/**
 * Accumulates migration results into totals (for a report over a whole file).
 *
 * @example
 * const total = emptyMigrationSummary();
 * addToMigrationSummary(total, migrate2011({ CODEV: '4', NONSCO: '1' }));
 * total.byKind['removed-variable:NONSCO']; // 1
 */
export function addToMigrationSummary(summary: MigrationSummary, result: MigrationResult): MigrationSummary {
  summary.records++;
  if (result.losses.length > 0) summary.recordsWithLosses++;
  summary.losses += result.losses.length;
  summary.changes += result.changes.length;
  for (const n of [...result.losses, ...result.changes]) {
    const key = `${n.kind}:${n.variable}`;
    summary.byKind[key] = (summary.byKind[key] ?? 0) + 1;
  }
  return summary;
}

/** A new, empty {@link MigrationSummary}. */
export function emptyMigrationSummary(): MigrationSummary {
  return { records: 0, recordsWithLosses: 0, losses: 0, changes: 0, byKind: {} };
}
