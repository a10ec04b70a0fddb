/**
 * node:crypto's SHA-1 of a text, for the pseudonymiser and the re-hasher (`sha1Utf8`): `crypto.hash` (Node 20.12
 * and later: one call, no Hash object), else `createHash`. The same bytes are hashed as with the library's own
 * SHA-1 (the UTF-8 of the text); test/pseudonymisation checks both give the published vectors.
 */
import * as crypto from 'node:crypto';
import type { Sha1Hex, Sha1Utf8 } from '../pseudonymisation/index.js';

export const nodeSha1Utf8: Sha1Utf8 =
  typeof crypto.hash === 'function'
    ? (text) => crypto.hash('sha1', text, 'hex')
    : (text) => crypto.createHash('sha1').update(text, 'utf8').digest('hex');

/** node:crypto's SHA-1 of bytes (`sha1Bytes` of the identity-file pseudonymiser), hexadecimal. */
export const nodeSha1Bytes: Sha1Hex =
  typeof crypto.hash === 'function'
    ? (bytes) => crypto.hash('sha1', bytes, 'hex')
    : (bytes) => crypto.createHash('sha1').update(bytes).digest('hex');

/**
 * node:crypto's SHA-1 of bytes as its 20 digest bytes, one character each (`binary`, i.e. latin1), for the identity-file
 * pseudonymiser (`sha1Digest`); undefined before Node 20.12 (no `crypto.hash`): the hexadecimal one is used.
 */
export const nodeSha1Digest: ((bytes: Uint8Array) => string) | undefined =
  typeof crypto.hash === 'function' ? (bytes) => crypto.hash('sha1', bytes, 'binary') : undefined;
