/** The language of a response: French unless the request's `Accept-Language` prefers English. */
export type Lang = 'fr' | 'en';

/**
 * The language to answer in, from an `Accept-Language` header (RFC 9110): the supported language (fr, en) with
 * the highest weight, French when none is named or on a tie; `*` counts as French.
 *
 * @example
 * languageOf('en-GB,en;q=0.9,fr;q=0.5'); // "en"
 * languageOf(undefined); // "fr"
 */
export function languageOf(header: string | undefined | null): Lang {
  if (!header) return 'fr';
  let best: Lang = 'fr';
  let bestQ = -1;
  for (const part of header.split(',').slice(0, 32)) {
    const [tag = '', ...params] = part.trim().split(';');
    const primary = tag.trim().toLowerCase().split('-')[0];
    const lang: Lang | undefined = primary === 'en' ? 'en' : primary === 'fr' || primary === '*' ? 'fr' : undefined;
    if (!lang) continue;
    let q = 1;
    for (const p of params) {
      const m = /^\s*q\s*=\s*([01](?:\.\d{0,3})?)\s*$/i.exec(p);
      if (m) q = Number(m[1]);
    }
    if (q > bestQ || (q === bestQ && lang === 'fr' && best !== 'fr')) {
      best = lang;
      bestQ = q;
    }
  }
  return bestQ <= 0 ? 'fr' : best;
}
