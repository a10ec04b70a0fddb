/**
 * A small transmission for the browser tests: coherent records of a few young people, then copies with
 * injected errors of known kinds. The expected findings are computed by the library itself in Node, so the
 * test checks that the page shows exactly what the CLI would.
 */
import { variableNames } from '../../src/nomenclature/index.js';

type Values = Record<string, string>;

const hex = (n: number): string => (n.toString(16).padStart(2, '0') + 'a1b2c3d4e5f6').repeat(4).slice(0, 40);

/** Every variable empty, then the given values: one event line as a file carries it. */
export function line(values: Values): Values {
  const out: Values = {};
  for (const name of variableNames('2016')) if (name !== 'UTDP') out[name] = '';
  return { ...out, ...values };
}

/** An opening (TYPEV 1) of an administrative AED for a child born in 2014, decided in 2024. */
export function opening(n: number): Values {
  return line({
    NUMDEP: '84',
    NUMANONYM: hex(n),
    NUMANONYMANT: hex(n),
    TYPEV: '1',
    SEXE: n % 2 === 0 ? '1' : '2',
    ANAIS: '2014',
    MNAIS: '05',
    SCODTCOM: '1',
    HANDICAP: '1',
    TRAITINFO: '1',
    COMPOMENAG: '1',
    DATDECPE: `2024-0${1 + (n % 8)}-10`,
    DECISION: '1',
    DATDEB: `2024-0${1 + (n % 8)}-15`,
    NATPDECADM: '10',
    TYPINTERDOM: '1',
  });
}

/** The injected errors: a name, the record, and the rule id the engine must report. */
export const INJECTED: { name: string; record: Values; ruleId: string }[] = [
  { name: 'unknown SEXE code', record: { ...opening(101), SEXE: '3' }, ruleId: 'OL16-FMT-SEXE' },
  { name: 'DATFIN on an opening', record: { ...opening(102), DATFIN: '2024-10-01' }, ruleId: 'OL16-EVT-DATFIN' },
  { name: 'adult-only variable for a child', record: { ...opening(103), MENAGEJM: '1' }, ruleId: 'OL16-AGE-MENAGEJM' },
  { name: 'AUTREDA without NATPDECADM 18', record: { ...opening(104), AUTREDA: 'autre' }, ruleId: 'OL16-COND-AUTREDA' },
];

/** The whole file's records: 12 coherent openings and the injected ones. */
export function fixtureRecords(): Values[] {
  return [...Array.from({ length: 12 }, (_, i) => opening(i)), ...INJECTED.map((x) => x.record)];
}

/**
 * The fixture as an XML transmission. The writer refuses records that do not fit the model (as it should),
 * so the code error (SEXE 3) is written as a valid record first and altered in the text afterwards.
 */
export async function fixtureXml(): Promise<string> {
  const { writeAll } = await import('../../src/transmission/index.js');
  const records = fixtureRecords().map((r) => (r.SEXE === '3' ? { ...r, SEXE: '2' } : r));
  const { text, summary: stats } = await writeAll(records, {
    format: 'xml',
    dateExport: '2025-03-31',
    allVariables: true,
  });
  if (stats.refused !== 0) throw new Error('fixture: a record was refused by the writer');
  const bad = INJECTED.find((x) => x.ruleId === 'OL16-FMT-SEXE')!.record.NUMANONYM!;
  return text
    .split('<DONNEE>')
    .map((block) =>
      block.includes(`<NUMANONYM>${bad}</NUMANONYM>`) ? block.replace('<SEXE>2</SEXE>', '<SEXE>3</SEXE>') : block,
    )
    .join('<DONNEE>');
}
