/**
 * The service's contract: the OpenAPI 3.1 document (derived from the zod schemas) is valid for a standard
 * validator (@seriousme/openapi-schema-validator, which checks it against the OpenAPI Initiative's schema), and
 * what the service answers matches what the document says, checked by a JSON Schema validator we did not write
 * (ajv, draft 2020-12) on real answers; the nomenclature data itself matches the documented Edition schema.
 */
import { Validator } from '@seriousme/openapi-schema-validator';
import Ajv2020 from 'ajv/dist/2020.js';
import { describe, expect, it } from 'vitest';
import { EDITIONS, editionData } from '../../src/nomenclature/index.js';
import { createService } from '../../src/serve/index.js';
import { synthesise } from '../../src/synth/index.js';
import { writeAll } from '../../src/transmission/index.js';

const KEY = new TextEncoder().encode('exemple-cle-departementale');
const { app, openApiDocument } = createService({ pseudonymisationKey: KEY, rehashKey: KEY });
const doc = openApiDocument() as {
  openapi: string;
  paths: Record<
    string,
    Record<string, { responses: Record<string, { content?: Record<string, { schema: object }> }> }>
  >;
};

function ajv(): InstanceType<typeof Ajv2020> {
  const a = new Ajv2020({ strict: false, allErrors: true });
  a.addSchema(doc as object, 'openapi');
  return a;
}

describe('OpenAPI document', () => {
  it('is a valid OpenAPI 3.1 document for a standard validator', async () => {
    expect(doc.openapi).toBe('3.1.0');
    const validator = new Validator();
    const result = await validator.validate(structuredClone(doc) as never);
    expect(result.errors ?? []).toEqual([]);
    expect(result.valid).toBe(true);
  });

  it('is what GET /openapi.json serves', async () => {
    const res = await app.fetch(new Request('http://localhost/openapi.json'));
    expect(await res.json()).toEqual(doc);
  });

  it('documents every route with its problem answers', () => {
    expect(Object.keys(doc.paths).sort()).toEqual(
      [
        '/health',
        '/version',
        '/v1/editions',
        '/v1/editions/{edition}',
        '/v1/editions/{edition}/variables/{name}',
        '/v1/editions/{edition}/records/validate',
        '/v1/files/validate',
        '/v1/files/audit',
        '/v1/pseudonymise',
        '/v1/rehash',
      ].sort(),
    );
    for (const [path, methods] of Object.entries(doc.paths)) {
      for (const op of Object.values(methods)) {
        if (path.startsWith('/v1/') && path !== '/v1/editions')
          expect(Object.keys(op.responses), path).toContain('400');
      }
    }
  });

  it('describes the nomenclature data of both editions (the Edition schema accepts them)', () => {
    const validate = ajv().getSchema('openapi#/components/schemas/Edition')!;
    for (const e of EDITIONS) {
      const ok = validate(JSON.parse(JSON.stringify(editionData(e))));
      expect(validate.errors ?? [], e).toEqual([]);
      expect(ok).toBe(true);
    }
  });

  it('says what the service answers: real answers validate against the documented schemas', async () => {
    const { records } = synthesise({ seed: 3, year: 2023, records: 150, errorRate: 0.15 });
    const { text } = await writeAll(records, { dateExport: '2024-01-31' });
    const json = (body: unknown, headers: Record<string, string> = {}) => ({
      method: 'POST',
      headers: { 'content-type': 'application/json', ...headers },
      body: JSON.stringify(body),
    });
    const calls: [string, string, RequestInit?][] = [
      ['/health', '/health'],
      ['/version', '/version'],
      ['/v1/editions', '/v1/editions'],
      ['/v1/editions/{edition}', '/v1/editions/2016'],
      ['/v1/editions/{edition}/variables/{name}', '/v1/editions/2011/variables/CODEV'],
      ['/v1/editions/{edition}/variables/{name}', '/v1/editions/2011/variables/TYPEV'],
      [
        '/v1/editions/{edition}/records/validate',
        '/v1/editions/2016/records/validate',
        json({ record: { TYPEV: '1', DATFIN: '2019-05-01', SEXE: '7' }, referenceYear: 2023 }),
      ],
      [
        '/v1/editions/{edition}/records/validate',
        '/v1/editions/2016/records/validate',
        json({ record: { SEXE: 1 } }, { 'accept-language': 'en' }),
      ],
      [
        '/v1/files/validate',
        '/v1/files/validate?year=2023',
        { method: 'POST', headers: { 'content-type': 'application/xml' }, body: text },
      ],
      [
        '/v1/files/validate',
        '/v1/files/validate',
        { method: 'POST', headers: { 'content-type': 'application/xml' }, body: '<DECRET>' },
      ],
      [
        '/v1/files/audit',
        '/v1/files/audit?year=2023',
        { method: 'POST', headers: { 'content-type': 'application/xml' }, body: text },
      ],
      [
        '/v1/pseudonymise',
        '/v1/pseudonymise',
        json({
          identities: [
            { prenom: 'Zoé', nomMere: 'Dupont', moisNaissance: 11, anneeNaissance: 2012 },
            { prenom: '', nomMere: 'X', moisNaissance: 1, anneeNaissance: 2000 },
          ],
        }),
      ],
      ['/v1/rehash', '/v1/rehash', json({ identifiers: ['3e33621a13a69f73ca2ebf01ed7d42d96036a30a', 'x'] })],
      ['/v1/rehash', '/v1/rehash', json({ identifiers: 'x' })],
    ];
    const a = ajv();
    const statuses = new Set<number>();
    for (const [template, url, init] of calls) {
      const res = await app.fetch(new Request(`http://localhost${url}`, init));
      const type = (res.headers.get('content-type') ?? '').split(';')[0]!;
      const method = (init?.method ?? 'get').toLowerCase();
      const documented = doc.paths[template]?.[method]?.responses[String(res.status)];
      expect(documented, `${method} ${url} ${res.status}`).toBeDefined();
      const schema = documented!.content?.[type]?.schema;
      expect(schema, `${method} ${url} ${res.status} ${type}`).toBeDefined();
      const validate = a.compile(resolveRefs(schema!));
      const body = await res.json();
      const ok = validate(body);
      expect(validate.errors ?? [], `${method} ${url}`).toEqual([]);
      expect(ok).toBe(true);
      statuses.add(res.status);
    }
    expect([...statuses].sort()).toEqual([200, 400, 404, 422]);
  }, 60_000);
});

/** A response schema whose `#/components/…` references point into the document registered as `openapi`. */
function resolveRefs(schema: object): object {
  return JSON.parse(JSON.stringify(schema).replace(/"\$ref":"#\/components\//g, '"$ref":"openapi#/components/'));
}
