import { describeAgeBand, describeCondition } from './conditions.js';
import type { EditionData, Text, VariableDef, VariableType } from './data-schema.js';
import type { Lang } from './lookup.js';

const TYPE_LABELS: Record<VariableType, Text & { en: string }> = {
  code: { fr: 'code', en: 'code' },
  date: { fr: 'date complète (AAAA-MM-JJ)', en: 'full date (YYYY-MM-DD)' },
  'year-month': { fr: 'année et mois (AAAA-MM)', en: 'year and month (YYYY-MM)' },
  year: { fr: 'année (AAAA)', en: 'year (YYYY)' },
  month: { fr: 'mois (MM)', en: 'month (MM)' },
  integer: { fr: 'nombre entier', en: 'whole number' },
  text: { fr: 'texte libre', en: 'free text' },
  identifier: { fr: 'identifiant (40 caractères hexadécimaux)', en: 'identifier (40 hexadecimal characters)' },
};

/** A text in the requested language, French when no English text exists. */
export function localise(text: Text, lang: Lang = 'fr'): string {
  return lang === 'en' ? (text.en ?? text.fr) : text.fr;
}

/**
 * The type of a variable in words.
 *
 * @example
 * typeLabel('year-month', 'en'); // "year and month (YYYY-MM)"
 */
export function typeLabel(type: VariableType, lang: Lang = 'fr'): string {
  return TYPE_LABELS[type][lang];
}

/**
 * When a variable applies, in words: event types, age band, condition.
 *
 * @example
 * applicabilityText(variable('DATFIN')!, editionData('2016')); // "TYPEV 3 ; tous âges"
 */
export function applicabilityText(def: VariableDef, data: EditionData, lang: Lang = 'fr'): string {
  const parts = [
    `${data.eventVariable} ${def.applicability.events.join(', ')}`,
    describeAgeBand(def.applicability.age, lang),
  ];
  if (def.applicability.condition) {
    parts.push(`${lang === 'fr' ? 'si' : 'if'} ${describeCondition(def.applicability.condition, lang)}`);
  }
  return parts.join(' ; ');
}

/**
 * A description of a variable for people: label, type, codes, when it applies, where it comes from.
 *
 * @example
 * console.log(describeVariable(variable('TYPEV')!, editionData('2016')));
 */
export function describeVariable(def: VariableDef, data: EditionData, lang: Lang = 'fr'): string {
  const edition = data.edition;
  const fr = lang === 'fr';
  const block = data.blocks.find((b) => b.id === def.block);
  const lines: string[] = [];
  const number = def.number === null ? '' : fr ? ` (n° ${def.number})` : ` (no. ${def.number})`;
  lines.push(`${def.name}${number} — ${localise(def.label, lang)}`);
  if (block) lines.push(`${fr ? 'Bloc' : 'Block'} ${block.id} : ${localise(block.label, lang)}`);
  const unknown = def.unknownCode ?? (fr ? 'aucun' : 'none');
  lines.push(`Type : ${typeLabel(def.type, lang)} ; ${fr ? '« ne sait pas »' : '"unknown"'} : ${unknown}`);
  if (def.format?.maxLength) lines.push(`${fr ? 'Longueur maximale' : 'Maximum length'} : ${def.format.maxLength}`);
  if (def.codes.length > 0) {
    lines.push('Codes :');
    const width = Math.max(...def.codes.map((c) => c.code.length));
    for (const c of def.codes) {
      const age = c.age ? ` [${describeAgeBand(c.age, lang)}]` : '';
      lines.push(`  ${c.code.padEnd(width)}  ${localise(c.label, lang)}${age}`);
    }
  }
  lines.push(`${fr ? "S'applique" : 'Applies'} : ${applicabilityText(def, data, lang)}`);
  if (def.applicability.note) lines.push(`  ${localise(def.applicability.note, lang)}`);
  if (def.required === 'always') lines.push(fr ? 'Obligatoire sur chaque ligne.' : 'Required on every line.');
  if (def.required === 'when-applicable' && !def.requiredWhen) {
    lines.push(fr ? "Obligatoire lorsqu'elle s'applique." : 'Required whenever it applies.');
  }
  if (def.required !== null && def.requiredWhen) {
    const when = describeCondition(def.requiredWhen, lang);
    lines.push(
      fr
        ? `Obligatoire seulement si ${when} (ailleurs facultative).`
        : `Required only when ${when} (optional elsewhere).`,
    );
  }
  if (!def.emptyAllowed) lines.push(fr ? 'Ne peut pas être vide.' : 'May not be empty.');
  if (def.note) lines.push(localise(def.note, lang));
  const other = def.predecessor ?? def.successor;
  if (other) {
    const note = other.note ? ` (${other.note})` : '';
    lines.push(`${fr ? 'Édition' : 'Edition'} ${other.edition} : ${other.name}${note}`);
  } else if (edition === '2016') {
    lines.push(fr ? 'Nouvelle en 2016.' : 'New in 2016.');
  } else {
    lines.push(fr ? 'Supprimée en 2016.' : 'Removed in 2016.');
  }
  const sources = def.sources.map((s) => [s.source, s.ref, s.page ? `p. ${s.page}` : ''].filter(Boolean).join(' '));
  lines.push(`Sources : ${sources.join(' ; ')}`);
  for (const d of def.discrepancies ?? []) {
    lines.push(
      `${fr ? 'Divergence' : 'Discrepancy'} (${d.topic}) : ${d.sides.map((s) => s.source).join(' / ')} → ${fr ? d.choice.fr : d.choice.en}`,
    );
  }
  return lines.join('\n');
}
