/**
 * What `editions.ts` becomes in the form bundle (`olinpe/form`, tsup.config.ts): the 2016 edition only. The
 * build also leaves out of that copy of the data the fields no rule and no label reads (notes, recorded
 * discrepancies, predecessors; see `formData` in scripts/form-bundle.ts). Imported by nothing in src/.
 *
 * @module
 */
import type { EditionData, EditionId } from './data-schema.js';
import { data2016 } from './generated/data2016.js';

export const EDITION_DATA: Readonly<Partial<Record<EditionId, EditionData>>> = { '2016': data2016 };
