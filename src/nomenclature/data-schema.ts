/**
 * The shape of the nomenclature data files (`nomenclature/2016/variables.json`,
 * `nomenclature/2011/variables.json`). This zod schema is the single definition:
 * `nomenclature/schema.json` (JSON Schema) is generated from it by `npm run generate`,
 * and the TypeScript types below are inferred from it.
 *
 * @module
 */
import { z } from 'zod';

/** A text in French (always) and English (when written). */
export const textSchema = z
  .object({
    fr: z.string().min(1),
    en: z.string().min(1).optional(),
  })
  .strict();

/** A text written in both languages (French first; the English kept beside it). */
export const bilingualSchema = z
  .object({
    fr: z.string().min(1),
    en: z.string().min(1),
  })
  .strict();

/** Identifier of a source listed in the edition file's `sources` table (e.g. `G18`, `XSD20`). */
export const sourceRefSchema = z
  .object({
    source: z.string().min(1).describe('Key of the edition file `sources` table'),
    page: z.number().int().positive().optional().describe('Page in the PDF of the source'),
    ref: z.string().optional().describe('Section, item or element referenced in the source'),
  })
  .strict();

/**
 * A condition on other variables of the same record. `in`: the other variable holds
 * one of the codes; `filled`: it is (true) or is not (false) filled; `all`/`any`/`not` combine.
 */
export type Condition =
  | { var: string; in: string[] }
  | { var: string; filled: boolean }
  | { all: Condition[] }
  | { any: Condition[] }
  | { not: Condition };

export const conditionSchema: z.ZodType<Condition> = z.lazy(() =>
  z.union([
    z.object({ var: z.string(), in: z.array(z.string()).min(1) }).strict(),
    z.object({ var: z.string(), filled: z.boolean() }).strict(),
    z.object({ all: z.array(conditionSchema).min(1) }).strict(),
    z.object({ any: z.array(conditionSchema).min(1) }).strict(),
    z.object({ not: conditionSchema }).strict(),
  ]),
);

/** Age band in completed years at the event (age at DATDECPE, or DATDEB when missing). Bounds are inclusive. */
export const ageBandSchema = z
  .object({
    min: z.number().int().min(0).nullable(),
    max: z.number().int().min(0).nullable(),
  })
  .strict();

export const codeSchema = z
  .object({
    code: z.string().min(1),
    label: textSchema,
    /** Set when the modality is reserved to an age band (e.g. young-adult measures). */
    age: ageBandSchema.optional(),
    /** Sources that list this code, when not all of the variable's sources do. */
    sources: z.array(z.string()).optional(),
    note: textSchema.optional(),
  })
  .strict();

export const variableTypeSchema = z.enum([
  'code',
  'date',
  'year-month',
  'year',
  'month',
  'integer',
  'text',
  'identifier',
]);

export const discrepancySchema = z
  .object({
    topic: z.string().min(1).describe('Short id of what differs, e.g. "codes", "condition", "format", "label"'),
    sides: z
      .array(
        z
          .object({
            source: z.string().min(1),
            value: z
              .unknown()
              .describe('What the source says: codes, numbers, or a note in words written { "fr": …, "en": … }'),
          })
          .strict(),
      )
      .min(2),
    choice: bilingualSchema.describe('What the library does, in French and English'),
    reason: bilingualSchema.describe('Why, in French and English'),
  })
  .strict();

export const variableSchema = z
  .object({
    name: z.string().regex(/^[A-Z0-9]+$/),
    /** Number of the variable in the decree's annex (2016) or in ONED's list (2011); null for UTDP. */
    number: z.number().int().positive().nullable(),
    /** Item of the annex the variable belongs to, as the official nomenclature writes it (e.g. "2b"). */
    decreeRef: z.string().nullable(),
    block: z.string().min(1),
    label: textSchema,
    type: variableTypeSchema,
    format: z
      .object({
        pattern: z.string().optional(),
        maxLength: z.number().int().positive().optional(),
        maxDigits: z.number().int().positive().optional(),
      })
      .strict()
      .nullable(),
    codes: z.array(codeSchema),
    /** The value that means "ne sait pas" (unknown), or null when the variable has none. */
    unknownCode: z.string().nullable(),
    /** Whether the element may be present and empty (not applicable). */
    emptyAllowed: z.boolean(),
    /** `always`: must be filled on every line; `when-applicable`: must be filled whenever it applies. */
    required: z.enum(['always', 'when-applicable']).nullable(),
    /**
     * When set, `required` holds only where this condition also holds: elsewhere, where the variable applies, it
     * may be filled or left empty (an "either block" decision, a setting the guide says it is *possible* to give,
     * an end variable left empty on a 2011 renewal). Absent: required wherever it applies.
     */
    /**
     * An empty value where the variable applies may mean that the situation does not concern the line (no
     * information préoccupante, no second adult, a measure that follows): it is then not a "valeur manquante".
     */
    mayBeEmpty: z.boolean().optional(),
    requiredWhen: conditionSchema
      .optional()
      .describe('Required only where this condition also holds (elsewhere, where it applies, filling it is optional)'),
    applicability: z
      .object({
        /** Event codes (TYPEV for 2016, CODEV for 2011) on which the variable may be filled. */
        events: z.array(z.string()).min(1),
        age: ageBandSchema,
        condition: conditionSchema.nullable(),
        /**
         * The age band is met when the young person is in it at the decision or at the end (DATFIN): for a variable
         * that describes the situation at the end of the measure.
         */
        ageAtEnd: z.boolean().optional(),
        note: textSchema.optional(),
      })
      .strict(),
    /** Predecessor (2016 → 2011) or successor (2011 → 2016) in the other edition. */
    predecessor: z
      .object({ edition: z.literal('2011'), name: z.string(), note: z.string().optional() })
      .strict()
      .nullable()
      .optional(),
    successor: z
      .object({ edition: z.literal('2016'), name: z.string(), note: z.string().optional() })
      .strict()
      .nullable()
      .optional(),
    sources: z.array(sourceRefSchema).min(1),
    discrepancies: z.array(discrepancySchema).optional(),
    note: textSchema.optional(),
  })
  .strict();

export const blockSchema = z
  .object({
    id: z.string().min(1),
    label: textSchema,
  })
  .strict();

export const sourceSchema = z
  .object({
    title: z.string().min(1),
    publisher: z.string().optional(),
    date: z.string().optional(),
    url: z.string().optional(),
    kind: z.enum(['decree', 'guide', 'xsd', 'spreadsheet', 'tool', 'other']),
  })
  .strict();

export const editionSchema = z
  .object({
    $schema: z.string().optional(),
    edition: z.enum(['2016', '2011']),
    decree: z.string().min(1),
    xsdVersion: z.string().min(1),
    /** Name of the variable that carries the event type (TYPEV or CODEV). */
    eventVariable: z.string().min(1),
    validFrom: z.string().regex(/^\d{4}-\d{2}-\d{2}$/),
    validTo: z
      .string()
      .regex(/^\d{4}-\d{2}-\d{2}$/)
      .nullable(),
    sources: z.record(z.string(), sourceSchema),
    blocks: z.array(blockSchema).min(1),
    variables: z.array(variableSchema).min(1),
    discrepancies: z.array(discrepancySchema).optional(),
  })
  .strict();

export type Text = z.infer<typeof textSchema>;
export type SourceRef = z.infer<typeof sourceRefSchema>;
export type AgeBand = z.infer<typeof ageBandSchema>;
export type CodeDef = z.infer<typeof codeSchema>;
export type VariableType = z.infer<typeof variableTypeSchema>;
export type Discrepancy = z.infer<typeof discrepancySchema>;
export type VariableDef = z.infer<typeof variableSchema>;
export type BlockDef = z.infer<typeof blockSchema>;
export type SourceDef = z.infer<typeof sourceSchema>;
export type EditionData = z.infer<typeof editionSchema>;
export type EditionId = EditionData['edition'];
