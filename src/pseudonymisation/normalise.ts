import { PseudonymisationError } from './errors.js';
import type { PseudonymisationField } from './errors.js';

/** Letters that canonical decomposition leaves whole, and what they become (spec, section 1, step 3). */
const SPECIAL: Readonly<Record<string, string>> = {
  Œ: 'OE',
  œ: 'OE',
  Æ: 'AE',
  æ: 'AE',
  ß: 'SS',
  ẞ: 'SS',
  Ø: 'O',
  ø: 'O',
  Ł: 'L',
  ł: 'L',
  Đ: 'D',
  đ: 'D',
  Ð: 'D',
  ð: 'D',
  Ħ: 'H',
  ħ: 'H',
  ı: 'I',
  Þ: 'TH',
  þ: 'TH',
};

/**
 * Normalises a first name or a mother's birth name as the national construction does: canonical decomposition,
 * accents dropped, a few letters spelled out (Œ → OE, ß → SS, Ø → O, Ł → L, …), upper case, and everything
 * that is not a letter A–Z removed. An empty result is an error (naming `field`, never the value), and so is a
 * replacement character U+FFFD (a letter lost in decoding must not silently change the pseudonym).
 *
 * @example
 * normaliseName('Jean-Marc'); // "JEANMARC"
 * normaliseName("N'Diaye"); // "NDIAYE"
 * normaliseName('Straße'); // "STRASSE"
 */
export function normaliseName(text: string, field: PseudonymisationField = 'nom'): string {
  if (typeof text !== 'string') throw new PseudonymisationError(field, 'missing');
  if (text.includes('\uFFFD')) {
    // The trace of bytes lost in decoding (a Latin-1 file read as UTF-8): dropping it would change the pseudonym.
    throw new PseudonymisationError(field, 'invalid', {
      fr: 'caractère de remplacement (U+FFFD) : une lettre a été perdue au décodage du fichier, vérifier son encodage',
      en: 'replacement character (U+FFFD): a letter was lost when the file was decoded, check its encoding',
    });
  }
  let ascii = true;
  for (let i = 0; i < text.length; i++) {
    if (text.charCodeAt(i) >= 0x80) {
      ascii = false;
      break;
    }
  }
  const decomposed = ascii ? text : text.normalize('NFD');
  let out = '';
  for (let i = 0; i < decomposed.length; i++) {
    const c = decomposed.charCodeAt(i);
    if (c >= 65 && c <= 90) out += decomposed[i];
    else if (c >= 97 && c <= 122) out += String.fromCharCode(c - 32);
    else if (c >= 0xc0) {
      const special = SPECIAL[decomposed[i] as string];
      if (special !== undefined) out += special;
    }
  }
  if (out.length === 0) throw new PseudonymisationError(field, 'empty');
  return out;
}
