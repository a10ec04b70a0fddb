/**
 * Generates docs/vectors/pseudonymisation-vectors.json: published test vectors for vendors, computed by this
 * library. Deterministic (no randomness, no clock). Usage:
 *   npx tsx scripts/generate-vectors.ts          write the file
 *   npx tsx scripts/generate-vectors.ts --check  exit 1 if the file is not current
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { keyFromFileBytes, normaliseName, phonex, pseudonymise, rehash } from '../src/pseudonymisation/index.js';
import { phonex12 } from '../src/pseudonymisation/phonex.js';

export const VECTORS_PATH = fileURLToPath(new URL('../docs/vectors/pseudonymisation-vectors.json', import.meta.url));
export const KEY_VECTORS_PATH = fileURLToPath(new URL('../docs/vectors/key-file-vectors.json', import.meta.url));

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
  ['Adèle', 'accent'],
  ['Agnès', 'accent'],
  ['Aïcha', 'diaeresis'],
  ['Anaëlle', 'diaeresis'],
  ['André', 'accent'],
  ['Béatrice', 'accent'],
  ['Benoît', 'circumflex'],
  ['Cécile', 'accents'],
  ['Célestin', 'accent'],
  ['Chloé', 'accent'],
  ['Clémence', 'accent'],
  ['Denis', 'plain'],
  ['Éloïse', 'capital accent'],
  ['Émilie', 'capital accent'],
  ['Étienne', 'capital accent'],
  ['François', 'cedilla'],
  ['Gaëtan', 'diaeresis'],
  ['Hélène', 'accents'],
  ['Inès', 'accent'],
  ['Jérôme', 'accents'],
  ['Joël', 'diaeresis'],
  ['Léa', 'accent'],
  ['Noémie', 'accent'],
  ['Raphaël', 'diaeresis and ph'],
  ['Thaïs', 'diaeresis and h'],
  ['Zoë', 'diaeresis'],
  ['Æsa', 'ligature'],
  ['Cœlina', 'ligature'],
  ['Œnone', 'ligature'],
  ['Maëlys', 'diaeresis and y'],
  ['Jean-Baptiste', 'compound'],
  ['Marie-Ange', 'compound'],
  ['Anne Sophie', 'compound with space'],
  ['Pierre--Louis', 'double hyphen'],
  ['Marie  Claire', 'double space'],
  ['Lou-Ann', 'compound'],
  ["D'Artagnan", 'apostrophe'],
  ['N’Golo', 'typographic apostrophe'],
  ["Ma'ayan", 'apostrophe'],
  ['Yasmine', 'y'],
  ['Ryan', 'y'],
  ['Enzo', 'plain'],
  ['Mathéo', 'th'],
  ['Théo', 'th'],
  ['Sacha', 'ch'],
  ['Schéhérazade', 'sch'],
  ['Quentin', 'qu'],
  ['Guillaume', 'gu'],
  ['Gaspard', 'ga'],
  ['Hugo', 'h'],
  ['Sébastien', 'accent'],
  ['Ségolène', 'accents'],
  ['Ludovic', 'c'],
  ['Lucie', 'ce'],
  ['Océane', 'ce'],
  ['Björn', 'o umlaut'],
  ['Jürgen', 'u umlaut'],
  ['Łucja', 'l stroke'],
  ['Đorđe', 'd stroke'],
  ['Þórdís', 'thorn'],
  ['Ħanna', 'h stroke'],
  ['Yıldız', 'dotless i'],
  ['Ñuria', 'tilde'],
  ['Çelik', 'cedilla'],
  ['Ásgeir', 'acute'],
  ['Ève', 'capital grave'],
  ['É.', 'initial with dot'],
  ['JEAN', 'upper case'],
  ['jean', 'lower case'],
  ['jEaN', 'mixed case'],
  ['Ann', 'short'],
  ['Al', 'two letters'],
];

const MOTHER_NAMES: ReadonlyArray<[string, string]> = [
  ['Martin', 'plain'],
  ['Bernard', 'plain'],
  ['Dubois', 'plain'],
  ['Lefèbvre', 'accent'],
  ['Mérieux', 'accent'],
  ['Le Bihan', 'particle'],
  ['Le Guen', 'particle'],
  ['de Gaulle', 'particle'],
  ['De La Tour', 'particles'],
  ['du Bellay', 'particle'],
  ['Van der Berg', 'particles'],
  ['Mac Donald', 'particle'],
  ['El Amrani', 'particle'],
  ['Ben Ali', 'particle'],
  ["d'Alembert", 'apostrophe'],
  ["L'Hôpital", 'apostrophe and circumflex'],
  ["O'Brien", 'apostrophe'],
  ['N’Diaye', 'typographic apostrophe'],
  ['Dupont-Moretti', 'compound'],
  ['Martin Dupuis', 'compound with space'],
  ['Saint-Exupéry', 'compound and accent'],
  ['Nguyễn', 'stacked marks'],
  ['Trần', 'stacked marks'],
  ['Müller', 'umlaut'],
  ['Schmitt', 'sch'],
  ['Schœlcher', 'sch and ligature'],
  ['Cœurdevey', 'ligature'],
  ['Lætitia', 'ligature'],
  ['Weiß', 'sharp s'],
  ['Øberg', 'o stroke'],
  ['Kowalczyk', 'consonants'],
  ['Wałęsa', 'l stroke and ogonek'],
  ['Đukić', 'd stroke'],
  ['Þorsteinsdóttir', 'thorn'],
  ['Çakır', 'dotless i'],
  ['Peña', 'tilde'],
  ['Gonçalves', 'cedilla'],
  ['Phan', 'ph'],
  ['Thibault', 'th'],
  ['Chevalier', 'ch'],
  ['Quiquempois', 'qu'],
  ['Guégan', 'gu'],
  ['Gaillard', 'ga'],
  ['Rousseau', 'eau'],
  ['Bouaziz', 'oua'],
  ['Lainé', 'ain'],
  ['Lemaire', 'ai'],
  ['Besson', 'ss'],
  ['Boissière', 'oi'],
  ['Faure', 'au'],
  ['Loiseau', 'oi and eau'],
  ['Hébert', 'h and er'],
  ['Lebrun', 'un'],
  ['Masson', 'on'],
  ['DUPONT', 'upper case'],
  ['dupont', 'lower case'],
  ['  Dupont  ', 'surrounding spaces'],
  ['Du Pont', 'split'],
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
  return index < OFFICIAL_INPUTS.length
    ? `v${String(index + 1).padStart(2, '0')}`
    : `g${String(index + 1).padStart(3, '0')}`;
}

function inputs(): Input[] {
  const list: Input[] = OFFICIAL_INPUTS.map((c, i) => ({
    ...c,
    note: `public vector v${String(i + 1).padStart(2, '0')}`,
  }));
  let n = 0;
  for (const [prenom, pNote] of FIRST_NAMES) {
    const [nomMere, mNote] = MOTHER_NAMES[(n * 7) % MOTHER_NAMES.length] as [string, string];
    list.push({
      prenom,
      nomMere,
      jnais: 1 + ((n * 13) % 28),
      mnais: 1 + ((n * 5) % 12),
      anais: 1998 + ((n * 3) % 28),
      note: `first name: ${pNote}; mother: ${mNote}`,
    });
    n++;
  }
  for (const [nomMere, mNote] of MOTHER_NAMES) {
    const [prenom, pNote] = FIRST_NAMES[(n * 11) % FIRST_NAMES.length] as [string, string];
    list.push({
      prenom,
      nomMere,
      jnais: 1 + ((n * 13) % 28),
      mnais: 1 + ((n * 5) % 12),
      anais: 1998 + ((n * 3) % 28),
      note: `mother: ${mNote}; first name: ${pNote}`,
    });
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
  const edges: Array<[number, number, number]> = [
    [1, 1, 2000],
    [29, 2, 2004],
    [31, 12, 1999],
    [9, 9, 2009],
    [10, 10, 2025],
  ];
  for (const [jnais, mnais, anais] of edges)
    list.push({ prenom: 'Camille', nomMere: 'Petit', jnais, mnais, anais, note: 'date edge' });
  return list;
}

/** The vector file's text (JSON, one-space indent, trailing newline). */
export function renderVectors(): string {
  const cases = inputs().map((c, i) => {
    const identity = {
      prenom: c.prenom,
      nomMere: c.nomMere,
      jourNaissance: c.jnais,
      moisNaissance: c.mnais,
      anneeNaissance: c.anais,
    };
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

const hex = (bytes: Uint8Array): string => Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
const text = (t: string): Uint8Array => new TextEncoder().encode(t);
const bytesOf = (...parts: Array<string | number[]>): Uint8Array =>
  Uint8Array.from(parts.flatMap((p) => (typeof p === 'string' ? Array.from(text(p)) : p)));
const repeat = (pattern: number[], times: number): number[] => Array.from({ length: times }, () => pattern).flat();

/** Key files and what each one is: the key's bytes and the v01 identifiers, or the reason it is refused. */
const KEY_FILES: ReadonlyArray<{ id: string; note: string; file: Uint8Array; allowShort?: boolean }> = [
  { id: 'k01', note: 'the dummy key, no line break', file: bytesOf(KEY) },
  { id: 'k02', note: 'one final LF: removed', file: bytesOf(KEY, '\n') },
  { id: 'k03', note: 'one final CRLF: removed', file: bytesOf(KEY, '\r\n') },
  { id: 'k04', note: 'two final LF: refused (the second would be part of the key)', file: bytesOf(KEY, '\n\n') },
  { id: 'k05', note: 'final CR LF CR LF: refused', file: bytesOf(KEY, '\r\n\r\n') },
  { id: 'k06', note: 'a lone final CR: refused', file: bytesOf(KEY, '\r') },
  { id: 'k07', note: 'UTF-8 byte-order mark (Notepad): refused', file: bytesOf([0xef, 0xbb, 0xbf], KEY, '\r\n') },
  { id: 'k08', note: '16 spaces: refused', file: bytesOf(' '.repeat(16), '\n') },
  { id: 'k09', note: 'spaces and tabs: refused', file: bytesOf(' \t'.repeat(10)) },
  { id: 'k10', note: 'empty file: refused', file: bytesOf('') },
  { id: 'k11', note: 'a line break only: refused (empty key)', file: bytesOf('\n') },
  { id: 'k12', note: '11 bytes: refused without the override', file: bytesOf('trop-courte\n') },
  { id: 'k13', note: '11 bytes with allowShort (--allow-short-key)', file: bytesOf('trop-courte\n'), allowShort: true },
  { id: 'k14', note: 'leading and inner spaces are part of the key', file: bytesOf(`  ${KEY} x\n`) },
  { id: 'k15', note: '32 bytes 0x80: not UTF-8, hashed as bytes', file: bytesOf(repeat([0x80], 32)) },
  {
    id: 'k16',
    note: '32 bytes 0xFF: not UTF-8, hashed as bytes (not the same key as k15)',
    file: bytesOf(repeat([0xff], 32)),
  },
  {
    id: 'k17',
    note: '32 bytes FE 81 …: not UTF-8, hashed as bytes (not the same key as k15, k16)',
    file: bytesOf(repeat([0xfe, 0x81], 16)),
  },
  { id: 'k18', note: 'key with é in UTF-8 (C3 A9)', file: bytesOf('clé-départementale\n') },
  {
    id: 'k19',
    note: 'the same key saved in ISO-8859-1 (E9): other bytes, so another key',
    file: bytesOf('cl', [0xe9], '-d', [0xe9], 'partementale\n'),
  },
];

/** The JSON text of docs/vectors/key-file-vectors.json. */
export function renderKeyVectors(): string {
  const v01 = OFFICIAL_INPUTS[0]!;
  const identity = { prenom: v01.prenom, nomMere: v01.nomMere, moisNaissance: v01.mnais, anneeNaissance: v01.anais };
  const cases = KEY_FILES.map(({ id, note, file, allowShort }) => {
    const read = keyFromFileBytes(file, { allowShort: allowShort === true });
    const base = { id, note, fileHex: hex(file), ...(allowShort ? { allowShort: true } : {}) };
    if ('problem' in read) return { ...base, refused: read.problem.code };
    const numanonym = pseudonymise(identity, { key: read.key });
    return {
      ...base,
      keyHex: hex(read.key),
      numanonym_2016: numanonym,
      rehash_with_this_key: rehash(OFFICIAL_NUMANONYM_V01, { key: read.key }),
    };
  });
  const file = {
    description:
      "olinpe key-file vectors, generated by scripts/generate-vectors.ts. A key is the key file's bytes without one " +
      'final LF or CRLF, never decoded. fileHex is the file; keyHex the key; numanonym_2016 the identifier of public ' +
      'vector v01 (Jean-Marc, Le Goff, 03/2010) with that key as the département key; rehash_with_this_key the ' +
      "level-2 identifier of v01's public NUMANONYM with that key as the observatory key; refused the reason code.",
    identity,
    numanonym_v01: OFFICIAL_NUMANONYM_V01,
    count: cases.length,
    cases,
  };
  return `${JSON.stringify(file, null, 1)}\n`;
}

const OFFICIAL_NUMANONYM_V01 = 'fbcf6077f99ef8192477b4932e36b2c37cb383db';

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
      process.stderr.write(
        'docs/vectors/pseudonymisation-vectors.json is stale: run npx tsx scripts/generate-vectors.ts\n',
      );
      process.exitCode = 1;
    }
  } else {
    writeFileSync(VECTORS_PATH, text);
    process.stdout.write(`wrote ${VECTORS_PATH}\n`);
  }
}
