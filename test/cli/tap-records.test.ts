/**
 * `tapRecords` (src/cli/rules-input.ts), the pass-through of `validate` and `audit` that feeds each record to the
 * progress line and the counters: an iterator written by hand, which must behave as the async generator it replaced
 * (every record, in order, seen just before it is handed over; left early, the records are closed).
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { tapRecords } from '../../src/cli/rules-input.js';
import type { RecordItem } from '../../src/transmission/index.js';
import { runs } from '../support/runs.js';

const record = (index: number): RecordItem => ({
  type: 'record',
  index,
  line: index + 1,
  edition: '2016',
  values: { TYPEV: String(index % 4) },
  unknown: [],
  issues: [],
  structural: false,
});

describe('tapRecords', () => {
  it('hands every record over in order, each seen just before, and closes the records when left early', async () => {
    await fc.assert(
      fc.asyncProperty(fc.nat(30), fc.option(fc.nat(30), { nil: undefined }), async (count, stopAt) => {
        const log: string[] = [];
        let closed = false;
        async function* records(): AsyncGenerator<RecordItem> {
          try {
            for (let i = 0; i < count; i++) yield record(i);
          } finally {
            closed = true;
          }
        }
        for await (const r of tapRecords(records(), (values) => log.push(`seen ${values.TYPEV}`))) {
          log.push(`got ${r.index}`);
          if (stopAt !== undefined && r.index === stopAt) break;
        }
        const handed = stopAt !== undefined && stopAt < count ? stopAt + 1 : count;
        expect(log).toEqual(Array.from({ length: handed }, (_, i) => [`seen ${i % 4}`, `got ${i}`]).flat());
        expect(closed).toBe(true);
      }),
      { numRuns: runs(100) },
    );
  });

  it('closes the records and passes the error on when seeing one throws', async () => {
    let closed = false;
    async function* records(): AsyncGenerator<RecordItem> {
      try {
        for (let i = 0; i < 5; i++) yield record(i);
      } finally {
        closed = true;
      }
    }
    const got: number[] = [];
    const reading = async (): Promise<void> => {
      for await (const r of tapRecords(records(), (values) => {
        if (values.TYPEV === '2') throw new Error('counter broke');
      }))
        got.push(r.index);
    };
    await expect(reading()).rejects.toThrow('counter broke');
    expect(got).toEqual([0, 1]);
    expect(closed).toBe(true);
  });
});
