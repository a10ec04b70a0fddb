/**
 * The zod schemas of the service's requests and responses. The OpenAPI document is derived from them (with the
 * record models of `olinpe/model` and the nomenclature's own schema), so what is documented is what is checked.
 *
 * @module
 */
import { z } from '@hono/zod-openapi';
import { editionSchema, variableSchema, type Condition } from '../nomenclature/index.js';
import { recordSchema2011, recordSchema2016 } from '../model/index.js';

/** Most identities or identifiers in one pseudonymisation or re-hash request. */
export const MAX_BATCH = 10_000;

/** Longest value of one variable accepted in a record to validate (the longest free text of the model is far shorter). */
export const MAX_VALUE_LENGTH = 1_000;

export const Edition = z
  .enum(['2016', '2011'])
  .openapi({ description: 'Édition de la nomenclature (2016 : décret 2016-1966 ; 2011 : décret 2011-222).' });

export const FieldErrorSchema = z
  .object({
    field: z.string().openapi({
      description: 'Le champ en cause, en notation pointée (record.ANAIS, identities.3.prenom, year, body).',
      example: 'record.ANAIS',
    }),
    pointer: z.string().openapi({
      description: 'Le même champ en JSON Pointer (RFC 6901) dans la partie de la requête concernée.',
      example: '/record/ANAIS',
    }),
    detail: z.string(),
  })
  .openapi('FieldError');

export const ProblemSchema = z
  .object({
    type: z.string().openapi({ description: 'URI du type de problème (section du guide du service).' }),
    title: z.string(),
    status: z.number().int(),
    detail: z.string(),
    instance: z.string().optional(),
    errors: z.array(FieldErrorSchema),
    line: z.number().int().optional().openapi({ description: 'Ligne du fichier, pour un fichier illisible.' }),
    column: z.number().int().optional(),
  })
  .openapi('Problem', {
    description: 'Document de problème (RFC 9457, application/problem+json). Ne répète jamais une valeur envoyée.',
  });

export const FindingVariableSchema = z
  .object({ name: z.string(), value: z.string().optional(), expected: z.string().optional() })
  .openapi('FindingVariable');

export const FindingSchema = z
  .object({
    ruleId: z.string().openapi({ example: 'OL16-EVT-DATFIN' }),
    severity: z.enum(['error', 'warning', 'info']),
    scope: z.enum(['record', 'young-person', 'file']),
    message: z.string().openapi({ description: 'Message dans la langue de la réponse (français par défaut).' }),
    recordIndex: z.number().int().optional(),
    line: z.number().int().optional(),
    numanonym: z.string().optional(),
    variables: z.array(FindingVariableSchema),
    fingerprint: z.string(),
  })
  .openapi('Finding');

export const RecordValidationSchema = z
  .object({
    ok: z.boolean().openapi({ description: 'Aucun constat de gravité error.' }),
    findings: z.array(FindingSchema),
    fields: z
      .record(z.string(), z.array(FindingSchema))
      .openapi({ description: 'Les constats par variable, pour les afficher à côté de chaque champ d’un formulaire.' }),
    errored: z.array(z.object({ ruleId: z.string(), error: z.string() })),
  })
  .openapi('RecordValidation', { description: 'Le résultat de validateRecord, tel quel.' });

const VARIABLE_NAME = /^[A-Za-z][A-Za-z0-9_]{0,39}$/;

export const RecordValues = z
  .record(z.string().regex(VARIABLE_NAME), z.string().max(MAX_VALUE_LENGTH))
  .openapi('RecordValues', {
    description:
      'Les valeurs d’une ligne : nom de variable → texte ; absente = non transmise, "" = vide (non concernée). Toute valeur est acceptée ici (les règles la jugent) ; la forme attendue est celle de Record2016 ou Record2011.',
    example: { TYPEV: '1', DATFIN: '2019-05-01', SEXE: '2', ANAIS: '2012', MNAIS: '11' },
  });

export const ValidateRecordRequest = z
  .strictObject({
    record: RecordValues,
    referenceYear: z
      .number()
      .int()
      .min(2000)
      .max(2100)
      .optional()
      .openapi({ description: 'Année N de l’extraction (périmètre).' }),
    exportDate: z
      .string()
      .regex(/^\d{4}-\d{2}-\d{2}$/)
      .optional()
      .openapi({ description: 'Date d’export AAAA-MM-JJ : aucune date ne peut la dépasser.' }),
  })
  .openapi('ValidateRecordRequest');

export const ReadErrorSchema = z
  .object({
    line: z.number().int(),
    column: z.number().int().optional(),
    severity: z.enum(['fatal', 'error', 'warning']),
    kind: z.string(),
    variable: z.string().optional(),
    message: z.string(),
  })
  .openapi('ReadError');

export const RuleStatusSchema = z
  .object({
    ruleId: z.string(),
    status: z.enum(['passed', 'failed', 'skipped', 'errored']),
    checked: z.number().int().optional(),
    findings: z.number().int().optional(),
    reason: z.string().optional(),
    error: z.string().optional(),
    severity: z.enum(['error', 'warning', 'info']).optional(),
  })
  .openapi('RuleStatus');

export const ReadingSchema = z
  .object({
    complete: z.boolean().openapi({
      description:
        'false : une partie du fichier n’a pas pu être lue ; le fichier ne peut pas être transmis tel quel (la commande sort avec le code 2).',
    }),
    records: z.number().int(),
    unreadable: z.number().int(),
    fatal: ReadErrorSchema.nullable(),
    message: z.string().nullable(),
    edition: Edition,
    editionSource: z.enum(['forced', 'records', 'header', 'default']),
    headerEdition: Edition.nullable(),
    versionXsd: z.string().nullable(),
    editions: z.object({ '2016': z.number().int(), '2011': z.number().int() }),
    mixed: z
      .object({
        message: z.string(),
        notChecked: z.number().int(),
        edition: Edition,
        firstLines: z.array(z.number().int()),
      })
      .nullable(),
  })
  .openapi('Reading', {
    description: 'Comment le fichier a été lu, en premier : complet ou non, l’édition et comment elle a été décidée.',
  });

export const FileValidationSchema = z
  .object({
    reading: ReadingSchema,
    file: z.string().openapi({ description: 'Le nom donné par le paramètre name, sinon <request>.' }),
    edition: Edition,
    referenceYear: z.number().int().nullable(),
    year: z
      .object({
        value: z.number().int().nullable(),
        source: z.enum(['given', 'none']),
        inferred: z.number().int().nullable(),
        warning: z.string().optional(),
      })
      .openapi({
        description:
          'Année de référence : donnée (referenceYear) ou non, l’année que désignent les données (DATDECPE la plus fréquente, comme ONPE), un avertissement si elles en désignent une autre.',
      }),
    records: z.number().int(),
    youngPeople: z.number().int(),
    errors: z.number().int().openapi({ description: 'Constats de gravité error plus erreurs de lecture.' }),
    warnings: z.number().int(),
    readErrors: z.array(ReadErrorSchema),
    findings: z.array(FindingSchema),
    statuses: z.array(RuleStatusSchema),
  })
  .openapi('FileValidation', { description: 'Le même JSON que « olinpe validate --format json ».' });

export const AuditItemSchema = z
  .object({
    variable: z.string().optional(),
    numanonym: z.string().optional(),
    line: z.number().int().optional(),
    index: z.number().int().optional(),
    value: z.string().optional(),
    count: z.number().int().optional(),
    people: z.number().int().optional(),
    detail: z
      .object({ fr: z.string(), en: z.string() })
      .optional()
      .openapi({ description: 'Ce qui ne va pas, en quelques mots, en français et en anglais.' }),
    ruleId: z.string().optional(),
  })
  .openapi('AuditItem');

export const AuditReportSchema = z
  .object({
    reading: ReadingSchema,
    readErrors: z.array(ReadErrorSchema),
    records: z.number().int(),
    youngPeople: z.number().int(),
    variablesPresent: z.number().int(),
    typev: z.record(z.string(), z.number().int()),
    decisionYears: z.record(z.string(), z.number().int()),
    sections: z.array(
      z.object({ id: z.string(), title: z.string(), count: z.number().int(), items: z.array(AuditItemSchema) }),
    ),
  })
  .openapi('AuditReport', { description: 'Le même JSON que « olinpe audit --format json ».' });

const DatePart = z.union([z.string().max(10), z.number().int()]);

export const IdentitySchema = z
  .strictObject({
    prenom: z.string().max(200).openapi({ description: 'Prénom, tel qu’écrit (normalisé avant le calcul).' }),
    nomMere: z.string().max(200).openapi({ description: 'Nom de naissance de la mère, tel qu’écrit.' }),
    moisNaissance: DatePart.openapi({ description: 'Mois de naissance, 1 à 12.' }),
    anneeNaissance: DatePart.openapi({ description: 'Année de naissance, quatre chiffres.' }),
    jourNaissance: DatePart.optional().openapi({ description: 'Jour de naissance (schéma oned-2011 seulement).' }),
  })
  .openapi('Identity');

export const PseudonymiseRequest = z
  .strictObject({
    scheme: z.enum(['olinpe-2016', 'oned-2011']).default('olinpe-2016'),
    identities: z.array(IdentitySchema).min(1).max(MAX_BATCH),
  })
  .openapi('PseudonymiseRequest', {
    description: 'Aucune clé dans la requête : la clé est lue par le serveur au démarrage.',
  });

export const ItemErrorSchema = z
  .object({ field: z.string(), message: z.string() })
  .openapi('ItemError', { description: 'Pourquoi cet élément est refusé ; nomme le champ, jamais sa valeur.' });

export const BatchResultSchema = z
  .object({ index: z.number().int(), numanonym: z.string().optional(), error: ItemErrorSchema.optional() })
  .openapi('BatchResult', {
    description: 'Un résultat par élément, dans l’ordre de la requête : numanonym, ou error.',
  });

export const PseudonymiseResponse = z
  .object({
    scheme: z.enum(['olinpe-2016', 'oned-2011']),
    written: z.number().int(),
    rejected: z.number().int(),
    results: z.array(BatchResultSchema),
  })
  .openapi('PseudonymiseResponse');

export const RehashRequest = z
  .strictObject({
    identifiers: z
      .array(z.string().max(100))
      .min(1)
      .max(MAX_BATCH)
      .openapi({ description: 'Identifiants de niveau 1 (NUMANONYM ou NUMANONYMANT, 40 caractères hexadécimaux).' }),
  })
  .openapi('RehashRequest');

export const RehashResponse = z
  .object({ written: z.number().int(), rejected: z.number().int(), results: z.array(BatchResultSchema) })
  .openapi('RehashResponse');

export const HealthSchema = z.object({ status: z.literal('ok') }).openapi('Health');

export const VersionSchema = z
  .object({
    name: z.literal('olinpe'),
    version: z.string(),
    editions: z.array(Edition),
    pseudonymisation: z.boolean().openapi({ description: 'Une clé de niveau 1 (département) est configurée.' }),
    rehash: z.boolean().openapi({ description: 'Une clé de niveau 2 (observatoire) est configurée.' }),
  })
  .openapi('Version');

export const EditionSummarySchema = z
  .object({
    edition: Edition,
    decree: z.string(),
    xsdVersion: z.string(),
    variables: z.number().int(),
    validFrom: z.string(),
    validTo: z.string().nullable(),
  })
  .openapi('EditionSummary');

/**
 * The nomenclature's condition (`{ var, in }`, `{ var, filled }`, `all`, `any`, `not`), recursive: named so that the
 * OpenAPI document refers to itself instead of unfolding forever. Same shape as the nomenclature's own schema
 * (test/serve/openapi.test.ts parses both editions' data with the schemas below).
 */
export const ConditionSchema: z.ZodType<Condition> = z
  .lazy(() =>
    z.union([
      z.strictObject({ var: z.string(), in: z.array(z.string()).min(1) }),
      z.strictObject({ var: z.string(), filled: z.boolean() }),
      z.strictObject({ all: z.array(ConditionSchema).min(1) }),
      z.strictObject({ any: z.array(ConditionSchema).min(1) }),
      z.strictObject({ not: ConditionSchema }),
    ]),
  )
  .openapi('Condition', { description: 'Condition d’applicabilité sur d’autres variables.' });

export const VariableSchema = variableSchema
  .extend({
    applicability: variableSchema.shape.applicability.extend({ condition: z.union([ConditionSchema, z.null()]) }),
    requiredWhen: ConditionSchema.optional(),
  })
  .openapi('Variable', {
    description: 'Une variable de la nomenclature : libellés, type, codes, applicabilité, sources, divergences.',
  });

export const EditionSchema = editionSchema.extend({ variables: z.array(VariableSchema).min(1) }).openapi('Edition', {
  description: 'Une édition de la nomenclature, telle que nomenclature/<édition>/variables.json.',
});
// The record models are made when olinpe/model loads, possibly before @hono/zod-openapi adds `.openapi()` to zod's
// schemas: zod's own `.meta()` (read by the OpenAPI generator too); the names are given where they are registered.
export const Record2016Schema = recordSchema2016.meta({
  description: 'Le modèle d’une ligne (un <DONNEE>) de l’édition 2016.',
});
export const Record2011Schema = recordSchema2011.meta({
  description: 'Le modèle d’une ligne (un <DONNEE>) de l’édition 2011.',
});
