/**
 * The rule catalogue as markdown, rendered from the rules themselves (ids, titles, severities, citations,
 * message templates, an example failing record and the message it gives).
 *
 * @module
 */
import type { EditionId } from '../nomenclature/index.js';
import { rules } from './catalogue.js';
import { validateRecord } from './record.js';
import type { Citation, Family, Rule } from './types.js';

/** The families in catalogue order, with their titles. */
export const FAMILIES: readonly { id: Family; fr: string; en: string }[] = [
  { id: 'FMT', fr: 'Codes et formats', en: 'Codes and formats' },
  { id: 'VAR', fr: 'Noms de variables', en: 'Variable names' },
  { id: 'REQ', fr: 'Variables obligatoires', en: 'Required variables' },
  { id: 'MISS', fr: 'Valeurs manquantes', en: 'Missing values' },
  { id: 'EVT', fr: 'Applicabilité selon le type d’événement', en: 'Applicability by event type' },
  { id: 'AGE', fr: 'Applicabilité selon l’âge', en: 'Applicability by age' },
  { id: 'MOD', fr: 'Modalités réservées à un âge', en: 'Modalities reserved to an age band' },
  { id: 'COND', fr: 'Applicabilité selon une autre variable', en: 'Applicability by another variable' },
  { id: 'DAT', fr: 'Dates et années', en: 'Dates and years' },
  { id: 'COH', fr: 'Autres cohérences d’une ligne', en: 'Other coherence of one line' },
  { id: 'YP', fr: 'Cohérence d’un même jeune', en: 'Young-person coherence' },
  { id: 'FILE', fr: 'Cohérence du fichier', en: 'File coherence' },
];

/** A citation as text, e.g. `G18 p. 52, VIII, variable 100`. */
export function citationText(c: Citation): string {
  return [c.source, c.page !== undefined ? `p. ${c.page}` : undefined, c.ref].filter(Boolean).join(', ');
}

function exampleBlock(rule: Rule, edition: EditionId): string[] {
  const ex = rule.examples.find((e) => e.fails && (e.edition === undefined || e.edition === edition));
  if (!ex) return [];
  const out = ['', `Exemple en échec (*${ex.name}*) :`, '', '```json'];
  for (const r of ex.records) out.push(JSON.stringify(r));
  out.push('```');
  if (rule.scope === 'record') {
    const f = ex.records
      .flatMap((r) => validateRecord(r, { edition, only: [rule.id], ...ex.options }).findings)
      .find((x) => x.ruleId === rule.id);
    if (f) out.push('', `Message : « ${f.message} »`);
  }
  return out;
}

function ruleSection(rule: Rule, edition: EditionId): string[] {
  return [
    `### ${rule.id} — ${rule.title.fr}`,
    '',
    `*${rule.title.en}*`,
    '',
    `- Sévérité / severity : \`${rule.severity}\` ; portée / scope : \`${rule.scope}\` ; éditions : ${rule.editions.join(', ')} (depuis ${rule.validFrom}${rule.validTo ? `, jusqu’au ${rule.validTo}` : ''})`,
    `- Variables lues : ${rule.variables.length > 0 ? rule.variables.map((v) => `\`${v}\``).join(', ') : '(toutes)'}`,
    `- Sources : ${rule.citations.map(citationText).join(' ; ')}`,
    ...(rule.auditSection ? [`- Section de l’audit ONPE : \`${rule.auditSection}\``] : []),
    `- Message (fr) : ${rule.message.fr}`,
    `- Message (en) : ${rule.message.en}`,
    ...exampleBlock(rule, edition),
    '',
  ];
}

/**
 * The markdown pages of the catalogue: `index.md` and one page per edition and family (`2016/FMT.md` …).
 * Paths are relative to `docs/rules/`.
 *
 * @example
 * ruleCatalogueMarkdown().get('2016/EVT.md')?.includes('OL16-EVT-DATFIN'); // true
 */
export function ruleCatalogueMarkdown(): Map<string, string> {
  const pages = new Map<string, string>();
  const index: string[] = [
    '<!-- Generated from src/rules by scripts/rule-catalogue.ts. Do not edit by hand. -->',
    '# Catalogue des règles de cohérence / consistency rule catalogue',
    '',
    'Chaque règle est une donnée typée : identifiant stable, titre, sévérité, portée, éditions, variables lues, sources, messages.',
    'Les familles FMT, REQ, EVT, AGE, MOD et COND sont générées à partir de la nomenclature ; les autres sont écrites à la main.',
    '',
    '## Identifiants / ids',
    '',
    '`OL16-<FAMILLE>-<SUJET>` : édition 2016 seule ; `OL11-…` : édition 2011 seule ; `OL-…` : les deux éditions.',
    'Pour les règles générées, le sujet est le nom de la variable (`OL16-EVT-DATFIN`), suivi de la tranche d’âge pour les modalités',
    '(`OL16-MOD-NATPDECADM-MAX17`) ; pour les règles écrites à la main, un numéro à trois chiffres (`OL16-DAT-005`). Un identifiant',
    'n’est jamais réutilisé : une règle retirée garde son numéro.',
    '',
  ];
  for (const edition of ['2016', '2011'] as const) {
    const list = rules(edition);
    index.push(`## Édition ${edition} (${list.length} règles)`, '', '| famille | règles | page |', '|---|---:|---|');
    for (const fam of FAMILIES) {
      const inFamily = list.filter((r) => r.family === fam.id);
      if (inFamily.length === 0) continue;
      const path = `${edition}/${fam.id}.md`;
      index.push(`| ${fam.fr} / ${fam.en} | ${inFamily.length} | [${path}](${path}) |`);
      const page: string[] = [
        '<!-- Generated from src/rules by scripts/rule-catalogue.ts. Do not edit by hand. -->',
        `# ${edition} — ${fam.fr} / ${fam.en}`,
        '',
        '| id | sévérité | titre |',
        '|---|---|---|',
        ...inFamily.map((r) => `| ${r.id} | ${r.severity} | ${r.title.fr.replace(/\|/g, '\\|')} |`),
        '',
      ];
      for (const r of inFamily) page.push(...ruleSection(r, edition));
      pages.set(path, `${page.join('\n').trimEnd()}\n`);
    }
    index.push('');
  }
  pages.set('index.md', `${index.join('\n').trimEnd()}\n`);
  return pages;
}
