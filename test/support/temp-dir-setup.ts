/** vitest setup file: removes a test file's temporary folders (test/support/temp-dir.ts) after its last test. */
import { afterAll } from 'vitest';
import { removeTempDirs } from './temp-dir.js';

afterAll(removeTempDirs);
