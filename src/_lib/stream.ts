/**
 * The library's one streaming convention. A stream is an async generator of items; what it has to say once it
 * is over (its counts, the statuses of the rules) is its `summary` property, set when the stream has been read
 * to the end and undefined before (a stream left early by `break` has no summary). The readers
 * (`readTransmission`, `readXml`, `readCsv`) and the validator (`validateRecords`) follow it; the writers keep
 * their `summary` current as they go. Each has a collecting helper named `…All` (`readAll`, `validateAll`,
 * `writeAll`) that reads the stream to the end and returns the items with the summary.
 *
 * The summary is set by the generator itself before it returns: the stream is the generator, with no wrapper
 * and no extra promise turn per item.
 *
 * @module
 */

/** An async generator of `T` whose summary `S` is known once it has been read to the end. */
export interface SummarisedStream<T, S> extends AsyncGenerator<T, void, undefined> {
  /** The stream's summary: undefined until the stream has been read to the end. */
  readonly summary: S | undefined;
}

/**
 * Makes a stream from a generator function that calls `end(summary)` just before it returns.
 *
 * @internal
 */
export function summarised<T, S>(
  run: (end: (summary: S) => void) => AsyncGenerator<T, void, undefined>,
): SummarisedStream<T, S> {
  let summary: S | undefined;
  const generator = run((s) => {
    summary = s;
  });
  return Object.defineProperty(generator, 'summary', { get: () => summary, enumerable: true }) as SummarisedStream<
    T,
    S
  >;
}
