import { csvField as field } from '../transmission/index.js';
import type { SynthIdentity } from './synthesise.js';

/**
 * The identity CSV of a generation (fake names only): `;`-separated, UTF-8, header
 * `PRENOM;NOMMERE;JNAIS;MNAIS;ANAIS;REF`, where REF (`L` + 1-based line number) joins back to the extraction.
 *
 * @example
 * identitiesCsv([{ recordIndex: 0, ref: 'L1', youngPerson: 'J2020-0', prenom: 'Léa', nomMere: "D'Almeida", jnais: 3, mnais: 7, anais: 2012 }]);
 * // "PRENOM;NOMMERE;JNAIS;MNAIS;ANAIS;REF\nLéa;D'Almeida;03;07;2012;L1\n"
 */
export function identitiesCsv(identities: readonly SynthIdentity[]): string {
  const rows = ['PRENOM;NOMMERE;JNAIS;MNAIS;ANAIS;REF'];
  for (const i of identities) {
    rows.push(
      [
        field(i.prenom),
        field(i.nomMere),
        String(i.jnais).padStart(2, '0'),
        String(i.mnais).padStart(2, '0'),
        String(i.anais),
        i.ref,
      ].join(';'),
    );
  }
  return `${rows.join('\n')}\n`;
}
