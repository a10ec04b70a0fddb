/**
 * The HTTP service: a Hono application whose routes are declared with their zod schemas, so that the OpenAPI
 * document is derived from what is checked. Web-standard only (Request, Response, ReadableStream): the CLI's
 * `olinpe serve` binds it to a port with @hono/node-server; any other runtime can call `app.fetch`.
 *
 * @module
 */
import { OpenAPIHono, createRoute, z, type RouteConfig } from '@hono/zod-openapi';
import type { Context } from 'hono';
import { HTTPException } from 'hono/http-exception';
import { bodyLimit } from 'hono/body-limit';
import { routePath } from 'hono/route';
import { EDITIONS, editionData, variable, type EditionId } from '../nomenclature/index.js';
import {
  createPseudonymiser,
  createRehasher,
  PseudonymisationError,
  type Identity,
} from '../pseudonymisation/index.js';
import { validateRecord } from '../rules/index.js';
import { VERSION } from '../version.js';
import { auditFile, limitBytes, TooLargeError, UnreadableFileError, validateFile } from './files.js';
import { languageOf, type Lang } from './lang.js';
import { problem, problemResponse, type Bilingual } from './problem.js';
import * as S from './schemas.js';

/** What the service is started with. Keys are bytes held by the server: no request can carry one. */
export interface ServiceOptions {
  /** The département's level-1 key, for `POST /v1/pseudonymise`; without it that route answers 503. */
  pseudonymisationKey?: Uint8Array | undefined;
  /** The observatory's level-2 key, for `POST /v1/rehash`; without it that route answers 503. */
  rehashKey?: Uint8Array | undefined;
  /** Largest JSON body, in bytes (default 1 MiB). */
  maxJsonBytes?: number;
  /** Largest transmission file, in bytes (default 2 GiB). */
  maxFileBytes?: number;
  /**
   * Called once per answered request with its method, route pattern (`/v1/editions/:edition/variables/:name`: never
   * the path as sent, its query or its body), status and duration: what `olinpe serve` writes on its error output.
   */
  log?: (entry: { method: string; path: string; status: number; ms: number }) => void;
}

/** Default limits. */
export const DEFAULT_MAX_JSON_BYTES = 1 << 20;
export const DEFAULT_MAX_FILE_BYTES = 2 * 1024 ** 3;

const JSON_TYPE = 'application/json';
const PROBLEM_TYPE = 'application/problem+json';

function lang(c: Context): Lang {
  return languageOf(c.req.header('accept-language'));
}

/** Answers a problem in the request's language. */
function fail(
  c: Context,
  kind: Parameters<typeof problem>[0],
  detail: Bilingual,
  options: Parameters<typeof problem>[3] = {},
): Response {
  const l = lang(c);
  return problemResponse(problem(kind, l, detail, { instance: c.req.path, ...options }), l, {
    vary: 'Accept-Language',
  });
}

/** A JSON answer in the request's language. */
function answer(c: Context, body: unknown, status = 200): Response {
  return new Response(JSON.stringify(body), {
    status,
    headers: { 'content-type': `${JSON_TYPE}; charset=utf-8`, 'content-language': lang(c), vary: 'Accept-Language' },
  });
}

interface ZodIssueLike {
  code: string;
  path: PropertyKey[];
  message: string;
  keys?: string[];
  expected?: string;
  maximum?: number | bigint;
  minimum?: number | bigint;
  origin?: string;
}

/** A zod issue as named fields with a message in both languages (never the value sent). */
export function issueErrors(issue: ZodIssueLike, root = ''): { field: string; detail: Bilingual }[] {
  const at = [root, ...issue.path.map(String)].filter((p) => p !== '').join('.');
  const field = at || 'body';
  switch (issue.code) {
    case 'unrecognized_keys':
      return (issue.keys ?? []).map((k) => ({
        field: at ? `${at}.${k}` : k,
        detail:
          k === 'key'
            ? {
                fr: 'une clé n’est jamais acceptée dans une requête : le serveur lit la sienne au démarrage',
                en: 'a key is never accepted in a request: the server reads its own at start',
              }
            : { fr: 'champ inconnu', en: 'unknown field' },
      }));
    case 'invalid_type':
      return [
        {
          field,
          detail:
            issue.path.length > 0 || root
              ? { fr: `type attendu : ${issue.expected ?? '?'}`, en: `expected type: ${issue.expected ?? '?'}` }
              : { fr: 'un objet JSON est attendu', en: 'a JSON object is expected' },
        },
      ];
    case 'too_big':
      return [
        {
          field,
          detail: {
            fr: `trop grand (au plus ${String(issue.maximum)}${issue.origin === 'string' ? ' caractères' : issue.origin === 'array' ? ' éléments' : ''})`,
            en: `too big (at most ${String(issue.maximum)}${issue.origin === 'string' ? ' characters' : issue.origin === 'array' ? ' items' : ''})`,
          },
        },
      ];
    case 'too_small':
      return [
        {
          field,
          detail: {
            fr: `trop petit (au moins ${String(issue.minimum)}${issue.origin === 'array' ? ' élément(s)' : ''})`,
            en: `too small (at least ${String(issue.minimum)}${issue.origin === 'array' ? ' item(s)' : ''})`,
          },
        },
      ];
    case 'invalid_format':
      return [{ field, detail: { fr: 'format invalide', en: 'invalid format' } }];
    case 'invalid_value':
      return [{ field, detail: { fr: 'valeur non permise', en: 'value not allowed' } }];
    case 'invalid_key':
      return [
        {
          field,
          detail: {
            fr: 'nom de variable invalide (lettres, chiffres, _ ; 40 au plus)',
            en: 'invalid variable name (letters, digits, _; at most 40)',
          },
        },
      ];
    case 'invalid_union':
      return [
        { field, detail: { fr: 'un texte ou un nombre entier est attendu', en: 'a text or an integer is expected' } },
      ];
    default:
      return [{ field, detail: { fr: 'valeur invalide', en: 'invalid value' } }];
  }
}

/** The hook every route's validators share: a zod failure becomes a problem document naming each field. */
function invalid(result: { success: boolean; error?: { issues: ZodIssueLike[] } }, c: Context): Response | undefined {
  if (result.success || !result.error) return undefined;
  const errors = result.error.issues.slice(0, 50).flatMap((i) => issueErrors(i));
  return fail(
    c,
    'invalid-request',
    {
      fr: `${errors.length} champ(s) invalide(s) : ${[...new Set(errors.map((e) => e.field))].slice(0, 10).join(', ')}`,
      en: `${errors.length} invalid field(s): ${[...new Set(errors.map((e) => e.field))].slice(0, 10).join(', ')}`,
    },
    { errors },
  );
}

const problems = {
  400: {
    description: 'Requête invalide : le document de problème nomme chaque champ en cause.',
    content: { [PROBLEM_TYPE]: { schema: S.ProblemSchema } },
  },
  404: { description: 'Introuvable.', content: { [PROBLEM_TYPE]: { schema: S.ProblemSchema } } },
  413: { description: 'Requête trop volumineuse.', content: { [PROBLEM_TYPE]: { schema: S.ProblemSchema } } },
  415: { description: 'Type de contenu non pris en charge.', content: { [PROBLEM_TYPE]: { schema: S.ProblemSchema } } },
  422: {
    description: 'Fichier illisible (ligne et colonne données).',
    content: { [PROBLEM_TYPE]: { schema: S.ProblemSchema } },
  },
  503: {
    description: 'Aucune clé configurée pour ce service.',
    content: { [PROBLEM_TYPE]: { schema: S.ProblemSchema } },
  },
} as const;

const acceptLanguage = z
  .object({
    'accept-language': z
      .string()
      .optional()
      .openapi({ description: 'fr (par défaut) ou en : langue des messages.', example: 'en' }),
  })
  .openapi({});

const editionParam = z.object({
  edition: S.Edition.openapi({ param: { name: 'edition', in: 'path' }, example: '2016' }),
});

const fileQuery = z.object({
  year: z.coerce
    .number()
    .int()
    .min(2000)
    .max(2100)
    .optional()
    .openapi({ description: 'Année N de l’extraction.', example: 2024 }),
  name: z.string().max(200).optional().openapi({
    description:
      'Nom du fichier, repris dans la réponse (champ file) ; son extension (.csv, .xml) aide à reconnaître le format.',
  }),
  edition: S.Edition.optional().openapi({
    description:
      'Force l’édition (par défaut : celle de la plupart des enregistrements ; VERSIONXSD n’est qu’une indication).',
  }),
});

const fileBody = {
  required: true,
  description:
    'Le fichier de transmission, tel quel (XML <DECRET> ou CSV séparé par « ; »), envoyé en flux : il n’est jamais gardé en entier en mémoire.',
  content: {
    'application/xml': { schema: z.string().openapi({ description: 'Fichier XML' }) },
    'text/xml': { schema: z.string() },
    'text/csv': { schema: z.string().openapi({ description: 'Fichier CSV' }) },
    'application/octet-stream': { schema: z.string().openapi({ description: 'XML ou CSV, reconnu à son contenu' }) },
  },
} satisfies NonNullable<RouteConfig['request']>['body'];

const routes = {
  health: createRoute({
    method: 'get',
    path: '/health',
    tags: ['service'],
    summary: 'État du service',
    responses: { 200: { description: 'Le service répond.', content: { [JSON_TYPE]: { schema: S.HealthSchema } } } },
  }),
  version: createRoute({
    method: 'get',
    path: '/version',
    tags: ['service'],
    summary: 'Version d’olinpe et services disponibles',
    responses: { 200: { description: 'Version.', content: { [JSON_TYPE]: { schema: S.VersionSchema } } } },
  }),
  editions: createRoute({
    method: 'get',
    path: '/v1/editions',
    tags: ['nomenclature'],
    summary: 'Les éditions de la nomenclature',
    responses: {
      200: { description: 'Les deux éditions.', content: { [JSON_TYPE]: { schema: z.array(S.EditionSummarySchema) } } },
    },
  }),
  edition: createRoute({
    method: 'get',
    path: '/v1/editions/{edition}',
    tags: ['nomenclature'],
    summary: 'Décrire une édition : blocs, variables, codes, applicabilité, sources',
    request: { params: editionParam },
    responses: {
      200: {
        description: 'L’édition, telle que nomenclature/<édition>/variables.json.',
        content: { [JSON_TYPE]: { schema: S.EditionSchema } },
      },
      400: problems[400],
    },
  }),
  variable: createRoute({
    method: 'get',
    path: '/v1/editions/{edition}/variables/{name}',
    tags: ['nomenclature'],
    summary: 'Décrire une variable',
    request: {
      params: editionParam.extend({
        name: z
          .string()
          .max(40)
          .openapi({ param: { name: 'name', in: 'path' }, example: 'TYPEV' }),
      }),
    },
    responses: {
      200: { description: 'La variable.', content: { [JSON_TYPE]: { schema: S.VariableSchema } } },
      400: problems[400],
      404: problems[404],
    },
  }),
  validateRecord: createRoute({
    method: 'post',
    path: '/v1/editions/{edition}/records/validate',
    tags: ['validation'],
    summary: 'Valider une ligne (le résultat de validateRecord)',
    description:
      'Toutes les règles de portée « ligne » de l’édition. Messages en français, en anglais avec Accept-Language: en.',
    request: {
      params: editionParam,
      headers: acceptLanguage,
      body: { required: true, content: { [JSON_TYPE]: { schema: S.ValidateRecordRequest } } },
    },
    responses: {
      200: {
        description: 'Les constats (ok: false dès qu’un constat est une erreur).',
        content: { [JSON_TYPE]: { schema: S.RecordValidationSchema } },
      },
      400: problems[400],
      413: problems[413],
      415: problems[415],
    },
  }),
  validateFile: createRoute({
    method: 'post',
    path: '/v1/files/validate',
    tags: ['validation'],
    summary: 'Valider un fichier de transmission (le JSON de olinpe validate --format json)',
    request: { query: fileQuery, headers: acceptLanguage, body: fileBody },
    responses: {
      200: { description: 'Le rapport de validation.', content: { [JSON_TYPE]: { schema: S.FileValidationSchema } } },
      400: problems[400],
      413: problems[413],
      422: problems[422],
    },
  }),
  auditFile: createRoute({
    method: 'post',
    path: '/v1/files/audit',
    tags: ['validation'],
    summary: 'Rapport d’audit technique de l’ONPE (le JSON de olinpe audit --format json)',
    request: {
      query: fileQuery.extend({
        year: z.coerce
          .number()
          .int()
          .min(2000)
          .max(2100)
          .openapi({ description: 'Année N de l’extraction (obligatoire).', example: 2024 }),
      }),
      headers: acceptLanguage,
      body: fileBody,
    },
    responses: {
      200: { description: 'Le rapport d’audit.', content: { [JSON_TYPE]: { schema: S.AuditReportSchema } } },
      400: problems[400],
      413: problems[413],
      422: problems[422],
    },
  }),
  pseudonymise: createRoute({
    method: 'post',
    path: '/v1/pseudonymise',
    tags: ['pseudonymisation'],
    summary: 'Calculer NUMANONYM (niveau 1) pour un lot d’identités, avec la clé du serveur',
    description:
      'La clé du département est lue par le serveur au démarrage (--key-file) ; une requête qui en porte une est refusée. Les identités ne sont ni gardées ni journalisées.',
    request: {
      headers: acceptLanguage,
      body: { required: true, content: { [JSON_TYPE]: { schema: S.PseudonymiseRequest } } },
    },
    responses: {
      200: {
        description: 'Un résultat par identité, dans l’ordre.',
        content: { [JSON_TYPE]: { schema: S.PseudonymiseResponse } },
      },
      400: problems[400],
      413: problems[413],
      415: problems[415],
      503: problems[503],
    },
  }),
  rehash: createRoute({
    method: 'post',
    path: '/v1/rehash',
    tags: ['pseudonymisation'],
    summary: 'Re-hacher des identifiants (niveau 2), avec la clé du serveur',
    description:
      'La clé de l’observatoire est lue par le serveur au démarrage (--rehash-key-file) ; une requête qui en porte une est refusée.',
    request: {
      headers: acceptLanguage,
      body: { required: true, content: { [JSON_TYPE]: { schema: S.RehashRequest } } },
    },
    responses: {
      200: {
        description: 'Un résultat par identifiant, dans l’ordre.',
        content: { [JSON_TYPE]: { schema: S.RehashResponse } },
      },
      400: problems[400],
      413: problems[413],
      415: problems[415],
      503: problems[503],
    },
  }),
};

function itemError(error: unknown, l: Lang): { field: string; message: string } {
  if (error instanceof PseudonymisationError)
    return { field: error.field, message: l === 'en' ? error.messageEn : error.messageFr };
  return { field: 'body', message: l === 'en' ? 'rejected' : 'rejeté' };
}

/** The byte chunks of a request body (a web ReadableStream is async iterable in Node 20 and every modern runtime). */
function bodyChunks(c: Context): AsyncIterable<Uint8Array> {
  const body = c.req.raw.body;
  if (!body) return (async function* () {})();
  return body as unknown as AsyncIterable<Uint8Array>;
}

/** A file name whose extension tells the readers the format, from the `name` parameter or the content type. */
function fileNameOf(c: Context, name: string | undefined): string | undefined {
  if (name && /\.(csv|xml)$/i.test(name)) return name;
  const type = (c.req.header('content-type') ?? '').toLowerCase();
  if (type.startsWith('text/csv')) return 'body.csv';
  if (type.includes('xml')) return 'body.xml';
  return undefined;
}

/** The answer, with `Connection: close` when the request body was not read to its end. */
function closing(ended: boolean, res: Response): Response {
  if (!ended) res.headers.set('connection', 'close');
  return res;
}

/**
 * Creates the service. `app.fetch(request)` answers a web Request; `openApiDocument()` is its contract.
 *
 * @example
 * const { app } = createService({ pseudonymisationKey: keyBytes });
 * const res = await app.fetch(new Request('http://localhost/health'));
 */
export function createService(options: ServiceOptions = {}): {
  app: OpenAPIHono;
  openApiDocument: () => Record<string, unknown>;
} {
  const maxJson = options.maxJsonBytes ?? DEFAULT_MAX_JSON_BYTES;
  const maxFile = options.maxFileBytes ?? DEFAULT_MAX_FILE_BYTES;
  // Keys are turned into functions here and never kept anywhere a response or a log could reach.
  const pseudonymisers = options.pseudonymisationKey
    ? {
        'olinpe-2016': createPseudonymiser({ key: options.pseudonymisationKey, scheme: 'olinpe-2016' }),
        'oned-2011': createPseudonymiser({ key: options.pseudonymisationKey, scheme: 'oned-2011' }),
      }
    : undefined;
  const rehasher = options.rehashKey ? createRehasher({ key: options.rehashKey }) : undefined;

  const app = new OpenAPIHono({ defaultHook: (result, c) => invalid(result as never, c) });

  if (options.log) {
    const log = options.log;
    app.use(async (c, next) => {
      const start = performance.now();
      await next();
      // The route's pattern, not the path: nothing the caller typed (a variable name, a query) reaches the log.
      log({
        method: c.req.method,
        path: routePath(c, -1),
        status: c.res.status,
        ms: Math.round((performance.now() - start) * 10) / 10,
      });
    });
  }

  const tooLarge = (limit: number) => (c: Context) => {
    const res = fail(
      c,
      'too-large',
      { fr: `corps de requête de plus de ${limit} octets`, en: `request body over ${limit} bytes` },
      { errors: [{ field: 'body', detail: { fr: `${limit} octets au plus`, en: `at most ${limit} bytes` } }] },
    );
    // The rest of the body is not read: the connection cannot carry another request.
    res.headers.set('connection', 'close');
    return res;
  };
  for (const path of ['/v1/editions/:edition/records/validate', '/v1/pseudonymise', '/v1/rehash']) {
    app.use(path, bodyLimit({ maxSize: maxJson, onError: tooLarge(maxJson) }));
  }

  app.openapi(routes.health, (c) => c.json({ status: 'ok' as const }));
  app.openapi(routes.version, (c) =>
    c.json({
      name: 'olinpe' as const,
      version: VERSION,
      editions: [...EDITIONS],
      pseudonymisation: pseudonymisers !== undefined,
      rehash: rehasher !== undefined,
    }),
  );
  app.openapi(routes.editions, (c) =>
    c.json(
      EDITIONS.map((e) => {
        const d = editionData(e);
        return {
          edition: d.edition,
          decree: d.decree,
          xsdVersion: d.xsdVersion,
          variables: d.variables.length,
          validFrom: d.validFrom,
          validTo: d.validTo,
        };
      }),
    ),
  );
  app.openapi(routes.edition, (c) => answer(c, editionData(c.req.valid('param').edition)) as never);
  app.openapi(routes.variable, (c) => {
    const { edition, name } = c.req.valid('param');
    const def = variable(name.toUpperCase(), edition);
    if (!def) {
      const other: EditionId = edition === '2016' ? '2011' : '2016';
      const hint = variable(name.toUpperCase(), other);
      return fail(
        c,
        'not-found',
        hint
          ? {
              fr: `pas de variable de ce nom dans l’édition ${edition} ; elle existe dans l’édition ${other}`,
              en: `no variable of that name in the ${edition} edition; it exists in the ${other} edition`,
            }
          : {
              fr: `pas de variable de ce nom dans l’édition ${edition}`,
              en: `no variable of that name in the ${edition} edition`,
            },
        {
          errors: [{ field: 'name', detail: { fr: 'variable inconnue', en: 'unknown variable' } }],
        },
      ) as never;
    }
    return answer(c, def) as never;
  });
  app.openapi(routes.validateRecord, async (c) => {
    const { edition } = c.req.valid('param');
    const body = c.req.valid('json');
    // A record built with no prototype: names such as "constructor" or "__proto__" stay plain variable names, and
    // are judged by the rules as validateRecord judges them ("not a variable"). zod leaves "__proto__" out of what
    // it returns, so it is taken from the JSON as sent (Hono keeps the parsed body) and checked here.
    const record: Record<string, string> = Object.create(null) as Record<string, string>;
    for (const [k, v] of Object.entries(body.record)) record[k] = v;
    const sent = ((await c.req.json()) as { record?: object }).record;
    if (sent && Object.prototype.hasOwnProperty.call(sent, '__proto__')) {
      // biome-ignore lint/complexity/useLiteralKeys: an own property named "__proto__" (read as sent), not the prototype.
      const value = (sent as Record<string, unknown>)['__proto__'];
      if (typeof value !== 'string' || value.length > S.MAX_VALUE_LENGTH) {
        return fail(
          c,
          'invalid-request',
          { fr: '1 champ(s) invalide(s) : record.__proto__', en: '1 invalid field(s): record.__proto__' },
          {
            errors: [
              {
                field: 'record.__proto__',
                detail: {
                  fr: `un texte de ${S.MAX_VALUE_LENGTH} caractères au plus est attendu`,
                  en: `a text of at most ${S.MAX_VALUE_LENGTH} characters is expected`,
                },
              },
            ],
          },
        ) as never;
      }
      // biome-ignore lint/complexity/useLiteralKeys: an own property of a null-prototype object, not the prototype.
      record['__proto__'] = value;
    }
    const result = validateRecord(record, {
      edition,
      lang: lang(c),
      ...(body.referenceYear !== undefined ? { referenceYear: body.referenceYear } : {}),
      ...(body.exportDate !== undefined ? { exportDate: body.exportDate } : {}),
    });
    return answer(c, result) as never;
  });

  async function checkFile(
    c: Context,
    kind: 'validate' | 'audit',
    query: { year?: number | undefined; name?: string | undefined; edition?: EditionId | undefined },
  ): Promise<Response> {
    const length = Number(c.req.header('content-length') ?? Number.NaN);
    if (Number.isFinite(length) && length > maxFile) return tooLarge(maxFile)(c);
    if (length === 0 || !c.req.raw.body)
      return fail(
        c,
        'invalid-request',
        { fr: 'corps de requête vide : le fichier est attendu', en: 'empty request body: the file is expected' },
        { errors: [{ field: 'body', detail: { fr: 'vide', en: 'empty' } }] },
      );
    const l = lang(c);
    const state = { ended: false };
    const body = limitBytes(bodyChunks(c), maxFile, state);
    const fileOptions = {
      name: query.name,
      fileName: fileNameOf(c, query.name),
      year: query.year,
      edition: query.edition,
      lang: l,
    };
    try {
      const result =
        kind === 'audit'
          ? await auditFile(body, { ...fileOptions, year: query.year as number })
          : await validateFile(body, fileOptions);
      const res = answer(c, result);
      // A reading stopped by a fatal error leaves the rest of the body unread: that connection cannot be reused.
      if (!state.ended) res.headers.set('connection', 'close');
      return res;
    } catch (error) {
      if (error instanceof TooLargeError) return tooLarge(maxFile)(c);
      if (error instanceof UnreadableFileError) {
        const e = error.item;
        return closing(
          state.ended,
          fail(
            c,
            'unreadable-file',
            {
              fr: `lecture impossible, ligne ${e.line} : ${e.message}`,
              en: `cannot read, line ${e.line}: ${e.messageEn}`,
            },
            {
              errors: [{ field: 'body', detail: { fr: e.message, en: e.messageEn } }],
              line: e.line,
              ...(e.column !== undefined ? { column: e.column } : {}),
            },
          ),
        );
      }
      throw error;
    }
  }
  app.openapi(routes.validateFile, (c) => checkFile(c, 'validate', c.req.valid('query')) as never);
  app.openapi(routes.auditFile, (c) => checkFile(c, 'audit', c.req.valid('query')) as never);

  const noKey = (c: Context, option: string): Response =>
    fail(c, 'no-key', {
      fr: `le serveur a été démarré sans clé pour ce service (${option})`,
      en: `the server was started without a key for this service (${option})`,
    });

  app.openapi(routes.pseudonymise, (c) => {
    if (!pseudonymisers) return noKey(c, '--key-file') as never;
    const body = c.req.valid('json');
    const l = lang(c);
    const pseudo = pseudonymisers[body.scheme];
    let written = 0;
    const results = body.identities.map((identity, index) => {
      try {
        const numanonym = pseudo(identity as Identity);
        written++;
        return { index, numanonym };
      } catch (error) {
        return { index, error: itemError(error, l) };
      }
    });
    return answer(c, { scheme: body.scheme, written, rejected: results.length - written, results }) as never;
  });
  app.openapi(routes.rehash, (c) => {
    if (!rehasher) return noKey(c, '--rehash-key-file') as never;
    const body = c.req.valid('json');
    const l = lang(c);
    let written = 0;
    const results = body.identifiers.map((id, index) => {
      try {
        const numanonym = rehasher(id);
        written++;
        return { index, numanonym };
      } catch (error) {
        return { index, error: itemError(error, l) };
      }
    });
    return answer(c, { written, rejected: results.length - written, results }) as never;
  });

  app.get('/openapi.json', (c) => answer(c, openApiDocument()));

  app.notFound((c) =>
    fail(c, 'not-found', {
      fr: 'aucune ressource à cette adresse ; voir /openapi.json',
      en: 'nothing at this address; see /openapi.json',
    }),
  );
  app.onError((error, c) => {
    if (error instanceof HTTPException) {
      if (error.status === 415)
        return fail(
          c,
          'unsupported-media-type',
          { fr: 'Content-Type: application/json est attendu', en: 'Content-Type: application/json is expected' },
          { errors: [{ field: 'content-type', detail: { fr: 'type non pris en charge', en: 'unsupported type' } }] },
        );
      if (error.status === 413) return tooLarge(maxJson)(c);
      if (error.status === 400)
        return fail(
          c,
          'invalid-request',
          { fr: 'corps de requête illisible : JSON invalide', en: 'unreadable request body: invalid JSON' },
          { errors: [{ field: 'body', detail: { fr: 'JSON invalide', en: 'invalid JSON' } }] },
        );
    }
    // Never the error's own text: it could quote input. The log line (status 500) is enough to look further.
    return fail(c, 'internal', { fr: 'erreur interne du service', en: 'internal service error' });
  });

  let document: Record<string, unknown> | undefined;
  function openApiDocument(): Record<string, unknown> {
    if (document) return document;
    app.openAPIRegistry.register('Record2016', S.Record2016Schema);
    app.openAPIRegistry.register('Record2011', S.Record2011Schema);
    document = app.getOpenAPI31Document({
      openapi: '3.1.0',
      info: {
        title: 'olinpe',
        version: VERSION,
        description:
          'Service HTTP d’olinpe : nomenclature OLINPE (décrets 2011-222 et 2016-1966), validation d’une ligne ou d’un fichier, audit technique de l’ONPE, pseudonymisation avec une clé détenue par le serveur. Messages en français ; en anglais avec Accept-Language: en. Erreurs : documents de problème RFC 9457. / olinpe HTTP service: nomenclature, validation, audit, pseudonymisation with a server-held key.',
        license: { name: 'MIT', url: 'https://opensource.org/licenses/MIT' },
      },
      servers: [{ url: 'http://127.0.0.1:8080', description: 'olinpe serve (par défaut)' }],
      tags: [
        { name: 'service', description: 'État et version' },
        { name: 'nomenclature', description: 'Les variables et codes des décrets' },
        { name: 'validation', description: 'Règles de cohérence et audit' },
        { name: 'pseudonymisation', description: 'NUMANONYM et re-hachage, clé détenue par le serveur' },
      ],
    }) as unknown as Record<string, unknown>;
    return document;
  }

  return { app, openApiDocument };
}
