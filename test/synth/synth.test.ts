import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { parseRecord } from '../../src/model/index.js';
import { isCode, variables } from '../../src/nomenclature/index.js';
import { createPseudonymiser, normaliseName, pseudonymise } from '../../src/pseudonymisation/index.js';
import { validateAll } from '../../src/rules/index.js';
import {
  DEMO_KEY,
  INJECTED_ERROR_KINDS,
  applies,
  isRequired,
  identitiesCsv,
  synthesise,
  synthesiseYears,
} from '../../src/synth/index.js';
import { checkerAge, dayOf } from '../../src/_lib/days.js';
import { uniqueSurnameElement } from '../../src/synth/names.js';
import { identityNumber, youngPerson } from '../../src/synth/population.js';
import { cli } from '../support/cli.js';
import { cliArgs, ensureCli } from '../support/dist.js';
import { runs } from '../support/runs.js';
import { tempDir } from '../support/temp-dir.js';

// The built CLI, as a user runs it (rebuilt when src/ is newer than dist/cli.js).
beforeAll(ensureCli, 300_000);

const exec = promisify(execFile);

const DEFS = variables('2016');
const ageOf = (r: Record<string, string | undefined>): number =>
  checkerAge(
    Number(r.ANAIS),
    Number(r.MNAIS),
    dayOf(Number(r.DATDECPE!.slice(0, 4)), Number(r.DATDECPE!.slice(5, 7)), Number(r.DATDECPE!.slice(8, 10))),
  );

/** The decision variables the guide requires identical on linked lines (TYPEV 1/2 ↔ their TYPEV 3). */
const LINKED = [
  'DATDECPE',
  'DECISION',
  'DATDEB',
  'NATPDECADM',
  'AUTREDA',
  'NATDECASSED',
  'AUTREDJ',
  'NATDECPLAC',
  'TYPINTERDOM',
  'TYPDECJUD',
];

describe('synthesise (2016)', () => {
  const result = synthesise({ seed: 11, year: 2023, records: 1500 });

  it('is deterministic for a seed and differs between seeds', () => {
    const again = synthesise({ seed: 11, year: 2023, records: 1500 });
    expect(JSON.stringify(again)).toBe(JSON.stringify(result));
    const other = synthesise({ seed: 12, year: 2023, records: 1500 });
    expect(JSON.stringify(other.records)).not.toBe(JSON.stringify(result.records));
  });

  it('produces about the requested number of lines, every one fitting the model', () => {
    expect(result.records.length).toBeGreaterThan(1200);
    expect(result.records.length).toBeLessThan(1800);
    for (const r of result.records) expect(parseRecord(r).issues).toEqual([]);
  });

  it('fills variables only where they apply, and the required ones wherever they apply', () => {
    for (const r of result.records) {
      const age = ageOf(r);
      const get = (n: string): string | undefined => (r as Record<string, string>)[n];
      for (const def of DEFS) {
        if (def.name === 'UTDP') continue;
        const value = get(def.name);
        expect(value, def.name).toBeDefined();
        const ok = applies(def, r.TYPEV!, age, get);
        if (!ok) expect(value, `${def.name} on TYPEV ${r.TYPEV} age ${age}`).toBe('');
        if (isRequired(def, r.TYPEV!, age, get)) expect(value, `${def.name} required`).not.toBe('');
        if (value !== '' && def.type === 'code' && def.codes.length > 0) {
          const code = def.codes.find((c) => c.code === value)!;
          expect(code, `${def.name}=${value}`).toBeDefined();
          if (code.age) {
            expect(age >= (code.age.min ?? 0) && age <= (code.age.max ?? 99), `${def.name}=${value} at ${age}`).toBe(
              true,
            );
          }
        }
      }
      expect(age).toBeGreaterThanOrEqual(0);
      expect(age).toBeLessThanOrEqual(20);
    }
  });

  it('has realistic shares of "ne sait pas" and of each event type', () => {
    const typev = new Map<string, number>();
    for (const r of result.records) typev.set(r.TYPEV!, (typev.get(r.TYPEV!) ?? 0) + 1);
    for (const t of ['1', '2', '3']) expect(typev.get(t) ?? 0).toBeGreaterThan(result.records.length * 0.1);
    const filled = result.records.filter((r) => (r.ORIGIP ?? '') !== '');
    const unknown = filled.filter((r) => r.ORIGIP === '99').length / filled.length;
    expect(unknown).toBeGreaterThan(0.04);
    expect(unknown).toBeLessThan(0.3);
  });

  it('repeats the decision variables identically on the lines of one measure period', () => {
    let pairs = 0;
    for (const m of result.truth.measures) {
      const byPeriod = new Map<number, number[]>();
      for (const e of m.events) {
        if (e.recordIndex === null || e.role === 'decision') continue;
        byPeriod.set(e.period, [...(byPeriod.get(e.period) ?? []), e.recordIndex]);
      }
      for (const idx of byPeriod.values()) {
        if (idx.length < 2) continue;
        pairs++;
        const [a, ...rest] = idx.map((i) => result.records[i]!);
        for (const b of rest) for (const v of LINKED) expect(b[v as keyof typeof b], v).toBe(a![v as keyof typeof a]);
      }
      // Between an opening and its renewals, the nature and dependent decision variables are equal.
      const lines = m.lines.map((i) => result.records[i]!);
      for (const l of lines)
        for (const v of [
          'DECISION',
          'NATPDECADM',
          'NATDECASSED',
          'AUTREDA',
          'AUTREDJ',
          'NATDECPLAC',
          'TYPINTERDOM',
          'TYPDECJUD',
        ]) {
          expect(l[v as keyof typeof l]).toBe(lines[0]![v as keyof typeof l]);
        }
    }
    expect(pairs).toBeGreaterThan(50);
  });

  it('computes NUMANONYM with the pseudonymisation of the identity behind each line', () => {
    for (const id of result.identities.slice(0, 200)) {
      const r = result.records[id.recordIndex]!;
      expect(
        pseudonymise(
          { prenom: id.prenom, nomMere: id.nomMere, moisNaissance: id.mnais, anneeNaissance: id.anais },
          { key: DEMO_KEY },
        ),
      ).toBe(r.NUMANONYM);
      expect(Number(r.ANAIS)).toBe(id.anais);
    }
    const csv = identitiesCsv(result.identities);
    expect(csv.split('\n')[0]).toBe('PRENOM;NOMMERE;JNAIS;MNAIS;ANAIS;REF');
    expect(csv.trim().split('\n')).toHaveLength(result.records.length + 1);
  });

  it('gives one SEXE, ANAIS and MNAIS per NUMANONYM', () => {
    const seen = new Map<string, string>();
    for (const r of result.records) {
      const v = `${r.SEXE}|${r.ANAIS}|${r.MNAIS}`;
      expect(seen.get(r.NUMANONYM!) ?? v).toBe(v);
      seen.set(r.NUMANONYM!, v);
    }
  });

  it('refuses a department that is not a NUMDEP code', () => {
    expect(() => synthesise({ seed: 1, year: 2023, records: 10, department: '20' })).toThrow(/NUMDEP/);
  });
});

describe('three consecutive years of one population', () => {
  const years = [2022, 2023, 2024];
  const { files, truth } = synthesiseYears({ seed: 5, records: 1200 }, years);

  it('places every line of every measure in the file of its year, matching the truth', () => {
    const byYear = new Map(files.map((f) => [f.year, f.records]));
    let checked = 0;
    for (const m of truth.measures) {
      for (const e of m.events) {
        if (!years.includes(e.year)) {
          expect(e.recordIndex).toBeNull();
          continue;
        }
        expect(e.recordIndex, `${m.id} ${e.role} ${e.year}`).not.toBeNull();
        const r = byYear.get(e.year)![e.recordIndex!]! as Record<string, string | undefined>;
        expect(r.TYPEV).toBe(e.typev);
        expect(r.DATDECPE).toBe(e.datdecpe);
        expect(r.DATDEB).toBe(e.datdeb);
        expect(r.DATFIN).toBe(e.datfin ?? '');
        expect(r.DECISION).toBe(m.decision);
        expect(m.decision === '1' ? r.NATPDECADM : r.NATDECASSED).toBe(m.nature);
        checked++;
      }
    }
    expect(checked).toBe(files.reduce((s, f) => s + f.records.length, 0));
  });

  it('chains NUMANONYMANT to the previous year and simulates identity corrections', () => {
    const corrected = truth.youngPeople.filter((p) => p.correction !== null && years.includes(p.correction.year));
    expect(corrected.length).toBeGreaterThan(0);
    for (const p of corrected) {
      const c = p.correction!;
      expect(c.numanonymBefore).not.toBe(c.numanonymAfter);
      const file = files.find((f) => f.year === c.year)!;
      for (const r of file.records.filter((x) => x.NUMANONYM === c.numanonymAfter))
        expect(r.NUMANONYMANT).toBe(c.numanonymBefore);
    }
    // NUMANONYMANT is the pseudonym sent the last time the young person was in a file (G18 p12–13): it differs from
    // NUMANONYM only in the first file after a correction, which may be a later year than the correction's.
    const all = truth.youngPeople.filter((p) => p.correction !== null);
    for (const f of files) {
      for (const r of f.records.filter((x) => x.NUMANONYM !== x.NUMANONYMANT)) {
        const p = all.find((q) => q.correction!.numanonymAfter === r.NUMANONYM);
        expect(p, 'a changed NUMANONYM belongs to a corrected young person').toBeDefined();
        expect(r.NUMANONYMANT).toBe(p!.correction!.numanonymBefore);
        expect(p!.correction!.year).toBeLessThanOrEqual(f.year);
        const earlier = files.filter((g) => g.year >= p!.correction!.year && g.year < f.year);
        expect(
          earlier.some((g) => g.records.some((x) => x.NUMANONYM === r.NUMANONYM)),
          'not yet sent under the new pseudonym',
        ).toBe(false);
      }
    }
  });

  it("contains the guide's worked example: decided in N, started in N+1, ended and renewed in N+1", () => {
    const example = truth.measures.find((m) => {
      const d = m.events.find((e) => e.role === 'decision');
      const s = m.events.find((e) => e.role === 'start');
      const end0 = m.events.find((e) => e.role === 'end' && e.period === 0);
      const ren = m.events.find((e) => e.role === 'renewal' && e.period === 1);
      return d && s && end0 && ren && d.year === 2022 && s.year === 2023 && end0.year === 2023 && ren.year === 2023;
    });
    expect(example).toBeDefined();
  });

  it('lists each young person once with measures in trajectory order', () => {
    const ids = new Set(truth.youngPeople.map((p) => p.id));
    expect(ids.size).toBe(truth.youngPeople.length);
    for (const t of truth.trajectories) {
      const starts = t.measures.map((id) => truth.measures.find((m) => m.id === id)!.start);
      expect([...starts].sort()).toEqual(starts);
    }
  });
});

describe('one pseudonym per young person (issue 11: no synthetic identity collisions)', () => {
  it('never gives two young people of a département the same pseudonym, in either scheme, at 20,000 lines', () => {
    // Seed 42, 2022, 20,000 lines gave two young people the same pseudonym (40 × 48 name pairs): OL-YP-008 fired on a
    // clean file. Every identity behind the file, before and after a correction, belongs to one young person only.
    const { identities, truth } = synthesise({ seed: 42, year: 2022, records: 20_000 });
    const owner = new Map<string, string>();
    const pseudo16 = createPseudonymiser({ key: DEMO_KEY });
    const pseudo11 = createPseudonymiser({ key: DEMO_KEY, scheme: 'oned-2011' });
    const check = (pseudonym: string, person: string): void => {
      expect(owner.get(pseudonym) ?? person, pseudonym).toBe(person);
      owner.set(pseudonym, person);
    };
    const seen = new Set<string>();
    for (const i of identities) {
      // One young person's lines share an identity: hash each (person, spelling) once.
      const key = `${i.youngPerson}|${i.nomMere}`;
      if (seen.has(key)) continue;
      seen.add(key);
      const identity = {
        prenom: i.prenom,
        nomMere: i.nomMere,
        moisNaissance: i.mnais,
        anneeNaissance: i.anais,
        jourNaissance: i.jnais,
      };
      check(pseudo16(identity), i.youngPerson);
      check(`2011:${pseudo11(identity)}`, i.youngPerson);
    }
    for (const p of truth.youngPeople) {
      if (p.correction === null) continue;
      check(p.correction.numanonymBefore, p.id);
      check(p.correction.numanonymAfter, p.id);
    }
    expect(new Set(identities.map((i) => i.youngPerson)).size).toBeGreaterThan(3000);
  }, 120_000);

  it("keeps a young person's identity across years, and the made-up surname element is one-to-one", () => {
    const a = youngPerson({ seed: 3 }, 2019, 17);
    expect(youngPerson({ seed: 3 }, 2019, 17)).toEqual(a);
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 30_000_000 }), fc.integer({ min: 0, max: 30_000_000 }), (m, n) => {
        const x = normaliseName(uniqueSurnameElement(m));
        const y = normaliseName(uniqueSurnameElement(n));
        expect(x === y).toBe(m === n);
        // At least four syllables: a suffix of fixed length below 70⁴, so what precedes it cannot make two names equal.
        expect(x.length).toBeGreaterThanOrEqual(8);
        if (m < 70 ** 4 && n < 70 ** 4) expect(x.length).toBe(y.length);
      }),
    );
    fc.assert(
      fc.property(
        fc.integer({ min: 1950, max: 2090 }),
        fc.integer({ min: 0, max: 100_000 }),
        fc.integer({ min: 1, max: 31 }),
        fc.integer({ min: 0, max: 100_000 }),
        (e, i, d, j) => {
          // Entry years less than 32 apart (those whose young people can share a birth year) never share a number.
          expect(identityNumber(e, i) === identityNumber(e + d, j)).toBe(false);
          expect(identityNumber(e, i) === identityNumber(e, j)).toBe(i === j);
        },
      ),
    );
  });
});

describe('properties over seeds', () => {
  it('every record fits the model and the opening lines carry a decision date in or before the year', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 2 ** 31 }), fc.integer({ min: 2018, max: 2030 }), (seed, year) => {
        const { records, truth } = synthesise({ seed, year, records: 60 });
        for (const r of records) {
          expect(parseRecord(r).ok).toBe(true);
          const dates = [r.DATDECPE, r.DATDEB, r.DATFIN].filter((d): d is string => !!d);
          expect(dates.some((d) => d.startsWith(String(year)))).toBe(true);
          expect(isCode('NUMDEP', r.NUMDEP!)).toBe(true);
        }
        for (const m of truth.measures) expect(m.lines.length).toBeGreaterThan(0);
      }),
      { numRuns: runs(15) },
    );
  });
});

describe('error injection', () => {
  const year = 2023;
  const injectedRun = synthesise({ seed: 21, year, records: 2000, errorRate: 0.05 });

  it('injects errors of every kind at about the rate, each on its own line', () => {
    const { injected, records } = injectedRun;
    expect(injected.length).toBeGreaterThanOrEqual(Math.round(0.05 * records.length) - 5);
    expect(new Set(injected.map((e) => e.kind))).toEqual(new Set(INJECTED_ERROR_KINDS));
    expect(new Set(injected.map((e) => e.recordIndex)).size).toBe(injected.length);
    expect(injectedRun.identities).toHaveLength(records.length);
  });

  it('every injected error is found by validateRecords (recall 100%), a clean file gives no error', async () => {
    const { records, injected } = injectedRun;
    const { findings } = await validateAll(
      records.map((values, index) => ({ values, index })),
      { referenceYear: year },
    );
    for (const e of injected) {
      const at = new Set([e.recordIndex, ...(e.related ?? [])]);
      const hit = findings.some(
        (f) =>
          f.recordIndex !== undefined &&
          at.has(f.recordIndex) &&
          (e.variables.length === 0 || f.variables.some((v) => e.variables.includes(v.name))),
      );
      expect(hit, `${e.kind} at ${e.recordIndex}: ${e.description}`).toBe(true);
    }
    const clean = synthesise({ seed: 21, year, records: 2000 });
    const run = await validateAll(
      clean.records.map((values, index) => ({ values, index })),
      { referenceYear: year },
    );
    expect(run.findings.filter((f) => f.severity === 'error')).toEqual([]);
  });
});

describe('olinpe synth', () => {
  it('writes the file, the sidecar errors, identities and truth; same seed gives the same bytes', async () => {
    const dir = tempDir('olinpe-synth-');
    const args = ['synth', '--year', '2023', '--records', '200', '--seed', '9', '--error-rate', '0.05'];
    const a = await cli([...args, '--out', 'a.xml', '--identities', 'id.csv', '--truth', 'truth.json'], { cwd: dir });
    expect(a.code).toBe(0);
    const b = await cli([...args, '--out', 'b.xml'], { cwd: dir });
    expect(b.code).toBe(0);
    const xa = readFileSync(join(dir, 'a.xml'), 'utf8');
    expect(readFileSync(join(dir, 'b.xml'), 'utf8')).toBe(xa);
    const errors = JSON.parse(readFileSync(join(dir, 'a.xml.errors.json'), 'utf8')) as {
      injected: { recordIndex: number }[];
    };
    const lines = xa.split('<DONNEE>').length - 1;
    expect(errors.injected.length).toBeGreaterThan(0);
    for (const e of errors.injected) expect(e.recordIndex).toBeLessThan(lines);
    const ids = readFileSync(join(dir, 'id.csv'), 'utf8').trim().split('\n');
    expect(ids).toHaveLength(lines + 1);
    const truth = JSON.parse(readFileSync(join(dir, 'truth.json'), 'utf8')) as { measures: unknown[] };
    expect(truth.measures.length).toBeGreaterThan(0);
  });

  it('streams CSV to stdout and refuses a bad option', async () => {
    const ok = await cli(['synth', '--year', '2022', '--records', '50', '--format', 'csv']);
    expect(ok.code).toBe(0);
    expect(ok.stdout.split('\n')[0]).toContain('NUMANONYM');
    const bad = await cli(['synth', '--year', '2022', '--department', '20']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/NUMDEP/);
  });

  it('runs as a user would, through node dist/cli.js', async () => {
    const { stdout } = await exec(
      process.execPath,
      cliArgs(['synth', '--year', '2023', '--records', '30', '--seed', '2', '--format', 'csv']),
    );
    expect(stdout.split('\n').length).toBeGreaterThan(10);
  }, 60_000);
});

describe('synthesise (2011 edition)', () => {
  it('produces minors-only CODEV 1–5 lines that fit the 2011 model, deterministically, with no error finding', async () => {
    const a = synthesise({ seed: 4, year: 2014, records: 600, edition: '2011' });
    const b = synthesise({ seed: 4, year: 2014, records: 600, edition: '2011' });
    expect(JSON.stringify(a.records)).toBe(JSON.stringify(b.records));
    expect(a.records.length).toBeGreaterThan(200);
    for (const r of a.records) {
      expect(parseRecord(r, { edition: '2011' }).issues).toEqual([]);
      expect(['1', '2', '3', '4', '5']).toContain(r.CODEV);
    }
    // Openings after an IP (1), a direct report (2) and a direct seizure of the judge (3), not only measures (4).
    for (const c of ['1', '2', '3', '4'])
      expect(
        a.records.some((r) => r.CODEV === c),
        `CODEV ${c}`,
      ).toBe(true);
    // Renewals as the aid describes them (O15 p7–8): CODEV 5 with MOTFININT and every end date empty.
    const renewals = a.records.filter((r) => r.CODEV === '5' && r.MOTFININT === '');
    expect(renewals.length).toBeGreaterThan(0);
    for (const r of renewals)
      for (const n of ['DATFINAD', 'DATFINACC', 'DATFININTER', 'DATFINPLAC'] as const) expect(r[n]).toBe('');
    const run = await validateAll(
      a.records.map((values, index) => ({ values, index })),
      { edition: '2011', referenceYear: 2014 },
    );
    expect(run.findings.filter((f) => f.severity === 'error')).toEqual([]);
  });
});
