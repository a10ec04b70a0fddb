/** Small statistics on durations: quartiles of observed values and Kaplan–Meier quartiles with censoring. */

/** Quartiles of a sample, or nulls when it is empty. */
export interface Quartiles {
  count: number;
  q1: number | null;
  median: number | null;
  q3: number | null;
}

/**
 * Quartiles by linear interpolation between order statistics (the usual "type 7" definition).
 *
 * @example
 * quartiles([1, 2, 3, 4, 5]) // { count: 5, q1: 2, median: 3, q3: 4 }
 */
export function quartiles(values: ArrayLike<number>): Quartiles {
  const s = Float64Array.from(values).sort();
  const q = (p: number): number | null => {
    if (s.length === 0) return null;
    const h = (s.length - 1) * p;
    const lo = Math.floor(h);
    const hi = Math.min(lo + 1, s.length - 1);
    return s[lo]! + (h - lo) * (s[hi]! - s[lo]!);
  };
  return { count: s.length, q1: q(0.25), median: q(0.5), q3: q(0.75) };
}

/**
 * The observations' indices by time, ended ones first among equal times (a typed array: 4 bytes an observation;
 * the order among equal times and ends does not change any result).
 */
function byTime(times: ArrayLike<number>, ended: ArrayLike<number>): Int32Array {
  const idx = new Int32Array(times.length);
  for (let i = 0; i < idx.length; i++) idx[i] = i;
  return idx.sort((a, b) => times[a]! - times[b]! || ended[b]! - ended[a]!);
}

/** Kaplan–Meier quartiles: the first time the estimated share still running falls to 75 %, 50 %, 25 %. */
export interface SurvivalQuartiles extends Quartiles {
  /** Observations whose end was seen. */
  events: number;
  /** Observations still running at the end of the follow-up. */
  censored: number;
}

/**
 * Kaplan–Meier estimate of duration quartiles. `times[i]` is the observed time, `ended[i]` is 1 when the
 * end was seen and 0 when the observation is censored. A quartile is null when the curve never falls that low.
 *
 * @example
 * kaplanMeier([1, 2, 3, 4], [1, 1, 1, 1]).median // 2
 * kaplanMeier([1, 2, 3, 4], [1, 0, 0, 0]).median // null
 */
export function kaplanMeier(times: ArrayLike<number>, ended: ArrayLike<number>): SurvivalQuartiles {
  const n = times.length;
  const curve = kaplanMeierCurve(times, ended);
  // The first time the curve falls to the quartile's share (a rounding step below it allowed).
  const at = (share: number): number | null => {
    const i = curve.values.findIndex((s) => s <= share + 1e-12);
    return i < 0 ? null : curve.times[i]!;
  };
  let events = 0;
  for (let i = 0; i < n; i++) if (ended[i]) events++;
  return { count: n, events, censored: n - events, q1: at(0.75), median: at(0.5), q3: at(0.25) };
}

/** The Kaplan–Meier curve: the estimated share still running just after each time at which an end was seen. */
export interface SurvivalCurve {
  times: number[];
  values: number[];
}

/**
 * The Kaplan–Meier curve itself (what {@link kaplanMeier} reads its quartiles from): at each distinct time with
 * at least one end, the share still running after it. Censored observations only lower the number at risk.
 *
 * @example
 * kaplanMeierCurve([1, 2, 3, 4], [1, 1, 1, 1]) // { times: [1, 2, 3, 4], values: [0.75, 0.5, 0.25, 0] }
 */
export function kaplanMeierCurve(times: ArrayLike<number>, ended: ArrayLike<number>): SurvivalCurve {
  const n = times.length;
  const idx = byTime(times, ended);
  let atRisk = n;
  let s = 1;
  const out: SurvivalCurve = { times: [], values: [] };
  let k = 0;
  while (k < n) {
    const t = times[idx[k]!]!;
    let d = 0;
    let c = 0;
    while (k < n && times[idx[k]!] === t) {
      if (ended[idx[k]!]) d++;
      else c++;
      k++;
    }
    if (d > 0) {
      s *= 1 - d / atRisk;
      out.times.push(t);
      out.values.push(s);
    }
    atRisk -= d + c;
  }
  return out;
}
