/**
 * XML Schema of the transmission file, generated from the nomenclature. Two forms:
 * - the guide's (default): what the model accepts, with partly known and unknown dates (`2019-05-99`,
 *   `9999-99-99`), UTDP, every element optional and every element allowed to be empty;
 * - strict: constraints matching the official schema of the edition (ONPE's XSD 2.0, ONED's XSD 1.22):
 *   same elements, enumerations, patterns, lengths and occurrences.
 *
 * @module
 */
import {
  FULL_DATE_PATTERN,
  MONTH_PATTERN,
  YEAR_MONTH_PATTERN,
  YEAR_PATTERN,
  IDENTIFIER_PATTERN,
} from '../model/index.js';
import type { EditionId, VariableDef, VariableType } from '../nomenclature/index.js';
import { editionData, variable } from '../nomenclature/index.js';
import { PARTIAL_DATES_IN_SCHEMA, elementOrder } from './strict.js';

/** What constrains one `<DONNEE>` child in a schema. */
export interface ElementConstraint {
  name: string;
  minOccurs: 0 | 1;
  enumeration?: string[];
  pattern?: string;
  maxLength?: number;
}

/**
 * Turns a JavaScript pattern of the model (`^…$`, `\d`) into the body of an XSD pattern (XSD patterns
 * are anchored; `[0-9]` rather than `\d`, which XSD reads as any Unicode digit).
 *
 * @example
 * xsdPattern(/^(19\d\d|9999)$/); // "(19[0-9][0-9]|9999)"
 */
export function xsdPattern(re: RegExp | string): string {
  const source = typeof re === 'string' ? re : re.source;
  return source.replace(/^\^/, '').replace(/\$$/, '').replace(/\\d/g, '[0-9]');
}

// Facts of the official schemas (ONPE XSD 2.0, ONED XSD 1.22): the patterns they give each kind of value.
const OFFICIAL_YEAR = '(9999)|()|(0000)|(19)[0-9]{2}|(20)[0-9]{2}';
const OFFICIAL_YEAR_MONTH = '()|(0000-00)|((9999)|(19)[0-9]{2}|(20)[0-9]{2})-((99)|(0)[1-9]{1}|(1)[0-2]{1})';
const OFFICIAL_DAY_PART = '((0)[1-9]{1}|(1)[0-9]{1}|(2)[0-9]{1}|(3)[0,1]{1})';
const OFFICIAL_FULL_DATE = `((19)[0-9]{2}|(20)[0-9]{2})-((0)[1-9]{1}|(1)[0-2]{1})-${OFFICIAL_DAY_PART}`;
const OFFICIAL_DATE: Record<EditionId, string> = {
  '2016': `()|(0000-00-00)|${OFFICIAL_FULL_DATE}`,
  '2011': `()|(0000-00-00)|(9999-99-99)|${OFFICIAL_FULL_DATE}`,
};
const OFFICIAL_PARTIAL_DATE =
  '()|(0000-00)|((9999)|(19)[0-9]{2}|(20)[0-9]{2})-((99)|(0)[1-9]{1}|(1)[0-2]{1})-((99)|(0)[1-9]{1}|(1)[0-9]{1}|(2)[0-9]{1}|(3)[0,1]{1})';
const OFFICIAL_DATEXPORT = `()|(0000-00-00)|(9999-99-99)|${OFFICIAL_FULL_DATE}`;
const OFFICIAL_IDENTIFIER = '[0-9a-fA-F]{40}';

/** The model's pattern of each type written as one (dates, years, months, pseudonyms), in the guide's form. */
const GUIDE_PATTERNS: Partial<Record<VariableType, RegExp>> = {
  date: FULL_DATE_PATTERN,
  'year-month': YEAR_MONTH_PATTERN,
  year: YEAR_PATTERN,
  month: MONTH_PATTERN,
  identifier: IDENTIFIER_PATTERN,
};

/** The constraint of one variable in the guide's form (what the model accepts, as far as XSD can say). */
function guideConstraint(def: VariableDef): ElementConstraint {
  const c: ElementConstraint = { name: def.name, minOccurs: 0 };
  const pattern = GUIDE_PATTERNS[def.type];
  if (pattern) c.pattern = `()|(${xsdPattern(pattern)})`;
  else if (def.type === 'code' && def.codes.length > 0) c.enumeration = ['', ...def.codes.map((x) => x.code)];
  else if (def.type === 'integer') c.pattern = `()|([0-9]{1,${def.format?.maxDigits ?? 2}})`;
  else if (def.type === 'code' || def.type === 'text') c.maxLength = def.format?.maxLength ?? 40;
  return c;
}

/** The constraint of one variable in the strict form (as the official schema of the edition has it). */
function strictConstraint(def: VariableDef, edition: EditionId): ElementConstraint {
  const c: ElementConstraint = { name: def.name, minOccurs: def.name === 'NUMANONYM' ? 1 : 0 };
  switch (def.type) {
    case 'code':
      if (def.codes.length > 0) c.enumeration = ['', ...def.codes.map((x) => x.code)];
      else c.maxLength = def.format?.maxLength ?? 40;
      break;
    case 'date':
      c.pattern = PARTIAL_DATES_IN_SCHEMA[edition].includes(def.name) ? OFFICIAL_PARTIAL_DATE : OFFICIAL_DATE[edition];
      break;
    case 'year-month':
      c.pattern = OFFICIAL_YEAR_MONTH;
      break;
    case 'year':
      c.pattern = OFFICIAL_YEAR;
      break;
    case 'month':
    case 'integer':
      c.pattern = `()|[0-9]{1,${def.format?.maxDigits ?? 2}}`;
      break;
    case 'text':
      c.maxLength = def.format?.maxLength ?? 40;
      break;
    case 'identifier':
      c.pattern = OFFICIAL_IDENTIFIER;
      break;
  }
  return c;
}

/**
 * The constraints of every `<DONNEE>` child, in schema order.
 *
 * @example
 * xsdConstraints('2016', { strict: true }).find((c) => c.name === 'NUMANONYM');
 * // { name: "NUMANONYM", minOccurs: 1, pattern: "[0-9a-fA-F]{40}" }
 */
export function xsdConstraints(edition: EditionId = '2016', options: { strict?: boolean } = {}): ElementConstraint[] {
  return elementOrder(edition, options).map((name) => {
    const def = variable(name, edition)!;
    return options.strict ? strictConstraint(def, edition) : guideConstraint(def);
  });
}

function attr(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

function doc(text: string, indent: string): string {
  return `${indent}<xs:annotation><xs:documentation xml:lang="fr">${attr(text)}</xs:documentation></xs:annotation>\n`;
}

/**
 * The XML Schema of the transmission file of an edition, as text. Default: the guide's form (the one the
 * writer's default output validates against); `strict`: the official schema's constraints (the writer's
 * `strictXsd` output validates against it).
 *
 * @example
 * const schema = xsd('2016', { strict: true });
 * schema.includes('<xs:element name="DONNEE" minOccurs="0" maxOccurs="unbounded">'); // true
 */
export function xsd(edition: EditionId = '2016', options: { strict?: boolean } = {}): string {
  const data = editionData(edition);
  const strict = options.strict === true;
  const lines: string[] = [];
  const form = strict
    ? `strict form: the constraints of the official schema VERSIONXSD ${data.xsdVersion}`
    : "guide's form: partly known and unknown dates (99, 9999) accepted, every element optional and possibly empty";
  lines.push('<?xml version="1.0" encoding="UTF-8"?>');
  lines.push(
    `<!-- OLINPE transmission file, decree ${data.decree} (edition ${edition}), ${form}. Generated by olinpe from its nomenclature. -->`,
  );
  lines.push(
    '<xs:schema xmlns:xs="http://www.w3.org/2001/XMLSchema" elementFormDefault="qualified" attributeFormDefault="unqualified">',
  );
  lines.push('  <xs:element name="DECRET">');
  lines.push('    <xs:complexType>');
  lines.push('      <xs:sequence>');
  lines.push('        <xs:element name="INTRO">');
  lines.push('          <xs:complexType>');
  lines.push('            <xs:sequence>');
  lines.push('              <xs:element name="VERSIONXSD" minOccurs="1" maxOccurs="1">');
  lines.push('                <xs:simpleType><xs:restriction base="xs:string">');
  lines.push(
    strict
      ? `                  <xs:pattern value="${attr(data.xsdVersion.replace(/\./g, '\\.'))}"/>`
      : '                  <xs:pattern value="[0-9]+(\\.[0-9]+)*"/>',
  );
  lines.push('                </xs:restriction></xs:simpleType>');
  lines.push('              </xs:element>');
  lines.push('              <xs:element name="DATEXPORT" minOccurs="1" maxOccurs="1">');
  lines.push('                <xs:simpleType><xs:restriction base="xs:string">');
  lines.push(
    `                  <xs:pattern value="${attr(strict ? OFFICIAL_DATEXPORT : `()|(${xsdPattern(FULL_DATE_PATTERN)})`)}"/>`,
  );
  lines.push('                </xs:restriction></xs:simpleType>');
  lines.push('              </xs:element>');
  lines.push('            </xs:sequence>');
  lines.push('          </xs:complexType>');
  lines.push('        </xs:element>');
  lines.push('        <xs:element name="DONNEE" minOccurs="0" maxOccurs="unbounded">');
  lines.push('          <xs:complexType>');
  lines.push('            <xs:sequence>');
  for (const c of xsdConstraints(edition, options)) {
    const def = variable(c.name, edition)!;
    lines.push(`              <xs:element name="${c.name}" minOccurs="${c.minOccurs}" maxOccurs="1">`);
    lines.push(doc(def.label.fr, '                ').trimEnd());
    lines.push('                <xs:simpleType>');
    lines.push('                  <xs:restriction base="xs:string">');
    if (c.enumeration) {
      for (const value of c.enumeration) {
        const label = value === '' ? undefined : def.codes.find((x) => x.code === value)?.label.fr;
        if (label === undefined) lines.push(`                    <xs:enumeration value="${attr(value)}"/>`);
        else {
          lines.push(`                    <xs:enumeration value="${attr(value)}">`);
          lines.push(doc(label, '                      ').trimEnd());
          lines.push('                    </xs:enumeration>');
        }
      }
    }
    if (c.pattern !== undefined) lines.push(`                    <xs:pattern value="${attr(c.pattern)}"/>`);
    if (c.maxLength !== undefined) lines.push(`                    <xs:maxLength value="${c.maxLength}"/>`);
    lines.push('                  </xs:restriction>');
    lines.push('                </xs:simpleType>');
    lines.push('              </xs:element>');
  }
  lines.push('            </xs:sequence>');
  lines.push('          </xs:complexType>');
  lines.push('        </xs:element>');
  lines.push('      </xs:sequence>');
  lines.push('    </xs:complexType>');
  lines.push('  </xs:element>');
  lines.push('</xs:schema>');
  return `${lines.join('\n')}\n`;
}
