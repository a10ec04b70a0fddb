/**
 * How many cases a fast-check property runs. CI and a plain `npm test` run each property's own count (the numbers
 * written in the tests); `npm run test:quick` (or `OLINPE_PROPERTY_RUNS=N`) caps every count at N for a quick run
 * while developing. Under `CI=true` the cap is ignored, so CI always runs the full counts.
 *
 * @module
 */
const cap = process.env.CI === 'true' ? undefined : Number.parseInt(process.env.OLINPE_PROPERTY_RUNS ?? '', 10);

/** `n`, or the quick run's cap when it is lower. */
export function runs(n: number): number {
  return cap !== undefined && Number.isFinite(cap) && cap > 0 ? Math.min(n, cap) : n;
}

/** Properties written without a count (fast-check's default, 100) follow the cap too. Loaded by vitest.config.ts. */
export function capDefaultRuns(configureGlobal: (p: { numRuns: number }) => void): void {
  if (runs(100) < 100) configureGlobal({ numRuns: runs(100) });
}
