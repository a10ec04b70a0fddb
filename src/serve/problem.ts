/**
 * Problem documents (RFC 9457, `application/problem+json`): every refusal of the service says what went wrong
 * and names the field (`errors[].field`, `errors[].pointer`), in French unless the request asks for English.
 * No problem document repeats a value that was sent (it could be a name or a key).
 *
 * @module
 */
import type { Lang } from './lang.js';
import { REPOSITORY_URL } from '../version.js';

/** Where the problem types are described (the service guide, one section per type; package.json `repository`). */
export const PROBLEM_BASE = `${REPOSITORY_URL}/blob/main/docs/guides/http-service.md#`;

/** The kinds of problem the service answers with, and their HTTP status. */
export const PROBLEMS = {
  'invalid-request': 400,
  'unreadable-file': 422,
  'not-found': 404,
  'too-large': 413,
  'unsupported-media-type': 415,
  'no-key': 503,
  internal: 500,
} as const;

export type ProblemKind = keyof typeof PROBLEMS;

/** One field named by a problem. */
export interface FieldError {
  /** The field, dotted (`record.ANAIS`, `identities.3.prenom`, `year`, `body`). */
  field: string;
  /** The same as a JSON Pointer into the request part (`/record/ANAIS`). */
  pointer: string;
  /** What is wrong, in the response language. */
  detail: string;
}

/** A problem document (RFC 9457) with olinpe's extension members. */
export interface Problem {
  type: string;
  title: string;
  status: number;
  detail: string;
  instance?: string;
  errors: FieldError[];
  /** Line (and column) of the file, for a file that cannot be read. */
  line?: number;
  column?: number;
}

const TITLES: Record<ProblemKind, { fr: string; en: string }> = {
  'invalid-request': { fr: 'Requête invalide', en: 'Invalid request' },
  'unreadable-file': { fr: 'Fichier illisible', en: 'Unreadable file' },
  'not-found': { fr: 'Introuvable', en: 'Not found' },
  'too-large': { fr: 'Requête trop volumineuse', en: 'Request too large' },
  'unsupported-media-type': { fr: 'Type de contenu non pris en charge', en: 'Unsupported media type' },
  'no-key': { fr: 'Aucune clé configurée', en: 'No key configured' },
  internal: { fr: 'Erreur interne', en: 'Internal error' },
};

/** A text in both languages; the one sent is chosen by the request's language. */
export interface Bilingual {
  fr: string;
  en: string;
}

/** Builds a problem document of one kind in the request's language. */
export function problem(
  kind: ProblemKind,
  lang: Lang,
  detail: Bilingual,
  options: { errors?: { field: string; detail: Bilingual }[]; instance?: string; line?: number; column?: number } = {},
): Problem {
  return {
    type: PROBLEM_BASE + kind,
    title: TITLES[kind][lang],
    status: PROBLEMS[kind],
    detail: detail[lang],
    ...(options.instance ? { instance: options.instance } : {}),
    errors: (options.errors ?? []).map((e) => ({
      field: e.field,
      pointer: pointerOf(e.field),
      detail: e.detail[lang],
    })),
    ...(options.line !== undefined ? { line: options.line } : {}),
    ...(options.column !== undefined ? { column: options.column } : {}),
  };
}

/** The JSON Pointer of a dotted field (`record.ANAIS` → `/record/ANAIS`), `~` and `/` escaped. */
export function pointerOf(field: string): string {
  if (field === '' || field === 'body') return '';
  return `/${field
    .split('.')
    .map((p) => p.replace(/~/g, '~0').replace(/\//g, '~1'))
    .join('/')}`;
}

/** A problem as an HTTP response. */
export function problemResponse(p: Problem, lang: Lang, headers: Record<string, string> = {}): Response {
  return new Response(JSON.stringify(p), {
    status: p.status,
    headers: { 'content-type': 'application/problem+json; charset=utf-8', 'content-language': lang, ...headers },
  });
}
