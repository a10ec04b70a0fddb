import { describe, expect, it } from 'vitest';
import { audit, AUDIT_SECTIONS, renderAuditText } from '../../src/rules/index.js';
import { synthesise } from '../../src/synth/index.js';
import { FIXTURE } from './audit-fixture.js';

/**
 * Counts verified by hand on the fixture (see audit-fixture.ts, one comment per young person):
 * - 17 lines, 16 distinct (F's full duplicate); 9 NUMANONYM (a, b, c, d, e, f, 0, 1, 2); 104 of ONPE's 105 variables
 *   present (the 106 of the 2016 nomenclature less UTDP, which is not in ONPE's list, less NBCHGLIEU).
 * - TYPEV 1: lines A1, B1, D, E, F×3, G1, H, J1 = 10; TYPEV 2: B3, G2 = 2; TYPEV 3: A2, B2, C×2, J2 = 5.
 * - DATDECPE years: 2017 (C2, G1) = 2; 2018 (B1, B2) = 2; the other 13 in 2019.
 * - date-format (0009): H's DATDEB 2019-02-30 and ANSA1 1910 (< 1920, in 0009 as ONPE does); birth-dates (0010):
 *   nobody over 20, no adult less than 10 years older. missing-DATDEB: H's impossible date is not a date.
 * - id-inconsistencies (0005, lines): F's third line (ANAIS 2013 against 2012 on F's first line).
 * - always-empty: 30 variables are filled somewhere (identity 7, HANDICAP, INTERANT, the decision block used by
 *   the lines, DATFIN, MOTFININT, CHGLIEU, COMPOMENAG, MENAGEJM, LIENA1, ANSA1); 105 − UTDP − 30 = 74.
 */
const EXPECTED: Record<string, { count: number; items?: unknown[] }> = {
  'absent-variables': { count: 1, items: [{ variable: 'NBCHGLIEU' }] },
  'always-empty': { count: 74 },
  'always-unknown': { count: 1, items: [{ variable: 'HANDICAP' }] },
  'id-inconsistencies': { count: 1 },
  typev: {
    count: 17,
    items: [
      { value: '1', count: 10 },
      { value: '2', count: 2 },
      { value: '3', count: 5 },
    ],
  },
  'date-format': { count: 2 },
  'birth-dates': { count: 0 },
  'minor-only-variables': { count: 1 },
  'minor-only-modalities': { count: 0 },
  'adult-only-variables': { count: 1 },
  'adult-only-modalities': { count: 1 },
  'unexpected-variables': { count: 0 },
  duplicates: { count: 1 },
  'duplicates-administrative': { count: 1 },
  'duplicates-judicial': { count: 0 },
  'missing-DECISION': { count: 1 },
  'missing-DATDECPE': { count: 0 },
  'missing-DATDEB': { count: 1 },
  'missing-DATFIN': { count: 1 },
  'missing-MOTFININT': { count: 1 },
  'out-of-scope': { count: 1 },
  'missing-LIEUACC': { count: 1 },
  'datfin-not-end': { count: 1 },
  'end-without-opening': { count: 1 },
  'excessive-duration': { count: 1 },
  'decision-years': {
    count: 3,
    items: [
      { value: '2017', count: 2, people: 2 },
      { value: '2018', count: 2, people: 1 },
      { value: '2019', count: 13, people: 9 },
    ],
  },
  'olinpe-identity-per-person': { count: 1 },
};

const ID = (c: string): string => c.repeat(40);

describe('audit on the guide-based fixture (year 2019)', () => {
  it('gives the header counts and every section in ONPE’s order', async () => {
    const r = await audit(FIXTURE, { year: 2019 });
    expect(r.records).toBe(17);
    expect(r.distinctLines).toBe(16);
    expect(r.youngPeople).toBe(9);
    expect([r.variablesPresent, r.variablesTotal]).toEqual([104, 105]);
    expect(r.year).toEqual({ value: 2019, source: 'given', inferred: 2019 });
    expect(r.typev).toEqual({ 1: 10, 2: 2, 3: 5 });
    expect(r.decisionYears).toEqual({ 2017: 2, 2018: 2, 2019: 13 });
    expect(r.sections.map((s) => s.id)).toEqual(AUDIT_SECTIONS.map((s) => s.id));
    expect(r.sections.filter((s) => s.onpe !== null)).toHaveLength(38);
    expect(new Set(r.sections.map((s) => s.onpe).filter((n) => n !== null)).size).toBe(36);
    for (const s of r.sections) {
      const want = EXPECTED[s.id] ?? { count: 0 };
      expect(s.count, s.id).toBe(want.count);
      expect(s.items.length === s.count || s.id === 'typev', s.id).toBe(true);
      if (want.items) expect(s.items, s.id).toEqual(want.items);
    }
  });

  it('names the pseudonym, the line and the variable of each item', async () => {
    const r = await audit(
      FIXTURE.map((values, i) => ({ values, line: i + 2, index: i })),
      { year: 2019 },
    );
    const item = (id: string) => r.sections.find((s) => s.id === id)!.items[0];
    expect(item('minor-only-variables')).toMatchObject({ numanonym: ID('d'), variable: 'COMPOMENAG', line: 9 });
    expect(item('adult-only-modalities')).toMatchObject({
      numanonym: ID('e'),
      variable: 'NATPDECADM',
      value: '21',
      line: 10,
    });
    expect(item('id-inconsistencies')).toMatchObject({
      numanonym: ID('f'),
      value: '2013|05|2',
      detail: { fr: 'première ligne du jeune : 2012|05|2', en: 'young person’s first line: 2012|05|2' },
      line: 13,
    });
    expect(item('end-without-opening')).toMatchObject({ numanonym: ID('c'), line: 7 });
    expect(item('out-of-scope')).toMatchObject({ numanonym: ID('0'), line: 14 });
    expect(item('duplicates')).toMatchObject({ numanonym: ID('f'), line: 12 });
  });

  it('gives every item’s detail in French and in English; the English text report shows the English', async () => {
    const lines = await audit(
      FIXTURE.map((values, i) => ({ values, line: i + 2, index: i })),
      { year: 2019 },
    );
    const details = lines.sections.flatMap((s) => s.items.flatMap((it) => (it.detail ? [it.detail] : [])));
    expect(details.length).toBeGreaterThan(3);
    for (const d of details) {
      expect(typeof d.fr).toBe('string');
      expect(typeof d.en).toBe('string');
      expect(d.en).not.toMatch(/\b(ans|ligne|répète|première|année|jeune)\b/);
      expect(d.fr).not.toMatch(/\b(years|line|repeats|first|year)\b/);
    }
    // The extra line of an administrative duplicate names the line it repeats (the fixture's lines start at 2).
    const dup = lines.sections.find((s) => s.id === 'duplicates-administrative')!.items[0]!;
    expect(dup.detail!.fr).toMatch(/^répète la ligne \d+$/);
    const repeated = Number(dup.detail!.fr.split(' ').at(-1));
    expect(repeated).toBeLessThan(dup.line!);
    expect(FIXTURE[repeated - 2]!.NUMANONYM).toBe(FIXTURE[dup.line! - 2]!.NUMANONYM);
    const en = renderAuditText(lines, { year: 2019, lang: 'en' });
    expect(en).toContain(`repeats line ${repeated}`);
    expect(en).not.toContain('répète');
    // Records given without a line: the record's position, never called a line.
    const plain = await audit(FIXTURE, { year: 2019 });
    const plainDup = plain.sections.find((s) => s.id === 'duplicates-administrative')!.items[0]!;
    expect(plainDup.detail).toEqual({
      fr: `répète l’enregistrement ${repeated - 1}`,
      en: `repeats record ${repeated - 1}`,
    });
  });

  it('renders French and English text with every section title', async () => {
    const fr = renderAuditText(await audit(FIXTURE, { year: 2019 }), { year: 2019 });
    expect(fr).toContain('Rapport d’audit technique — année 2019');
    expect(fr).toContain(
      'Doublons administratifs (lignes en trop) [duplicates-administrative] (ONPE 0022 « Doublons concernant les prestations administratives ») : 1 lignes',
    );
    expect(fr).toContain(
      'Variables absentes [absent-variables] (ONPE 0002 « Variables absentes du fichier ») : 1 variables',
    );
    expect(fr).toContain('Lignes : 17 (16 distinctes)');
    const en = renderAuditText(await audit(FIXTURE, { year: 2019, lang: 'en' }), { lang: 'en' });
    expect(en).toContain(
      'Administrative duplicates (extra lines) [duplicates-administrative] (ONPE 0022 « Doublons concernant les prestations administratives ») : 1 lines',
    );
  });

  it('the text audit shows pseudonyms as the reports do: 12 characters and an ellipsis, never whole', async () => {
    const { records } = synthesise({ seed: 3, year: 2019, records: 400, errorRate: 0.2 });
    const items = records.map((values, index) => ({ values, index, line: index + 3 }));
    const text = renderAuditText(await audit(items, { year: 2019 }), { year: 2019, maxItems: 1000 });
    const whole = records.map((r) => r.NUMANONYM).filter((p): p is string => typeof p === 'string' && p.length === 40);
    expect(whole.length).toBeGreaterThan(0);
    expect(whole.filter((p) => text.includes(p))).toEqual([]);
    expect(whole.some((p) => text.includes(`${p.slice(0, 12)}…`))).toBe(true);
  });
});
