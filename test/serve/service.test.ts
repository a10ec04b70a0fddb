/**
 * `olinpe serve` called as a Java or .NET back-end would: the real CLI in a child process on a loopback port,
 * plain `fetch`. Every answer is compared with what the library (or the CLI, for files) gives on the same input:
 * records validated by `validateRecord`, synthetic files with injected errors (src/synth) validated and audited
 * as `olinpe validate|audit --format json` does, identities pseudonymised as `pseudonymise` does. The key is a
 * canary that must appear in no answer and no log line.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPseudonymiser, createRehasher } from '../../src/pseudonymisation/index.js';
import { validateRecord } from '../../src/rules/index.js';
import { synthesise } from '../../src/synth/index.js';
import { writeAll } from '../../src/transmission/index.js';
import { cli } from '../support/cli.js';
import { startServer, type RunningServer } from './server.js';
import { tempDir } from '../support/temp-dir.js';

const dir = tempDir('olinpe-serve-');
// Canaries: a key and an identity that must never come back in an answer or a log line.
const KEY = `canary-key-${Math.random().toString(36).slice(2)}-departement`;
const REHASH_KEY = `canary-rehash-${Math.random().toString(36).slice(2)}-observatoire`;
const NAME = 'Canaryprenomzz';
writeFileSync(join(dir, 'key.txt'), `${KEY}\n`);
writeFileSync(join(dir, 'rehash-key.txt'), REHASH_KEY);

let server: RunningServer;
/** Every answer body and header seen, for the canary test. */
const seen: string[] = [];

async function call(
  path: string,
  init: RequestInit & { json?: unknown } = {},
): Promise<{ status: number; type: string; body: any; headers: Headers }> {
  const { json, ...rest } = init;
  const res = await fetch(server.url + path, {
    ...rest,
    ...(json !== undefined
      ? {
          body: JSON.stringify(json),
          headers: { 'content-type': 'application/json', ...(rest.headers as Record<string, string>) },
        }
      : {}),
  });
  const text = await res.text();
  seen.push(text, JSON.stringify([...res.headers]));
  return {
    status: res.status,
    type: res.headers.get('content-type') ?? '',
    body: text ? JSON.parse(text) : undefined,
    headers: res.headers,
  };
}

beforeAll(async () => {
  server = await startServer(
    [
      '--key-file',
      join(dir, 'key.txt'),
      '--rehash-key-file',
      join(dir, 'rehash-key.txt'),
      '--max-body',
      '64K',
      '--max-file',
      '4M',
    ],
    process.cwd(),
  );
}, 60_000);

afterAll(async () => {
  if (server) await server.stop();
});

/** A synthetic yearly file with injected errors, written as XML or CSV. */
async function synthFile(format: 'xml' | 'csv', seed: number): Promise<{ text: string; path: string }> {
  const { records, injected } = synthesise({ seed, year: 2023, records: 400, errorRate: 0.1 });
  expect(injected.length).toBeGreaterThan(10);
  const { text } = await writeAll(records, { format, dateExport: '2024-01-31' });
  const path = join(dir, `synth-${seed}.${format}`);
  writeFileSync(path, text);
  return { text, path };
}

describe('olinpe serve', () => {
  it('binds to loopback and answers health and version', async () => {
    expect(new URL(server.url).hostname).toBe('127.0.0.1');
    expect((await call('/health')).body).toEqual({ status: 'ok' });
    const version = await call('/version');
    expect(version.body).toMatchObject({
      name: 'olinpe',
      editions: ['2016', '2011'],
      pseudonymisation: true,
      rehash: true,
    });
  });

  it('describes an edition and a variable as the nomenclature data holds them', async () => {
    const { editionData, variable } = await import('../../src/nomenclature/index.js');
    expect((await call('/v1/editions/2011')).body).toEqual(JSON.parse(JSON.stringify(editionData('2011'))));
    expect((await call('/v1/editions/2016/variables/typev')).body).toEqual(
      JSON.parse(JSON.stringify(variable('TYPEV', '2016'))),
    );
    const missing = await call('/v1/editions/2016/variables/CODEV');
    expect(missing.status).toBe(404);
    expect(missing.type).toMatch(/^application\/problem\+json/);
    expect(missing.body.errors[0].field).toBe('name');
    expect(missing.body.detail).toContain('2011');
  });

  const records: Record<string, string>[] = [
    { TYPEV: '1', DATFIN: '2019-05-01' },
    { TYPEV: '3', SEXE: '4', ANAIS: '2012', MNAIS: '13', DATDEB: '2019-02-30', NBFRAT: 'x' },
    { TYPEV: '2', MODACC: '1', TITAP: '', NUMANONYM: 'z'.repeat(40) },
    { TYPEV: '2', constructor: '1', hasOwnProperty: '2', toString: '3', PROTO: '4' },
    {},
  ];
  for (const [i, record] of records.entries()) {
    it(`validates one record as validateRecord does, in French and English (${i})`, async () => {
      // JSON.parse keeps "__proto__" as an own key, as a client's JSON would: the rules must see it too.
      const sent = JSON.parse(JSON.stringify(record).replace('"PROTO"', '"__proto__"')) as Record<string, string>;
      const wire = sent;
      for (const lang of ['fr', 'en'] as const) {
        const res = await call('/v1/editions/2016/records/validate', {
          method: 'POST',
          json: { record: sent, referenceYear: 2023 },
          headers: lang === 'en' ? { 'accept-language': 'en-GB,en;q=0.9' } : {},
        });
        expect(res.status).toBe(200);
        expect(res.headers.get('content-language')).toBe(lang);
        expect(res.body).toEqual(
          JSON.parse(JSON.stringify(validateRecord(wire, { edition: '2016', lang, referenceYear: 2023 }))),
        );
      }
    });
  }

  it('validates a 2011 record with the 2011 rules', async () => {
    const record = { CODEV: '99', SEXE: '1' };
    const res = await call('/v1/editions/2011/records/validate', { method: 'POST', json: { record } });
    expect(res.body).toEqual(JSON.parse(JSON.stringify(validateRecord(record, { edition: '2011' }))));
  });

  for (const format of ['xml', 'csv'] as const) {
    it(`validates a streamed ${format.toUpperCase()} file with injected errors: the JSON of olinpe validate --format json`, async () => {
      const { text, path } = await synthFile(format, format === 'xml' ? 11 : 12);
      const res = await call(`/v1/files/validate?year=2023&name=${encodeURIComponent(path)}`, {
        method: 'POST',
        body: text,
        headers: { 'content-type': format === 'xml' ? 'application/xml' : 'text/csv' },
      });
      expect(res.status).toBe(200);
      const fromCli = await cli(['validate', path, '--year', '2023', '--format', 'json']);
      expect(fromCli.code).toBe(1);
      expect(res.body).toEqual(JSON.parse(fromCli.stdout));
      expect(res.body.findings.length).toBeGreaterThan(10);
    }, 60_000);

    it(`audits a streamed ${format.toUpperCase()} file: the JSON of olinpe audit --format json`, async () => {
      const { text, path } = await synthFile(format, format === 'xml' ? 21 : 22);
      const res = await call('/v1/files/audit?year=2023', {
        method: 'POST',
        body: text,
        headers: { 'content-type': 'application/octet-stream', 'accept-language': 'en' },
      });
      expect(res.status).toBe(200);
      const fromCli = await cli(['audit', path, '--year', '2023', '--format', 'json', '--lang', 'en']);
      expect(fromCli.code).toBe(0);
      expect(res.body).toEqual(JSON.parse(fromCli.stdout));
      expect(res.body.reading.complete).toBe(true);
    }, 60_000);
  }

  it('answers a file read in part with its report, reading.complete false first, as the CLI (exit 2) does', async () => {
    const { text } = await synthFile('xml', 31);
    const cut = text.indexOf('<DONNEE>', text.length / 2);
    const broken = `${text.slice(0, cut)}<DONNEE><TYPEV>1</TYPEV><SEXE>${text.slice(cut + '<DONNEE>'.length)}`;
    const path = join(dir, 'broken.xml');
    writeFileSync(path, broken);
    const res = await call('/v1/files/validate?year=2023&name=' + encodeURIComponent(path), {
      method: 'POST',
      body: broken,
      headers: { 'content-type': 'application/xml' },
    });
    const fromCli = await cli(['validate', path, '--year', '2023', '--format', 'json']);
    expect(fromCli.code).toBe(2);
    expect(res.status).toBe(200);
    expect(res.body).toEqual(JSON.parse(fromCli.stdout));
    expect(res.body.reading.complete).toBe(false);
    expect(res.body.records).toBeGreaterThan(100);
  }, 60_000);

  it('answers an unreadable file with a located problem (422)', async () => {
    const res = await call('/v1/files/validate', {
      method: 'POST',
      body: '<?xml version="1.0"?>\n<DECRET><INTRO>',
      headers: { 'content-type': 'application/xml' },
    });
    expect(res.status).toBe(422);
    expect(res.body).toMatchObject({ status: 422, errors: [{ field: 'body' }] });
    expect(res.body.line).toBeGreaterThan(0);
  });

  it('refuses a file over --max-file and a JSON body over --max-body (413), streamed or announced', async () => {
    // 2.4 MB of wide rows (few records, so that the rules have little to do before the limit), sent twice: over 4 MiB.
    const big = `NUMANONYM;TYPEV;NOTE\n${`${'a'.repeat(40)};1;${'x'.repeat(4000)}\n`.repeat(600)}`;
    const streamed = new ReadableStream<Uint8Array>({
      start(controller) {
        const bytes = new TextEncoder().encode(big);
        controller.enqueue(bytes);
        controller.enqueue(bytes);
        controller.close();
      },
    });
    const res = await call('/v1/files/validate', {
      method: 'POST',
      body: streamed,
      headers: { 'content-type': 'text/csv' },
      duplex: 'half',
    } as RequestInit);
    expect(res.status).toBe(413);
    expect(res.body.errors[0].field).toBe('body');
    const json = await call('/v1/rehash', {
      method: 'POST',
      json: { identifiers: Array.from({ length: 2000 }, () => 'b'.repeat(40)) },
    });
    expect(json.status).toBe(413);
  }, 60_000);

  it('answers bad input with a problem document naming each field, in the request language', async () => {
    const cases: [string, RequestInit & { json?: unknown }, number, string][] = [
      [
        '/v1/editions/2016/records/validate',
        { method: 'POST', body: '{"record":{"__proto__":{"x":1}}}', headers: { 'content-type': 'application/json' } },
        400,
        'record.__proto__',
      ],
      [
        '/v1/editions/2016/records/validate',
        { method: 'POST', json: { record: { ANAIS: 2012 } } },
        400,
        'record.ANAIS',
      ],
      [
        '/v1/editions/2016/records/validate',
        { method: 'POST', json: { record: {}, referenceYear: 'N' } },
        400,
        'referenceYear',
      ],
      [
        '/v1/editions/2016/records/validate',
        { method: 'POST', json: { record: { SEXE: 'x'.repeat(2000) } } },
        400,
        'record.SEXE',
      ],
      ['/v1/editions/2016/records/validate', { method: 'POST', json: { values: {} } }, 400, 'values'],
      ['/v1/editions/2019/records/validate', { method: 'POST', json: { record: {} } }, 400, 'edition'],
      [
        '/v1/editions/2016/records/validate',
        { method: 'POST', body: '{"record":', headers: { 'content-type': 'application/json' } },
        400,
        'body',
      ],
      [
        '/v1/editions/2016/records/validate',
        { method: 'POST', body: 'TYPEV=1', headers: { 'content-type': 'text/plain' } },
        415,
        'content-type',
      ],
      [
        '/v1/files/validate?year=20',
        { method: 'POST', body: 'x', headers: { 'content-type': 'text/csv' } },
        400,
        'year',
      ],
      ['/v1/files/audit', { method: 'POST', body: 'x', headers: { 'content-type': 'text/csv' } }, 400, 'year'],
      ['/v1/files/validate', { method: 'POST', body: '', headers: { 'content-type': 'text/csv' } }, 400, 'body'],
      [
        '/v1/pseudonymise',
        { method: 'POST', json: { identities: [{ prenom: NAME, nomMere: 'Dupont', moisNaissance: 11 }] } },
        400,
        'identities.0.anneeNaissance',
      ],
      ['/v1/pseudonymise', { method: 'POST', json: { identities: [] } }, 400, 'identities'],
      [
        '/v1/pseudonymise',
        {
          method: 'POST',
          json: {
            key: KEY,
            identities: [{ prenom: NAME, nomMere: 'Dupont', moisNaissance: 11, anneeNaissance: 2012 }],
          },
        },
        400,
        'key',
      ],
      ['/v1/rehash', { method: 'POST', json: { identifiers: ['a'.repeat(40)], key: REHASH_KEY } }, 400, 'key'],
    ];
    for (const [path, init, status, field] of cases) {
      for (const lang of ['fr', 'en']) {
        const res = await call(path, {
          ...init,
          headers: { ...(init.headers as Record<string, string>), 'accept-language': lang },
        });
        expect(res.status, `${path} ${field}`).toBe(status);
        expect(res.type).toMatch(/^application\/problem\+json/);
        expect(res.body).toMatchObject({
          status,
          type: expect.stringMatching(/^https:\/\//),
          title: expect.any(String),
          detail: expect.any(String),
        });
        expect(
          res.body.errors.map((e: { field: string }) => e.field),
          path,
        ).toContain(field);
        expect(res.headers.get('content-language')).toBe(lang);
      }
    }
    const fr = await call('/v1/pseudonymise', { method: 'POST', json: { key: 'x', identities: [] } });
    const en = await call('/v1/pseudonymise', {
      method: 'POST',
      json: { key: 'x', identities: [] },
      headers: { 'accept-language': 'en' },
    });
    expect(fr.body.title).toBe('Requête invalide');
    expect(en.body.title).toBe('Invalid request');
  });

  it('pseudonymises a batch with the server key, as the library does with that key; rejects by field', async () => {
    const identities = [
      { prenom: 'Zoé', nomMere: 'Dupont', moisNaissance: 11, anneeNaissance: 2012 },
      { prenom: NAME, nomMere: 'Martin-Durand', moisNaissance: '03', anneeNaissance: '2009' },
      { prenom: '---', nomMere: 'Dupont', moisNaissance: 11, anneeNaissance: 2012 },
      { prenom: 'Léa', nomMere: 'Nguyen', moisNaissance: 13, anneeNaissance: 2012 },
    ];
    const res = await call('/v1/pseudonymise', { method: 'POST', json: { identities } });
    expect(res.status).toBe(200);
    const pseudo = createPseudonymiser({ key: KEY, scheme: 'olinpe-2016' });
    expect(res.body.results[0]).toEqual({ index: 0, numanonym: pseudo(identities[0]!) });
    expect(res.body.results[1]).toEqual({ index: 1, numanonym: pseudo(identities[1]!) });
    expect(res.body.results[2]).toMatchObject({ index: 2, error: { field: 'prenom' } });
    expect(res.body.results[3]).toMatchObject({ index: 3, error: { field: 'moisNaissance' } });
    expect(res.body).toMatchObject({ scheme: 'olinpe-2016', written: 2, rejected: 2 });
    const oned = await call('/v1/pseudonymise', {
      method: 'POST',
      json: { scheme: 'oned-2011', identities: [{ ...identities[0], jourNaissance: 5 }] },
    });
    expect(oned.body.results[0].numanonym).toBe(
      createPseudonymiser({ key: KEY, scheme: 'oned-2011' })({ ...identities[0]!, jourNaissance: 5 }),
    );
  });

  it('re-hashes identifiers with the server level-2 key, as the library does', async () => {
    const ids = ['3e33621a13a69f73ca2ebf01ed7d42d96036a30a', 'not-hex', 'ABCDEF0123456789ABCDEF0123456789ABCDEF01'];
    const res = await call('/v1/rehash', { method: 'POST', json: { identifiers: ids } });
    const rehash = createRehasher({ key: REHASH_KEY });
    expect(res.body.results).toEqual([
      { index: 0, numanonym: rehash(ids[0]!) },
      { index: 1, error: { field: 'numanonym', message: expect.any(String) } },
      { index: 2, numanonym: rehash(ids[2]!) },
    ]);
  });

  it('never sends or logs a key or an identity (canary), and logs routes, not paths', async () => {
    const text = seen.join('\n') + server.output();
    for (const secret of [
      KEY,
      REHASH_KEY,
      NAME,
      Buffer.from(KEY).toString('hex'),
      Buffer.from(KEY).toString('base64'),
    ]) {
      expect(text).not.toContain(secret);
    }
    expect(text.toLowerCase()).not.toContain(NAME.toLowerCase());
    expect(server.output()).toContain('POST /v1/pseudonymise 200');
    expect(server.output()).toContain('GET /v1/editions/:edition/variables/:name 404');
    expect(server.output()).not.toContain('typev');
  });
});

describe('olinpe serve without keys', () => {
  it('answers 503 on pseudonymisation and re-hash, stops on SIGTERM with code 0', async () => {
    const bare = await startServer([]);
    try {
      for (const [path, json] of [
        [
          '/v1/pseudonymise',
          { identities: [{ prenom: 'Zoé', nomMere: 'Dupont', moisNaissance: 11, anneeNaissance: 2012 }] },
        ],
        ['/v1/rehash', { identifiers: ['a'.repeat(40)] }],
      ] as const) {
        const res = await fetch(bare.url + path, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify(json),
        });
        expect(res.status).toBe(503);
        expect(((await res.json()) as { type: string }).type).toMatch(/#no-key$/);
      }
    } finally {
      expect(await bare.stop()).toBe(0);
    }
    expect(bare.output()).toContain('arrêté');
  }, 60_000);

  it('refuses an empty key file and an unknown option with exit code 2, without repeating what was typed', async () => {
    writeFileSync(join(dir, 'empty.txt'), '');
    const empty = await cli(['serve', '--key-file', join(dir, 'empty.txt')]);
    expect(empty.code).toBe(2);
    expect(empty.stderr).toMatch(/clé/);
    // Keys are read as the library reads key files: a BOM (Notepad) would silently give other pseudonyms.
    writeFileSync(join(dir, 'bom.txt'), `\uFEFF${KEY}`);
    const bom = await cli(['serve', '--rehash-key-file', join(dir, 'bom.txt')]);
    expect(bom.code).toBe(2);
    expect(bom.stderr).toMatch(/BOM/);
    expect(bom.stderr).not.toContain(KEY);
    const unknown = await cli(['serve', `--key=${KEY}`]);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).not.toContain(KEY);
  });
});
