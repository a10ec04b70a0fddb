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

/**
 * The items of a stream of batches one by one, with its summary. The readers make their items in batches (those one
 * chunk of input gave) and hand them over a batch at a time inside the library (`openRecordsForRules` takes the
 * records out of them itself): each stage of async generators costs some promise turns per value it passes, so a
 * record that crosses the stages inside a batch costs one of them where it cost five (`olinpe validate` on 200,000
 * events: ~8 % less CPU). The public streams are the batches made one by one here; `yield` of each item costs less
 * than the `yield*` of an array it replaces (a sync iterator made async).
 *
 * @internal
 */
export function unbatched<T, S>(batches: SummarisedStream<readonly T[], S>): SummarisedStream<T, S> {
  return summarised(async function* items(end) {
    for await (const batch of batches) for (const item of batch) yield item;
    if (batches.summary !== undefined) end(batches.summary);
  });
}
