/**
 * Small embedded lists of FAKE first names and mothers' birth names, chosen to exercise name normalisation:
 * accents, ligatures (œ, æ), compound names, particles and apostrophes. Combined at random they describe no one.
 *
 * @module
 */
import type { Rng } from './random.js';

/** First names given to boys. */
export const BOYS_FIRST_NAMES: readonly string[] = [
  'Lucas',
  'Noé',
  'Jean-Baptiste',
  'Mathéo',
  'Loïc',
  'Anaël',
  'Gaëtan',
  'Hugo',
  'Raphaël',
  'Yanis',
  'Léo',
  'Théo',
  'Élie',
  'Jérôme',
  'Adam',
  'Benoît',
  'Côme',
  'François',
  'Mohamed',
  'Ilyès',
  'Kylian',
  'Timothée',
  'Joël',
  'Aurélien',
  'Paul-Émile',
  'Naël',
  'Enzo',
  'Rémi',
  'Sacha',
  'Éthan',
  "N'Golo",
  'Wassim',
  'Baptiste',
  'Cédric',
  'Maël',
  'Jean-Marc',
  'Ismaël',
  'Ange',
  'Killian',
  'Nathan',
];

/** First names given to girls. */
export const GIRLS_FIRST_NAMES: readonly string[] = [
  'Léa',
  'Chloé',
  'Zoé',
  'Anaïs',
  'Lætitia',
  'Maëlle',
  'Inès',
  'Célia',
  'Marie-Hélène',
  'Noémie',
  'Héloïse',
  'Océane',
  'Jade',
  'Manon',
  'Maëlys',
  'Éloïse',
  'Anne-Sophie',
  'Aïcha',
  'Sarah',
  'Louise',
  'Clémence',
  'Agnès',
  'Françoise',
  'Rose-Marie',
  'Yasmine',
  'Lou',
  'Capucine',
  'Bérénice',
  'Kenza',
  'Éléonore',
  "Ma'ayan",
  'Emma',
  'Mélissa',
  'Lina',
  'Perrine',
  'Ambre',
  'Salomé',
  'Joséphine',
  'Nour',
  'Gwenaëlle',
];

/** Birth names of mothers. */
export const MOTHERS_BIRTH_NAMES: readonly string[] = [
  'Le Goff',
  'de La Fontaine',
  "D'Almeida",
  'Lefèvre',
  'Bœuf',
  'Nguyen',
  'Müller',
  'Dupont-Moretti',
  'Ménard',
  "N'Diaye",
  'Rousseau',
  'Saint-Clair',
  'Da Silva',
  'Lætitier',
  'Bénard',
  'Cœurdevey',
  'Van der Berg',
  'Ørsted',
  'Martin',
  'Bernard',
  'Petit',
  'Garnier',
  'Faure',
  'Benoît',
  'Girard',
  'Lemoine',
  'Haddad',
  'Traoré',
  "L'Hermitte",
  'Le Bihan',
  'Pérez',
  'Gonçalves',
  'Castaño',
  'Mercier',
  'Roux',
  'Lambert',
  'Boyer',
  'Chevalier',
  'Du Pré',
  'Besançon',
  'Morel',
  'Aubert',
  'Kéravec',
  'Poisson-Hénaff',
  'Ben Saïd',
  'De Smet',
  'Lévêque',
  'Œhmichen',
];

/** Consonants and vowels of the generated surname element (plain ASCII: normalisation keeps each letter as is). */
const CONSONANTS = 'bdfgklmnprstvz';
const VOWELS = 'aeiou';
/** Syllables of the generated element: always at least this many, so the element is a fixed-length suffix. */
const SYLLABLES = 4;

/**
 * A made-up surname element that encodes `n` (a non-negative integer) one-to-one: consonant–vowel syllables, at
 * least four, written as a capitalised word ("Badekimo"). Normalised (upper case, letters only) it is always the
 * last `2 × syllables` letters of the name it ends, so two different `n` never give the same normalised name,
 * whatever comes before. 70 syllables: 24 million values in four syllables; larger `n` take more syllables.
 *
 * @example
 * uniqueSurnameElement(0); // "Babababa"
 * uniqueSurnameElement(1) !== uniqueSurnameElement(0); // true
 */
export function uniqueSurnameElement(n: number): string {
  if (!Number.isSafeInteger(n) || n < 0) throw new RangeError(`n must be a non-negative integer (got ${String(n)})`);
  const base = CONSONANTS.length * VOWELS.length;
  const digits: number[] = [];
  let rest = n;
  while (digits.length < SYLLABLES || rest > 0) {
    digits.push(rest % base);
    rest = Math.floor(rest / base);
  }
  const word = digits
    .reverse()
    .map((d) => CONSONANTS[Math.floor(d / VOWELS.length)]! + VOWELS[d % VOWELS.length]!)
    .join('');
  return word[0]!.toUpperCase() + word.slice(1);
}

/**
 * A plausible earlier spelling of a name, as a clerk might have entered it before a correction: a consonant doubled
 * or a vowel mistyped. Always differs from the input once normalised (accents, case, spaces and apostrophes are
 * removed by normalisation, so dropping them would give the same pseudonym).
 *
 * @example
 * const rng = new Rng(1);
 * misspell('Lefèvre', rng); // e.g. "Leffèvre" or "Lefèvra"
 */
export function misspell(name: string, rng: Rng): string {
  const variants: string[] = [];
  const letters = [...name];
  const i = letters.findIndex((c, k) => k > 0 && /[bcdfglmnprst]/.test(c));
  if (i > 0) variants.push([...letters.slice(0, i + 1), letters[i] ?? '', ...letters.slice(i + 1)].join(''));
  const j = letters.findIndex((c, k) => k > 1 && /[aeiouy]/.test(c));
  if (j > 1)
    variants.push(letters.slice(0, j).join('') + (letters[j] === 'e' ? 'a' : 'e') + letters.slice(j + 1).join(''));
  const out = variants.filter((v) => v !== name && v.length > 0);
  return out.length > 0 ? rng.pick(out) : `${name}e`;
}
