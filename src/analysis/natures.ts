/**
 * A small grouping of decision codes into natures of measure, the unit of most indicators. Raw codes
 * (NATPDECADM for administrative decisions, NATDECASSED for judicial ones) are kept beside the group.
 */

/** Administrative (DECISION = 1) or judicial (DECISION = 2); 'unknown' when DECISION is missing. */
export type MeasureKind = 'administrative' | 'judicial' | 'unknown';

/** The groups, in display order. */
export const NATURE_GROUPS = [
  {
    id: 'aed',
    kind: 'administrative',
    fr: 'Aide à domicile (AED, TISF, AESF)',
    en: 'Home support (AED, TISF, AESF)',
    codes: ['10'],
  },
  {
    id: 'accueil-provisoire',
    kind: 'administrative',
    fr: 'Accueil provisoire (mineur)',
    en: 'Voluntary care (minor)',
    codes: ['14'],
  },
  {
    id: 'accueil-temporaire',
    kind: 'administrative',
    fr: 'Accueil de jour, 72 h, 5 jours, parent-enfant',
    en: 'Day, 72-hour, 5-day, parent-child care',
    codes: ['11', '12', '13', '16'],
  },
  { id: 'pupille', kind: 'administrative', fr: "Pupille de l'État", en: 'Ward of the State', codes: ['15'] },
  {
    id: 'jeune-majeur-adm',
    kind: 'administrative',
    fr: 'Jeune majeur (aide éducative ou accueil provisoire)',
    en: 'Young adult (administrative)',
    codes: ['20', '21'],
  },
  {
    id: 'autre-adm',
    kind: 'administrative',
    fr: 'Autre ou inconnue (administrative)',
    en: 'Other or unknown (administrative)',
    codes: ['18', '19', '99', ''],
  },
  {
    id: 'investigation',
    kind: 'judicial',
    fr: 'Investigation, expertise (MJIE, IOE)',
    en: 'Investigation, expertise',
    codes: ['11', '14'],
  },
  {
    id: 'aemo',
    kind: 'judicial',
    fr: 'AEMO (avec ou sans hébergement)',
    en: 'AEMO (in-home educational assistance)',
    codes: ['15', '16'],
  },
  {
    id: 'placement',
    kind: 'judicial',
    fr: 'Placement judiciaire (ASE ou direct)',
    en: 'Court-ordered placement',
    codes: ['17', '18'],
  },
  { id: 'mjagbf', kind: 'judicial', fr: 'MJAGBF', en: 'Family budget support (MJAGBF)', codes: ['19'] },
  {
    id: 'autorite-parentale',
    kind: 'judicial',
    fr: "Délégation d'autorité parentale, tutelle",
    en: 'Delegation of parental authority, guardianship',
    codes: ['22', '23'],
  },
  {
    id: 'jeune-majeur-jud',
    kind: 'judicial',
    fr: 'Protection judiciaire du jeune majeur',
    en: 'Young adult (judicial)',
    codes: ['24'],
  },
  {
    id: 'autre-jud',
    kind: 'judicial',
    fr: 'Autre ou inconnue (judiciaire)',
    en: 'Other or unknown (judicial)',
    codes: ['21', '99', ''],
  },
  { id: 'inconnue', kind: 'unknown', fr: 'Type de décision inconnu', en: 'Unknown decision type', codes: [] },
] as const satisfies readonly { id: string; kind: MeasureKind; fr: string; en: string; codes: readonly string[] }[];

export type NatureGroup = (typeof NATURE_GROUPS)[number]['id'];

const index = new Map<string, number>();
NATURE_GROUPS.forEach((g, i) => {
  for (const c of g.codes) index.set(`${g.kind}:${c}`, i);
});
const UNKNOWN_INDEX = NATURE_GROUPS.length - 1;

/**
 * The kind of a measure from DECISION.
 *
 * @example
 * measureKind('2') // 'judicial'
 */
export function measureKind(decision: string | undefined): MeasureKind {
  return decision === '1' ? 'administrative' : decision === '2' ? 'judicial' : 'unknown';
}

/**
 * The index (into {@link NATURE_GROUPS}) of the group of a decision.
 *
 * @example
 * NATURE_GROUPS[natureGroupIndex('2', '', '15')]!.id // 'aemo'
 * NATURE_GROUPS[natureGroupIndex('1', '14', '')]!.id // 'accueil-provisoire'
 */
export function natureGroupIndex(
  decision: string | undefined,
  natpdecadm: string | undefined,
  natdecassed: string | undefined,
): number {
  const kind = measureKind(decision);
  if (kind === 'unknown') return UNKNOWN_INDEX;
  const code = (kind === 'administrative' ? natpdecadm : natdecassed) ?? '';
  return index.get(`${kind}:${code}`) ?? index.get(`${kind}:99`) ?? UNKNOWN_INDEX;
}

/**
 * The group id of a decision.
 *
 * @example
 * natureGroup('2', '', '17') // 'placement'
 */
export function natureGroup(
  decision: string | undefined,
  natpdecadm: string | undefined,
  natdecassed: string | undefined,
): NatureGroup {
  return NATURE_GROUPS[natureGroupIndex(decision, natpdecadm, natdecassed)]!.id;
}

/** Kinds by index (the `kind` column of a measure table). */
export const KINDS: readonly MeasureKind[] = ['administrative', 'judicial', 'unknown'];

/** Short letter of a group used in sequences (e.g. `AEMO → placement`): the group id itself. */
export function groupLabel(i: number, lang: 'fr' | 'en' = 'fr'): string {
  const g = NATURE_GROUPS[i];
  return g ? g[lang] : '?';
}
