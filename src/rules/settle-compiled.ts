/**
 * The prechecks of a selection compiled into one function (the fast path of `settleLine`, selection.ts).
 *
 * `settleLine` reads the prechecks from tables: for each value, a loop over its tests with a dispatch on each test's
 * kind and its data read through the test (`QuickPass`). Here the same tables are written out once per selection as
 * the source of one function: a plain sequence over the variables, each test's kind, bounds, codes and row
 * positions written in as constants (a coded variable's codes as a table indexed by the value's character codes, a
 * condition as an expression over the row). What it does is exactly what the table path does, in the same order:
 * the same rules counted as absent, the same calls written in the same order (the caller sorts them the same way).
 *
 * Why: the table path cost ~20 ns a test (about 200 tests a line); the compiled one leaves V8 straight-line code
 * with constant data. Its size matters: over 60 KB of bytecode, V8's optimising compiler leaves a function alone
 * and it runs unoptimised (3x slower; `node --trace-opt` shows whether `compiledSettle` was optimised). Tried in
 * session 9 and left out: a condition's set of codes read from a table as a code list's format is (written out at
 * each of its ~90 places, the function outgrew that size; through `passesFormat`, 1.1x slower than `Set.has`), the
 * line's event numbered from a table (no gain measured). Its cost: V8's optimising compiler spends ~0.3-0.75 s of CPU (on its own thread, once a run) on
 * the 2016 selection's function, ~60 KB of source; split into functions of 16 variables it took about as long in all
 * (measured with --trace-opt), so it is one function. Where code cannot be compiled (a Content-Security-Policy without 'unsafe-eval'), `compile`
 * returns null and the table path is used, as `ValuesBuilder` does in the reader.
 *
 * Guarded by test/rules/settle-compiled.test.ts (fast-check: the compiled function and the table path give the same
 * calls, counts and skip reasons on random lines) and, through the engine, test/rules/no-shortcuts.test.ts and the
 * golden findings.
 *
 * @module
 */
import type { ConditionNode, QuickCondition, QuickPass } from './types.js';

/** A line's prechecks: the calls written into `calls` (in visiting order), their number returned. */
export type CompiledSettle = (
  row: readonly (string | undefined)[],
  ctx: { readonly event: string | undefined; readonly age: number | undefined; readonly values: unknown },
  unchecked: Float64Array,
  skips: (string | undefined)[],
  calls: Int32Array,
) => number;

/** What the compiler reads: the tables of selection.ts's `ByVariable` (see there). */
export interface SettleTables {
  positions: Int32Array;
  all: Int32Array;
  allFrom: Int32Array;
  empty: Int32Array;
  emptyFrom: Int32Array;
  filled: Int32Array;
  filledFrom: Int32Array;
  emptyQuick: readonly (QuickPass | null)[];
  filledQuick: readonly (QuickPass | null)[];
  events: ReadonlyMap<string, number>;
  emptyEvents: readonly (Uint8Array | null)[];
  filledEvents: readonly (Uint8Array | null)[];
}

/**
 * The compiled prechecks of `t`, or null where code cannot be compiled. `absentReason` is the skip reason of a rule
 * whose variable is absent; `passesFormat` the format test used for the formats not written out (all but codes).
 */
export function compileSettle(
  t: SettleTables,
  absentReason: string,
  passesFormat: (format: NonNullable<QuickPass['format']>, v: string) => boolean,
): CompiledSettle | null {
  const constants: unknown[] = [];
  const constant = (x: unknown): string => {
    let i = constants.indexOf(x);
    if (i < 0) i = constants.push(x) - 1;
    return `K${i}`;
  };
  const PF = constant(passesFormat);
  const ABS = constant(absentReason);
  const read = (at: number, name: string): string => (at >= 0 ? `row[${at}]` : `values[${JSON.stringify(name)}]`);
  const call = (r: number): string => `c[n++] = ${r};`;
  const inBand = (q: QuickPass): string => {
    const parts = ['age !== undefined'];
    if (q.min !== null) parts.push(`age >= ${q.min}`);
    if (q.max !== null) parts.push(`age <= ${q.max}`);
    return `(${parts.join(' && ')})`;
  };
  const node = (c: ConditionNode): string => {
    switch (c.op) {
      case 'all':
        return c.parts.length === 0 ? 'true' : `(${c.parts.map(node).join(' && ')})`;
      case 'any':
        return c.parts.length === 0 ? 'false' : `(${c.parts.map(node).join(' || ')})`;
      case 'not':
        return `!${node(c.parts[0]!)}`;
      case 'in':
        return `((x = ${read(c.at, c.name)}) !== undefined && x !== '' && ${constant(c.codes)}.has(x))`;
      case 'filled':
        return `(((x = ${read(c.at, c.name)}) !== undefined && x !== '') === ${c.want})`;
    }
  };
  // Every variable a condition reads is known (present, not its "ne sait pas" code when it counts).
  const allKnown = (c: QuickCondition): string => {
    const parts = c.at.map((at, k) => {
      const unknown = c.unknown[k];
      const x = `(x = ${read(at, c.names[k]!)}) !== undefined`;
      return unknown === null || unknown === undefined ? x : `${x} && x !== ${JSON.stringify(unknown)}`;
    });
    return parts.length === 0 ? 'true' : `(${parts.join(' && ')})`;
  };
  const everyHolds = (c: QuickCondition): string =>
    c.conditions.length === 0 ? 'true' : `(${c.conditions.map(node).join(' && ')})`;
  // A filled value's format (a non-empty string): a code list of one- and two-character ASCII codes by table.
  const format = (f: NonNullable<QuickPass['format']>): string => {
    if (f.one === null || f.two === null || f.long) return `${PF}(${constant(f)}, v)`;
    const one = f.one.includes(1) ? `(a = v.charCodeAt(0)) < 128 && ${constant(f.one)}[a] === 1` : 'false';
    const two = f.two.includes(1)
      ? `((a = v.charCodeAt(0)) | (b = v.charCodeAt(1))) < 128 && ${constant(f.two)}[a * 128 + b] === 1`
      : 'false';
    return `(v.length === 1 ? ${one} : v.length === 2 && ${two})`;
  };
  // One test: the statement that writes the call when the test does not settle the rule (see passesKind).
  const test = (kind: QuickPass['kind'] | null, q: QuickPass | null, r: number, empty: boolean, ev: string): string => {
    if (q === null || kind === null) return call(r);
    switch (kind) {
      case 'format':
        return empty ? call(r) : `if (!${format(q.format!)}) ${call(r)}`;
      case 'events':
        return empty ? call(r) : `if (e < 0 || ${ev}[e] === 0) ${call(r)}`;
      case 'band':
        return empty ? call(r) : `if (!${inBand(q)}) ${call(r)}`;
      case 'holds':
        return empty ? call(r) : `if (!${allKnown(q.condition!)} || !${everyHolds(q.condition!)}) ${call(r)}`;
      case 'reserved':
        return `if (${constant(q.codes)}.has(v) && !${inBand(q)}) ${call(r)}`;
      case 'outside': {
        if (!empty) return call(r);
        // In the order `check` asks: the event (unknown: called; not one of the test's: settled), the age, the
        // conditions (all known and one not holding: settled).
        const lines: string[] = [];
        if (q.events !== null) lines.push(`if (e < 0) { ${call(r)} break t; }`, `if (${ev}[e] === 0) break t;`);
        if (q.min !== null || q.max !== null) {
          const out = [q.min !== null ? `age < ${q.min}` : '', q.max !== null ? `age > ${q.max}` : '']
            .filter((s) => s !== '')
            .join(' || ');
          lines.push(`if (age === undefined) { ${call(r)} break t; }`, `if (${out}) break t;`);
        }
        const c = q.condition;
        lines.push(c === null ? call(r) : `if (!${allKnown(c)} || ${everyHolds(c)}) ${call(r)}`);
        return `t: { ${lines.join(' ')} }`;
      }
    }
  };
  const body: string[] = [];
  for (let k = 0; k < t.positions.length; k++) {
    const absent: string[] = [];
    for (let j = t.allFrom[k]!; j < t.allFrom[k + 1]!; j++) {
      const r = t.all[j]!;
      absent.push(`u[${r}] = u[${r}] + 1; if (s[${r}] === undefined) s[${r}] = ${ABS};`);
    }
    const side = (
      list: Int32Array,
      from: Int32Array,
      quick: readonly (QuickPass | null)[],
      events: readonly (Uint8Array | null)[],
      empty: boolean,
    ): string => {
      const out: string[] = [];
      for (let j = from[k]!; j < from[k + 1]!; j++) {
        const q = quick[j]!;
        const ev = events[j] ? constant(events[j]) : 'null';
        out.push(test(q?.kind ?? null, q, list[j]!, empty, ev));
      }
      return out.join('\n');
    };
    const empty = side(t.empty, t.emptyFrom, t.emptyQuick, t.emptyEvents, true);
    const filled = side(t.filled, t.filledFrom, t.filledQuick, t.filledEvents, false);
    body.push(
      `v = row[${t.positions[k]!}];`,
      `if (v === undefined) { ${absent.join(' ')} }`,
      `else if (v === '') { ${empty} }`,
      `else { ${filled} }`,
    );
  }
  const EVM = constant(t.events);
  const source = [
    `const ${constants.map((_, i) => `K${i} = K[${i}]`).join(', ')};`,
    'return function compiledSettle(row, ctx, u, s, c) {',
    `const ev = ctx.event; const age = ctx.age; const values = ctx.values;`,
    `const e = ev === undefined ? -1 : (${EVM}.get(ev) ?? ${t.events.size});`,
    'let n = 0; let v; let x; let a; let b;',
    ...body,
    'return n;',
    '};',
  ].join('\n');
  try {
    return new Function('K', source)(constants) as CompiledSettle;
  } catch {
    return null;
  }
}
