/** vitest setup file: applies the quick run's cap (`test/support/runs.ts`) to properties written without a count. */
import fc from 'fast-check';
import { capDefaultRuns } from './runs.js';

capDefaultRuns((p) => fc.configureGlobal(p));
