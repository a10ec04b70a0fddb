/**
 * Shared bookkeeping of the readers: turns collected values into record items (edition, model issues,
 * unknown names), reports each unknown name once, and keeps the counts of the summary.
 *
 * @module
 */
import { parseRecord } from '../model/index.js';
import { sentenceStart, shownName } from '../model/index.js';
import type { EditionId } from '../nomenclature/index.js';
import { detectEditionOf, editionNameSets } from './edition.js';
import { fitsModel } from './fits.js';
import { ValuesBuilder } from './values-builder.js';
import type { ErrorItem, ReadErrorKind, ReadOptions, ReadSummary, RecordItem, TransmissionFormat } from './types.js';

/** Counts and per-file state of one reading. */
export class Tally {
  read = 0;
  valid = 0;
  withFindings = 0;
  unreadable = 0;
  errors = 0;
  warnings = 0;
  fatal = false;
  editions: Record<EditionId, number> = { '2016': 0, '2011': 0 };
  /** The edition VERSIONXSD (or the CSV header) announces. */
  hint: EditionId | undefined;
  versionXsd: string | undefined;
  private seenUnknown = new Set<string>();
  private readonly builder = new ValuesBuilder();
  private mismatchReported = false;

  constructor(
    readonly format: TransmissionFormat,
    readonly options: ReadOptions,
  ) {}

  /** Builds an error item and counts it. */
  error(
    kind: ReadErrorKind,
    severity: ErrorItem['severity'],
    line: number,
    column: number | undefined,
    message: string,
    messageEn: string,
    extra: { variable?: string; recordIndex?: number } = {},
  ): ErrorItem {
    if (severity === 'warning') this.warnings++;
    else this.errors++;
    if (severity === 'fatal') this.fatal = true;
    const item: ErrorItem = { type: 'error', kind, severity, line, message, messageEn };
    if (column !== undefined) item.column = column;
    if (extra.variable !== undefined) item.variable = extra.variable;
    if (extra.recordIndex !== undefined) item.recordIndex = extra.recordIndex;
    if (this.options.fileName !== undefined) item.fileName = this.options.fileName;
    return item;
  }

  /**
   * Turns one fragment (names and texts in file order, no duplicates) into a record item, pushing into
   * `out` the warnings that go with it (first unknown name, VERSIONXSD mismatch) before the record itself.
   * `stable`: every name is a variable of either edition (the names may serve as the layout of the next
   * records); `knownIn`: every name is a variable of that edition (then they are not looked up again when the
   * record is of that edition).
   */
  record(
    names: readonly string[],
    texts: readonly string[],
    line: number,
    structural: boolean,
    out: (ErrorItem | RecordItem)[],
    stable: boolean,
    knownIn?: EditionId,
  ): void {
    this.recordValues(this.builder.build(names, texts, stable), names, line, structural, out, undefined, knownIn);
  }

  /**
   * {@link record} over values already collected (`names` lists their keys in file order). `fits2016`,
   * when the reader knows it, tells that every name is a 2016 variable and every value fits the 2016
   * model (then neither the names nor the values are looked at again when the record is 2016).
   */
  recordValues(
    values: Record<string, string>,
    names: readonly string[],
    line: number,
    structural: boolean,
    out: (ErrorItem | RecordItem)[],
    fits2016?: boolean,
    knownIn?: EditionId,
  ): void {
    const edition = this.options.edition ?? detectEditionOf(names, values.TYPEV, values.CODEV, this.hint);
    const index = this.read++;
    this.editions[edition]++;
    const trusted = fits2016 === true && edition === '2016';
    const unknown: string[] = [];
    if (!trusted && knownIn !== edition) {
      const known = edition === '2016' ? editionNameSets().in2016 : editionNameSets().in2011;
      for (let i = 0; i < names.length; i++) if (!known.has(names[i]!)) unknown.push(names[i]!);
    }
    for (const name of unknown) {
      if (this.seenUnknown.has(name)) continue;
      this.seenUnknown.add(name);
      // The name may be any text an export put there (a person's name used as a tag): capped, or only described.
      const shown = shownName(name);
      out.push(
        this.error(
          'unknown-element',
          'warning',
          line,
          undefined,
          `${sentenceStart(shown.fr)} n'est pas une variable de l'édition ${edition} (première occurrence, enregistrement ${index + 1}) : valeur conservée et signalée sur chaque enregistrement.`,
          `${sentenceStart(shown.en)} is not a variable of the ${edition} edition (first seen in record ${index + 1}): value kept and reported on every record.`,
          { variable: shown.fr, recordIndex: index },
        ),
      );
    }
    if (
      !this.mismatchReported &&
      this.hint !== undefined &&
      this.options.edition === undefined &&
      edition !== this.hint
    ) {
      this.mismatchReported = true;
      out.push(
        this.error(
          'version-mismatch',
          'warning',
          line,
          undefined,
          `VERSIONXSD ${this.versionXsd ?? ''} annonce l'édition ${this.hint} mais l'enregistrement ${index + 1} porte des variables de l'édition ${edition} : l'édition est détectée enregistrement par enregistrement.`,
          `VERSIONXSD ${this.versionXsd ?? ''} announces the ${this.hint} edition but record ${index + 1} carries ${edition} variables: the edition is detected record by record.`,
          { recordIndex: index },
        ),
      );
    }
    const issues =
      this.options.checkModel === false || trusted || (unknown.length === 0 && fitsModel(values, edition))
        ? []
        : parseRecord(values, { edition }).issues;
    if (issues.length === 0 && !structural && (this.options.checkModel !== false || unknown.length === 0)) this.valid++;
    else this.withFindings++;
    out.push({ type: 'record', index, line, edition, values, unknown, issues, structural });
  }

  /** The reading's summary. */
  summary(): ReadSummary {
    return {
      format: this.format,
      read: this.read,
      valid: this.valid,
      withFindings: this.withFindings,
      unreadable: this.unreadable,
      editions: { ...this.editions },
      fatal: this.fatal,
      errors: this.errors,
      warnings: this.warnings,
    };
  }
}
