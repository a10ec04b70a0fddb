/**
 * The data of every edition the library knows, by id: the one place `lookup.ts` reads it from.
 *
 * The form bundle (`olinpe/form`, see tsup.config.ts) is built with this module replaced by
 * `editions-form-2016.ts`, which holds the 2016 edition only: a web form validating 2016 records does not pay
 * for the 2011 data.
 *
 * @module
 */
import type { EditionData, EditionId } from './data-schema.js';
import { data2011 } from './generated/data2011.js';
import { data2016 } from './generated/data2016.js';

export const EDITION_DATA: Readonly<Partial<Record<EditionId, EditionData>>> = { '2016': data2016, '2011': data2011 };
