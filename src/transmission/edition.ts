/**
 * Which edition a record or a file belongs to, from VERSIONXSD, CODEV vs TYPEV and the variables present.
 *
 * @module
 */
import type { EditionId } from '../nomenclature/index.js';
import { variableNames } from '../nomenclature/index.js';

let cache: { in2016: Set<string>; in2011: Set<string>; only2016: Set<string>; only2011: Set<string> } | undefined;

/** The variable names of both editions and those that belong to one edition only. */
export function editionNameSets(): {
  in2016: Set<string>;
  in2011: Set<string>;
  only2016: Set<string>;
  only2011: Set<string>;
} {
  if (!cache) {
    const in2016 = new Set<string>(variableNames('2016'));
    const in2011 = new Set<string>(variableNames('2011'));
    cache = {
      in2016,
      in2011,
      only2016: new Set([...in2016].filter((n) => !in2011.has(n))),
      only2011: new Set([...in2011].filter((n) => !in2016.has(n))),
    };
  }
  return cache;
}

/**
 * The edition a VERSIONXSD announces: `1.x` is the 2011 decree (ONED's schemas 1.1 and 1.22),
 * anything else (2.0, 2.01) the 2016 decree. `undefined` when the text is empty.
 *
 * @example
 * editionOfVersion('1.22'); // "2011"
 * editionOfVersion(' 2.0 '); // "2016"
 */
export function editionOfVersion(versionXsd: string | undefined): EditionId | undefined {
  const v = versionXsd?.trim();
  if (!v) return undefined;
  return v.startsWith('1') ? '2011' : '2016';
}

/**
 * Detects the edition of one record: a filled TYPEV without CODEV means 2016, a filled CODEV without
 * TYPEV means 2011; otherwise the edition with more variables of its own among those present wins; a tie
 * falls back to `hint` (the file's VERSIONXSD), then 2016. The variables weigh more than VERSIONXSD
 * because real files carry `1.22` over 2016 variables.
 *
 * @example
 * detectEdition({ CODEV: '4', SEXE: '1' }); // "2011"
 * detectEdition({ TYPEV: '1' }, '2011'); // "2016"
 * detectEdition({ SEXE: '1' }, '2011'); // "2011"
 */
export function detectEdition(values: Record<string, string>, hint?: EditionId): EditionId {
  return detectEditionOf(Object.keys(values), values.TYPEV, values.CODEV, hint);
}

/**
 * {@link detectEdition} over the names present and the TYPEV and CODEV values (the readers' fast path).
 *
 * @example
 * detectEditionOf(['CODEV', 'SEXE'], undefined, '4'); // "2011"
 */
export function detectEditionOf(
  names: readonly string[],
  typevValue: string | undefined,
  codevValue: string | undefined,
  hint?: EditionId,
): EditionId {
  return editionOfEvent(typevValue, codevValue) ?? editionOfNames(names, hint);
}

/**
 * The first test of {@link detectEditionOf}: a filled TYPEV without CODEV means 2016, a filled CODEV without TYPEV
 * 2011; undefined otherwise.
 *
 * @example
 * editionOfEvent('1', ''); // "2016"
 * editionOfEvent('', ''); // undefined
 */
export function editionOfEvent(typevValue: string | undefined, codevValue: string | undefined): EditionId | undefined {
  const typev = typevValue !== undefined && typevValue.trim() !== '';
  const codev = codevValue !== undefined && codevValue.trim() !== '';
  if (typev && !codev) return '2016';
  if (codev && !typev) return '2011';
  return undefined;
}

/**
 * The second test of {@link detectEditionOf}: the edition with more variables of its own among `names`, else
 * `hint`, else 2016. Depends on the names only, so a CSV reader computes it once per header.
 *
 * @example
 * editionOfNames(['CODEV', 'SEXE']); // "2011"
 */
export function editionOfNames(names: readonly string[], hint?: EditionId): EditionId {
  const { only2016, only2011 } = editionNameSets();
  let score = 0;
  for (let i = 0; i < names.length; i++) {
    const name = names[i]!;
    if (only2016.has(name)) score++;
    else if (only2011.has(name)) score--;
  }
  if (score > 0) return '2016';
  if (score < 0) return '2011';
  return hint ?? '2016';
}
