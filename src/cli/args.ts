/**
 * Turns the errors of `node:util` `parseArgs` (unknown option, missing value, unexpected argument) into
 * French-first usage errors (exit 2) that name the option and suggest the closest valid one. The valid options
 * of a command are read from its usage text, so every command gets the same treatment without listing them
 * twice.
 *
 * @module
 */
import { UsageError } from './command.js';

/** The `--options` a usage text mentions, in order of first mention. */
export function optionsOfUsage(usage: string): string[] {
  return [...new Set(usage.match(/--[a-z][a-z0-9-]*/g) ?? [])];
}

/** Levenshtein distance (small strings). */
function distance(a: string, b: string): number {
  const prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    let diag = prev[0]!;
    prev[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const up = prev[j]!;
      prev[j] = Math.min(up + 1, prev[j - 1]! + 1, diag + (a[i - 1] === b[j - 1] ? 0 : 1));
      diag = up;
    }
  }
  return prev[b.length]!;
}

/**
 * The valid option closest to `given` (a prefix, or within a few edits), or undefined when none is close.
 *
 * @example
 * closestOption('--edtion', ['--edition', '--year']); // "--edition"
 * closestOption('--ed', ['--edition', '--year']); // "--edition"
 */
export function closestOption(given: string, valid: readonly string[]): string | undefined {
  const name = given.split('=')[0]!.toLowerCase();
  if (name.length > 3) {
    const prefixed = valid.filter((v) => v.startsWith(name));
    if (prefixed.length === 1) return prefixed[0];
  }
  let best: string | undefined;
  let bestDistance = Infinity;
  for (const v of valid) {
    const d = distance(name, v);
    if (d < bestDistance) {
      best = v;
      bestDistance = d;
    }
  }
  const bare = name.replace(/^-+/, '');
  return best !== undefined && bestDistance <= Math.max(2, Math.floor(bare.length / 3)) ? best : undefined;
}

/** Whether an error is one of `parseArgs`'s own (bad command line). */
export function isParseArgsError(error: unknown): error is Error & { code: string } {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' && code.startsWith('ERR_PARSE_ARGS_');
}

/**
 * The usage error for a `parseArgs` error of `command`, naming the option and the closest valid one.
 *
 * @example
 * usageErrorOf(err, 'validate', usageText).message;
 * // "option inconnue « --edtion » ; vouliez-vous dire « --edition » ? (unknown option "--edtion"; did you mean "--edition"?) …"
 */
export function usageErrorOf(error: Error & { code: string }, command: string, usage: string): UsageError {
  const valid = optionsOfUsage(usage);
  const help = `voir « olinpe ${command} --help » (see "olinpe ${command} --help")`;
  const quoted = /'([^']+)'/.exec(error.message)?.[1];
  switch (error.code) {
    case 'ERR_PARSE_ARGS_UNKNOWN_OPTION': {
      // Only the option's name, capped: never a value (`--key=…` must not print the key).
      const given = (quoted ?? '?').split('=')[0]!.slice(0, 40);
      const near = closestOption(given, valid);
      return new UsageError(
        near
          ? `option inconnue « ${given} » ; vouliez-vous dire « ${near} » ? (unknown option "${given}"; did you mean "${near}"?) — ${help}`
          : `option inconnue « ${given} » (unknown option "${given}") ; options valides (valid options) : ${valid.join(', ') || 'aucune (none)'}`,
      );
    }
    case 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE': {
      const option = (quoted ?? '').split(' ')[0] ?? '';
      return /does not take/.test(error.message)
        ? new UsageError(`l'option « ${option} » ne prend pas de valeur (option "${option}" takes no value) — ${help}`)
        : new UsageError(`l'option « ${option} » attend une valeur (option "${option}" needs a value) — ${help}`);
    }
    case 'ERR_PARSE_ARGS_UNEXPECTED_POSITIONAL':
      // The argument itself is not repeated: it may be a key or a name typed at the wrong place.
      return new UsageError(
        `argument en trop : cette commande n'attend pas d'argument à cette place (unexpected argument) — ${help}`,
      );
    default:
      return new UsageError(`ligne de commande invalide (invalid command line) — ${help}`);
  }
}
