import type { Record2011 } from '../model/index.js';
import type { LineContext } from './fill2016.js';
import type { LinePlan } from './lines.js';
import type { YoungPerson } from './population.js';
import type { Rng } from './random.js';

export function buildRecord2011(_p: YoungPerson, _l: LinePlan, _c: LineContext, _r: Rng): Record2011 | null {
  return null;
}
