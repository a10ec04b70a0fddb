/**
 * Identities and pseudonyms of the model's young people for a given extraction year, with NUMANONYMANT chaining
 * across an identity correction.
 *
 * @module
 */
import { createPseudonymiser } from '../pseudonymisation/index.js';
import type { Identity, Key, Pseudonymiser } from '../pseudonymisation/index.js';
import type { YoungPerson } from './population.js';

/** The demo level-1 key used when none is given. It is public: never use it for real data. */
export const DEMO_KEY = 'olinpe-demo-key-not-secret';

/** The identity of a young person as the département records it in a given extraction year (fake names only). */
export function identityInYear(person: YoungPerson, year: number): Identity & { jourNaissance: number } {
  const corrected = person.correction === null || year >= person.correction.year;
  return {
    prenom: person.prenom,
    nomMere: corrected ? person.nomMere : person.correction!.before,
    moisNaissance: person.mnais,
    anneeNaissance: person.anais,
    jourNaissance: person.jnais,
  };
}

/** NUMANONYM and NUMANONYMANT of a young person in the file of `year`. */
export interface YearIdentifiers {
  NUMANONYM: string;
  NUMANONYMANT: string;
}

/**
 * Computes the identifiers of each young person for each year, caching the (at most two) pseudonyms per person.
 * NUMANONYMANT is the pseudonym of the identity as sent the last time the person was in a file; it differs from
 * NUMANONYM only in the first file after a correction. Before any transmission it equals NUMANONYM, as the guide asks.
 */
export class Identifiers {
  private readonly pseudo: Pseudonymiser;
  private readonly cache = new Map<string, string>();

  constructor(key: Key) {
    this.pseudo = createPseudonymiser({ key, scheme: 'olinpe-2016' });
  }

  /** NUMANONYM of a person in a year. */
  numanonym(person: YoungPerson, year: number): string {
    const corrected = person.correction === null || year >= person.correction.year;
    const cacheKey = `${person.id}|${corrected ? 'c' : 'b'}`;
    let id = this.cache.get(cacheKey);
    if (id === undefined) {
      id = this.pseudo(identityInYear(person, year));
      this.cache.set(cacheKey, id);
    }
    return id;
  }

  /**
   * Both identifiers of a person in the file of a year. `lastSent` is the last earlier year whose file carried the
   * person: NUMANONYMANT is the pseudonym sent then (G18 p12–13), NUMANONYM itself at the first sending.
   */
  forYear(person: YoungPerson, year: number, lastSent: number | undefined): YearIdentifiers {
    const NUMANONYM = this.numanonym(person, year);
    const NUMANONYMANT = lastSent === undefined ? NUMANONYM : this.numanonym(person, lastSent);
    return { NUMANONYM, NUMANONYMANT };
  }

  /** Forgets cached pseudonyms (streaming over millions of people). */
  clear(): void {
    this.cache.clear();
  }
}
