/**
 * Generates docs/vectors/pseudonymisation-vectors.json: published test vectors for vendors, computed by this
 * library. Deterministic (no randomness, no clock). Usage:
 *   npx tsx scripts/generate-vectors.ts          write the file
 *   npx tsx scripts/generate-vectors.ts --check  exit 1 if the file is not current
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { normaliseName, phonex, phonex12, pseudonymise, rehash } from '../src/pseudonymisation/index.js';

export const VECTORS_PATH = fileURLToPath(new URL('../docs/vectors/pseudonymisation-vectors.json', import.meta.url));

/** The dummy keys of the public vectors (shared/reference/pseudonymisation-vectors.json). */
export const KEY = 'exemple-cle-departementale';
export const KEY2 = 'exemple-cle-observatoire';

interface Input {
  prenom: string;
  nomMere: string;
  jnais: number;
  mnais: number;
  anais: number;
  note: string;
  variantOf?: string;
}

/** The inputs of the 12 public vectors, in their order (ids v01…v12). */
export const OFFICIAL_INPUTS: ReadonlyArray<Omit<Input, 'note'>> = [
  { prenom: 'Jean-Marc', nomMere: 'Le Goff', jnais: 5, mnais: 3, anais: 2010 },
  { prenom: 'Zoé', nomMere: 'Dupont', jnais: 12, mnais: 11, anais: 2012 },
  { prenom: 'Anaïs', nomMere: "N'Diaye", jnais: 1, mnais: 1, anais: 2009 },
  { prenom: 'Loïc', nomMere: 'Lefèvre', jnais: 30, mnais: 6, anais: 2007 },
  { prenom: 'Marie Thérèse', nomMere: 'De La Fontaine', jnais: 9, mnais: 9, anais: 2016 },
  { prenom: 'Œdipe', nomMere: 'Straße', jnais: 28, mnais: 2, anais: 2020 },
  { prenom: 'Philippe', nomMere: 'Schœlcher', jnais: 3, mnais: 4, anais: 2005 },
  { prenom: 'Kylian', nomMere: 'Öztürk', jnais: 17, mnais: 10, anais: 2011 },
  { prenom: 'Gwenaëlle', nomMere: 'Quéméner', jnais: 22, mnais: 8, anais: 2004 },
  { prenom: 'Yanis', nomMere: 'Ben Saïd', jnais: 7, mnais: 5, anais: 2018 },
  { prenom: ' chloé ', nomMere: "o'connor", jnais: 14, mnais: 7, anais: 2013 },
  { prenom: 'Søren', nomMere: 'Łukasiewicz', jnais: 19, mnais: 12, anais: 2003 },
];

const FIRST_NAMES: ReadonlyArray<[string, string]> = [
  ['Adèle', 'accent'], ['Agnès', 'accent'], ['Aïcha', 'diaeresis'], ['Anaëlle', 'diaeresis'], ['André', 'accent'],
  ['Béatrice', 'accent'], ['Benoît', 'circumflex'], ['Cécile', 'accents'], ['Célestin', 'accent'],
  ['Chloé', 'accent'], ['Clémence', 'accent'], ['Denis', 'plain'], ['Éloïse', 'capital accent'],
  ['Émilie', 'capital accent'], ['Étienne', 'capital accent'], ['François', 'cedilla'], ['Gaëtan', 'diaeresis'],
  ['Hélène', 'accents'], ['Inès', 'accent'], ['Jérôme', 'accents'], ['Joël', 'diaeresis'], ['Léa', 'accent'],
  ['Noémie', 'accent'], ['Raphaël', 'diaeresis and ph'], ['Thaïs', 'diaeresis and h'], ['Zoë', 'diaeresis'],
  ['Æsa', 'ligature'], ['Cœlina', 'ligature'], ['Œnone', 'ligature'], ['Maëlys', 'diaeresis and y'],
  ['Jean-Baptiste', 'compound'], ['Marie-Ange', 'compound'], ['Anne Sophie', 'compound with space'],
  ['Pierre--Louis', 'double hyphen'], ['Marie  Claire', 'double space'], ['Lou-Ann', 'compound'],
  ["D'Artagnan", 'apostrophe'], ['N’Golo', 'typographic apostrophe'], ["Ma'ayan", 'apostrophe'],
  ['Yasmine', 'y'], ['Ryan', 'y'], ['Enzo', 'plain'], ['Mathéo', 'th'], ['Théo', 'th'], ['Sacha', 'ch'],
  ['Schéhérazade', 'sch'], ['Quentin', 'qu'], ['Guillaume', 'gu'], ['Gaspard', 'ga'], ['Hugo', 'h'],
  ['Sébastien', 'accent'], ['Ségolène', 'accents'], ['Ludovic', 'c'], ['Lucie', 'ce'], ['Océane', 'ce'],
  ['Björn', 'o umlaut'], ['Jürgen', 'u umlaut'], ['Łucja', 'l stroke'], ['Đorđe', 'd stroke'],
  ['Þórdís', 'thorn'], ['Ħanna', 'h stroke'], ['Yıldız', 'dotless i'], ['Ñuria', 'tilde'], ['Çelik', 'cedilla'],
  ['Ásgeir', 'acute'], ['Ève', 'capital grave'], ['É.', 'initial with dot'], ['JEAN', 'upper case'],
  ['jean', 'lower case'], ['jEaN', 'mixed case'], ['Ann', 'short'], ['Al', 'two letters'],
];

const MOTHER_NAMES: ReadonlyArray<[string, string]> = [
  ['Martin', 'plain'], ['Bernard', 'plain'], ['Dubois', 'plain'], ['Lefèbvre', 'accent'], ['Mérieux', 'accent'],
  ['Le Bihan', 'particle'], ['Le Guen', 'particle'], ['de Gaulle', 'particle'], ['De La Tour', 'particles'],
  ['du Bellay', 'particle'], ['Van der Berg', 'particles'], ['Mac Donald', 'particle'], ['El Amrani', 'particle'],
  ['Ben Ali', 'particle'], ["d'Alembert", 'apostrophe'], ["L'Hôpital", 'apostrophe and circumflex'],
  ["O'Brien", 'apostrophe'], ['N’Diaye', 'typographic apostrophe'], ['Dupont-Moretti', 'compound'],
  ['Martin Dupuis', 'compound with space'], ['Saint-Exupéry', 'compound and accent'], ['Nguyễn', 'stacked marks'],
  ['Trần', 'stacked marks'], ['Müller', 'umlaut'], ['Schmitt', 'sch'], ['Schœlcher', 'sch and ligature'],
  ['Cœurdevey', 'ligature'], ['Lætitia', 'ligature'], ['Weiß', 'sharp s'], ['Øberg', 'o stroke'],
  ['Kowalczyk', 'consonants'], ['Wałęsa', 'l stroke and ogonek'], ['Đukić', 'd stroke'], ['Þorsteinsdóttir', 'thorn'],
  ['Çakır', 'dotless i'], ['Peña', 'tilde'], ['Gonçalves', 'cedilla'], ['Phan', 'ph'], ['Thibault', 'th'],
  ['Chevalier', 'ch'], ['Quiquempois', 'qu'], ['Guégan', 'gu'], ['Gaillard', 'ga'], ['Rousseau', 'eau'],
  ['Bouaziz', 'oua'], ['Lainé', 'ain'], ['Lemaire', 'ai'], ['Besson', 'ss'], ['Boissière', 'oi'],
  ['Faure', 'au'], ['Loiseau', 'oi and eau'], ['Hébert', 'h and er'], ['Lebrun', 'un'], ['Masson', 'on'],
  ['DUPONT', 'upper case'], ['dupont', 'lower case'], ['  Dupont  ', 'surrounding spaces'], ['Du Pont', 'split'],
];

/** Case and spacing variants of some names: they must give the same identifier as their base case. */
function variants(prenom: string, nomMere: string): Array<[string, string, string]> {
  return [
    [prenom.toUpperCase(), nomMere.toLowerCase(), 'case variant'],
    [` ${prenom.replaceAll('-', ' ')} `, nomMere.replaceAll(' ', '-'), 'spacing and hyphen variant'],
    [prenom.normalize('NFD'), nomMere.normalize('NFC'), 'decomposed accents'],
  ];
}

function caseId(index: number): string {
  return index < OFFICIAL_INPUTS.length ? `v${String(index + 1).padStart(2, '0')}` : `g${String(index + 1).padStart(3, '0')}`;
}

function inputs(): Input[] {
  const list: Input[] = OFFICIAL_INPUTS.map((c, i) => ({ ...c, note: `public vector v${String(i + 1).padStart(2, '0')}` }));
  let n = 0;
  for (const [prenom, pNote] of FIRST_NAMES) {
    const [nomMere, mNote] = MOTHER_NAMES[(n * 7) % MOTHER_NAMES.length] as [string, string];
    list.push({ prenom, nomMere, jnais: 1 + ((n * 13) % 28), mnais: 1 + ((n * 5) % 12), anais: 1998 + ((n * 3) % 28), note: `first name: ${pNote}; mother: ${mNote}` });
    n++;
  }
  for (const [nomMere, mNote] of MOTHER_NAMES) {
    const [prenom, pNote] = FIRST_NAMES[(n * 11) % FIRST_NAMES.length] as [string, string];
    list.push({ prenom, nomMere, jnais: 1 + ((n * 13) % 28), mnais: 1 + ((n * 5) % 12), anais: 1998 + ((n * 3) % 28), note: `mother: ${mNote}; first name: ${pNote}` });
    n++;
  }
  const bases = list.filter((_, i) => i % 4 === 1).slice(0, 24);
  for (const base of bases) {
    const baseId = caseId(list.indexOf(base));
    for (const [prenom, nomMere, note] of variants(base.prenom, base.nomMere)) {
      list.push({ ...base, prenom, nomMere, note, variantOf: baseId });
    }
  }
  // Dates at the edges: single-digit months and days, leap day, years at both ends of the range.
  const edges: Array<[number, number, number]> = [[1, 1, 2000], [29, 2, 2004], [31, 12, 1999], [9, 9, 2009], [10, 10, 2025]];
  for (const [jnais, mnais, anais] of edges) list.push({ prenom: 'Camille', nomMere: 'Petit', jnais, mnais, anais, note: 'date edge' });
  return list;
}

/** The vector file's text (JSON, one-space indent, trailing newline). */
export function renderVectors(): string {
  const cases = inputs().map((c, i) => {
    const identity = { prenom: c.prenom, nomMere: c.nomMere, jourNaissance: c.jnais, moisNaissance: c.mnais, anneeNaissance: c.anais };
    const p = normaliseName(c.prenom);
    const m = normaliseName(c.nomMere);
    const numanonym2016 = pseudonymise(identity, { key: KEY });
    return {
      id: caseId(i),
      note: c.note,
      ...(c.variantOf ? { variantOf: c.variantOf } : {}),
      prenom: c.prenom,
      nomMere: c.nomMere,
      jnais: c.jnais,
      mnais: c.mnais,
      anais: c.anais,
      norm_prenom: p,
      norm_nomMere: m,
      phonex_prenom: phonex(p),
      phonex_nomMere: phonex(m),
      phonex12: phonex12(p) + phonex12(m),
      numanonym_2016: numanonym2016,
      numanonym_2011: pseudonymise(identity, { key: KEY, scheme: 'oned-2011' }),
      rehash_2016: rehash(numanonym2016, { key: KEY2 }),
    };
  });
  const file = {
    description:
      'olinpe pseudonymisation test vectors (NUMANONYM, level 1 in both schemes, and level 2), generated by ' +
      'scripts/generate-vectors.ts. Keys are dummies. Cases v01-v12 are the public reference vectors; cases with ' +
      'variantOf must give the same identifiers as the case they name.',
    key: KEY,
    key2: KEY2,
    count: cases.length,
    cases,
  };
  return `${JSON.stringify(file, null, 1)}\n`;
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const text = renderVectors();
  if (process.argv.includes('--check')) {
    let current = '';
    try {
      current = readFileSync(VECTORS_PATH, 'utf8');
    } catch {
      // missing file: not current
    }
    if (current !== text) {
      process.stderr.write('docs/vectors/pseudonymisation-vectors.json is stale: run npx tsx scripts/generate-vectors.ts\n');
      process.exitCode = 1;
    }
  } else {
    writeFileSync(VECTORS_PATH, text);
    process.stdout.write(`wrote ${VECTORS_PATH}\n`);
  }
}
