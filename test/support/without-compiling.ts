/**
 * Runs code as a page whose Content-Security-Policy has no 'unsafe-eval' would: the `Function` constructor throws,
 * so the library's compiled paths (`new Function`: the key-order reader of src/rules/columns.ts, the compiled
 * prechecks of src/rules/settle-compiled.ts, the readers' record templates) must fall back on their plain paths.
 */

/** What {@link withoutCompiling} gives back: the body's result and how many times code was refused. */
export interface WithoutCompiling<T> {
  value: T;
  refused: number;
}

/**
 * Runs `body` (awaited) with `globalThis.Function` refusing to compile, then puts the real one back.
 *
 * @example
 * const { value, refused } = await withoutCompiling(() => readAll(file));
 */
export async function withoutCompiling<T>(body: () => T | Promise<T>): Promise<WithoutCompiling<T>> {
  const RealFunction = globalThis.Function;
  let refused = 0;
  // biome-ignore lint/complexity/useArrowFunction: stands in for the Function constructor, so `new` must work on it.
  globalThis.Function = function () {
    refused++;
    throw new EvalError('Refused to evaluate a string as JavaScript (CSP)');
  } as unknown as FunctionConstructor;
  try {
    const value = await body();
    return { value, refused };
  } finally {
    globalThis.Function = RealFunction;
  }
}
