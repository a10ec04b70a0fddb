import type { Record2011, Record2016 } from '../model/index.js';
export interface InjectedError { kind: string; recordIndex: number; variables: string[]; description: string; related?: number[] }
export function injectErrors<R extends Record2016 | Record2011>(records: R[], _o: { rate: number; seed: number; year: number; edition: '2016' | '2011' }): { records: R[]; injected: InjectedError[]; indexMap: number[]; sources: number[] } {
  return { records, injected: [], indexMap: records.map((_, i) => i), sources: records.map((_, i) => i) };
}
