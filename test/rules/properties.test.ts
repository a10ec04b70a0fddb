import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseRecord } from '../../src/model/index.js';
import {
  conditionVariables,
  evaluateCondition,
  variables,
  variable,
  isInAgeBand,
} from '../../src/nomenclature/index.js';
import { validateAll, validateRecord } from '../../src/rules/index.js';
import { invalidValue, sampleValue } from '../../src/rules/value-formats.js';
import { applicableVariables, coherentRecordArb } from '../support/coherent-record.js';
import { validRecordArb } from '../support/arbitraries.js';
import { runs } from '../support/runs.js';

const DEFS = variables('2016');
/** Variables some condition reads: changing them changes the applicability of others. */
const READ_BY_CONDITIONS = new Set(
  DEFS.flatMap((d) => [...conditionVariables(d.applicability.condition), ...conditionVariables(d.requiredWhen)]),
);
/** Variables the age, the event and the dates depend on. */
const STRUCTURAL = new Set([
  'TYPEV',
  'ANAIS',
  'MNAIS',
  'DATDECPE',
  'DATDEB',
  'DATFIN',
  'NUMANONYM',
  'NUMANONYMANT',
  'DECISION',
]);
const free = (name: string): boolean => !READ_BY_CONDITIONS.has(name) && !STRUCTURAL.has(name);

const errorsOf = (record: Record<string, string>): string[] =>
  validateRecord(record, { referenceYear: 2019 })
    .findings.filter((f) => f.severity === 'error')
    .map((f) => f.ruleId);

describe('properties of the 2016 rules', () => {
  it('records coherent by construction give no finding at all', () => {
    fc.assert(
      fc.property(coherentRecordArb, (c) => {
        expect(validateRecord(c.record, { referenceYear: 2019 }).findings).toEqual([]);
      }),
      { numRuns: runs(300) },
    );
  });

  it('an invalid value on one applicable variable gives its FMT error and no other error', () => {
    fc.assert(
      fc.property(coherentRecordArb, fc.nat(), (c, k) => {
        const candidates = applicableVariables(c).filter(free);
        const name = candidates[k % candidates.length]!;
        const broken = { ...c.record, [name]: invalidValue(variable(name)!) };
        expect(errorsOf(broken)).toEqual([`OL16-FMT-${name}`]);
      }),
      { numRuns: runs(200) },
    );
  });

  it('emptying one required applicable variable gives its REQ error and no other error', () => {
    fc.assert(
      fc.property(coherentRecordArb, fc.nat(), (c, k) => {
        const required = (n: string): boolean => {
          const when = variable(n)!.requiredWhen;
          return variable(n)!.required !== null && (when === undefined || evaluateCondition(when, (x) => c.record[x]));
        };
        const candidates = applicableVariables(c).filter(
          (n) =>
            required(n) &&
            !READ_BY_CONDITIONS.has(n) &&
            !['TYPEV', 'ANAIS', 'MNAIS', 'DATDECPE', 'DATDEB', 'NUMANONYM', 'DECISION'].includes(n),
        );
        fc.pre(candidates.length > 0);
        const name = candidates[k % candidates.length]!;
        expect(errorsOf({ ...c.record, [name]: '' })).toEqual([`OL16-REQ-${name}`]);
      }),
      { numRuns: runs(200) },
    );
  });

  it('filling one variable on an event type where it never applies gives its EVT error and no other error', () => {
    fc.assert(
      fc.property(coherentRecordArb, fc.nat(), (c, k) => {
        const candidates = DEFS.filter(
          (d) =>
            free(d.name) &&
            !d.applicability.events.includes(c.record.TYPEV!) &&
            isInAgeBand(c.age, d.applicability.age) &&
            d.applicability.condition === null,
        );
        fc.pre(candidates.length > 0);
        const def = candidates[k % candidates.length]!;
        expect(errorsOf({ ...c.record, [def.name]: sampleValue(def) })).toEqual([`OL16-EVT-${def.name}`]);
      }),
      { numRuns: runs(200) },
    );
  });

  it('DATFIN on an opening or renewal line gives OL16-EVT-DATFIN and no other error', () => {
    fc.assert(
      fc.property(
        coherentRecordArb.filter((c) => c.record.TYPEV !== '3'),
        (c) => {
          expect(errorsOf({ ...c.record, DATFIN: c.record.DATDEB! })).toEqual(['OL16-EVT-DATFIN']);
        },
      ),
      { numRuns: runs(100) },
    );
  });

  it('filling one variable outside its age band gives its AGE finding and no error of another rule', () => {
    fc.assert(
      fc.property(coherentRecordArb, fc.nat(), (c, k) => {
        const candidates = DEFS.filter(
          (d) =>
            free(d.name) &&
            d.applicability.events.includes(c.record.TYPEV!) &&
            !isInAgeBand(c.age, d.applicability.age) &&
            d.applicability.condition === null &&
            !d.applicability.ageAtEnd,
        );
        fc.pre(candidates.length > 0);
        const def = candidates[k % candidates.length]!;
        const found = validateRecord({ ...c.record, [def.name]: sampleValue(def) }, { referenceYear: 2019 }).findings;
        expect(found.map((f) => f.ruleId)).toEqual([`OL16-AGE-${def.name}`]);
      }),
      { numRuns: runs(200) },
    );
  });

  it('two lines of one NUMANONYM with different SEXE give OL-YP-001 and nothing else of young-person scope', async () => {
    await fc.assert(
      fc.asyncProperty(
        coherentRecordArb.filter((c) => c.record.TYPEV !== '3'),
        async (c) => {
          const first = { ...c.record, SEXE: '1' };
          const other = { ...c.record, SEXE: '2' };
          const { findings } = await validateAll([first, other], { referenceYear: 2019 });
          // The second line may also be an administrative or judicial duplicate of the first (a warning).
          const ids = findings.filter((f) => f.scope === 'young-person').map((f) => f.ruleId);
          expect(ids.filter((id) => id !== 'OL16-YP-006' && id !== 'OL16-YP-007')).toEqual(['OL-YP-001']);
          expect(findings.filter((f) => f.severity === 'error').map((f) => f.ruleId)).toEqual(['OL-YP-001']);
        },
      ),
      { numRuns: runs(50) },
    );
  });

  it('the FMT rules agree with the model: an FMT finding exactly where parseRecord reports the variable', () => {
    for (const edition of ['2016', '2011'] as const) {
      fc.assert(
        fc.property(
          validRecordArb(edition),
          fc.dictionary(fc.constantFrom(...variables(edition).map((v) => v.name)), fc.string({ maxLength: 12 })),
          (valid, noise) => {
            const record = { ...valid, ...noise } as Record<string, string>;
            const model = new Set(parseRecord(record, { edition }).issues.map((i) => i.variable));
            const rules = new Set(
              validateRecord(record, { edition })
                .findings.filter((f) => f.ruleId.includes('-FMT-'))
                .map((f) => f.variables[0]!.name),
            );
            expect([...rules].sort()).toEqual([...model].sort());
          },
        ),
        { numRuns: runs(200) },
      );
    }
  });
});
