/**
 * The whole-text pseudonymisation of `olinpe pseudonymise` as it was before it streamed (commit 8db6148, kept
 * verbatim but for imports): the reference the streaming command is compared with (streaming.test.ts).
 */
import { createPseudonymiser, PseudonymisationError } from '../../src/pseudonymisation/index.js';
import type { Identity, Key, Scheme } from '../../src/pseudonymisation/index.js';
import { columnIndex, isBlank, parseCsv } from '../../src/transmission/index.js';
import { IDENTITY_COLUMNS, rejectionLine } from '../../src/pseudonymisation/identity-csv.js';

export interface PseudonymiseCsvResult {
  output: string;
  read: number;
  written: number;
  rejections: string[];
}

const FIELD_COLUMN: Record<string, string> = {
  prenom: 'PRENOM',
  nomMere: 'NOMMERE',
  jourNaissance: 'JNAIS',
  moisNaissance: 'MNAIS',
  anneeNaissance: 'ANAIS',
};

/**
 * Pseudonymises a `;`-separated CSV text: NUMANONYM first, identity columns dropped, every other column kept as
 * written, same rows in the same order; rows that cannot be pseudonymised are left out and reported.
 *
 * @example
 * pseudonymiseCsv('PRENOM;NOMMERE;MNAIS;ANAIS;SEXE\nZoé;Dupont;11;2012;2\n', 'exemple-cle-departementale', 'olinpe-2016');
 * // { output: 'NUMANONYM;MNAIS;ANAIS;SEXE\n3e33…a30a;11;2012;2\n', read: 1, written: 1, rejections: [] }
 */
export function referencePseudonymiseCsv(text: string, key: Key, scheme: Scheme): PseudonymiseCsvResult {
  const records = parseCsv(text);
  const headerAt = records.findIndex((r) => !isBlank(r));
  const header = records[headerAt];
  if (!header) throw new Error("le fichier d'entrée est vide (the input is empty)");
  const required = ['PRENOM', 'NOMMERE', 'MNAIS', 'ANAIS', ...(scheme === 'oned-2011' ? ['JNAIS'] : [])];
  const missing = required.filter((c) => columnIndex(header, c) < 0);
  if (missing.length > 0) {
    throw new Error(`colonnes absentes de l'en-tête : ${missing.join(', ')} (missing header columns)`);
  }
  if (columnIndex(header, 'NUMANONYM') >= 0) {
    throw new Error("l'entrée a déjà une colonne NUMANONYM (the input already has a NUMANONYM column)");
  }
  const at = (name: string): number => columnIndex(header, name);
  const [prenom, nomMere, mnais, anais, jnais] = [at('PRENOM'), at('NOMMERE'), at('MNAIS'), at('ANAIS'), at('JNAIS')];
  const identityIndexes = new Set(IDENTITY_COLUMNS.map(at).filter((i) => i >= 0));
  const kept = header.fields.map((_, i) => i).filter((i) => !identityIndexes.has(i));
  const raw = (record: (typeof records)[number], i: number): string => {
    const f = record.fields[i];
    return f ? text.slice(f.start, f.end) : '';
  };
  const pseudo = createPseudonymiser({ key, scheme });
  const out: string[] = [text.charCodeAt(0) === 0xfeff ? '\ufeff' : ''];
  out.push(['NUMANONYM', ...kept.map((i) => raw(header, i))].join(';'), header.newline || '\n');
  const rejections: string[] = [];
  let read = 0;
  let written = 0;
  for (const record of records.slice(headerAt + 1)) {
    if (isBlank(record)) continue;
    read++;
    if (record.fields.length !== header.fields.length) {
      rejections.push(
        `ligne ${record.line} : ${record.fields.length} champs au lieu de ${header.fields.length} ` +
          `(line ${record.line}: ${record.fields.length} fields instead of ${header.fields.length})\n`,
      );
      continue;
    }
    const value = (i: number): string | undefined => (i >= 0 ? record.fields[i]?.value : undefined);
    const identity: Identity = {
      prenom: value(prenom) as string,
      nomMere: value(nomMere) as string,
      moisNaissance: value(mnais) as string,
      anneeNaissance: value(anais) as string,
      ...(jnais >= 0 ? { jourNaissance: value(jnais) as string } : {}),
    };
    let id: string;
    try {
      id = pseudo(identity);
    } catch (error) {
      if (!(error instanceof PseudonymisationError)) throw error;
      rejections.push(rejectionLine(record.line, FIELD_COLUMN[error.field] ?? error.field, error));
      continue;
    }
    written++;
    out.push([id, ...kept.map((i) => raw(record, i))].join(';'), record.newline || '\n');
  }
  return { output: out.join(''), read, written, rejections };
}
