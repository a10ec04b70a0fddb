/**
 * Heap growth across a piece of work, measured between two real garbage collections (the collector exposed
 * through `v8.setFlagsFromString`): what the work left alive, not what it allocated.
 */
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';

setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc') as () => void;

/** Bytes of heap still in use after `work` (and a full collection) beyond what was in use before it. */
export async function retainedBy<T>(work: () => Promise<T> | T): Promise<{ value: T; retained: number }> {
  gc();
  const before = process.memoryUsage().heapUsed;
  const value = await work();
  gc();
  return { value, retained: process.memoryUsage().heapUsed - before };
}
