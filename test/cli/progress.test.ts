/**
 * The progress line (src/cli/progress.ts): drawn on a terminal only, never with --quiet or when stderr is piped,
 * never on stdout. The helper is tested with a fake terminal and a fake clock; every command that reads or writes a
 * large file is run as a user would (in-process, stderr piped, then stderr a terminal).
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { counted, createProgress } from '../../src/cli/progress.js';
import { cli } from '../support/cli.js';

function fakeTerminal(isTTY = true): { isTTY: boolean; text: string[]; write(t: string): boolean } {
  return {
    isTTY,
    text: [],
    write(t: string) {
      this.text.push(t);
      return true;
    },
  };
}

describe('createProgress', () => {
  it('on a terminal: draws at the first item, then at most once per interval, in French, and erases itself', () => {
    const term = fakeTerminal();
    let now = 0;
    const p = createProgress(term, { now: () => now, interval: 200, label: 'enregistrements lus' });
    expect(p.shown).toBe(true);
    p.tick();
    expect(term.text).toEqual(['\r\x1b[2K1 enregistrements lus']);
    for (let i = 0; i < 12_344; i++) p.tick(); // same instant: no redraw
    expect(term.text).toHaveLength(1);
    now = 1000;
    p.tick();
    expect(term.text).toHaveLength(2);
    expect(term.text[1]).toBe('\r\x1b[2K12\u202f346 enregistrements lus (12\u202f346/s)');
    p.phase('rattachement des parcours');
    expect(term.text[2]).toMatch(/— rattachement des parcours$/);
    p.done();
    expect(term.text[3]).toBe('\r\x1b[2K');
    p.done(); // nothing more to erase
    expect(term.text).toHaveLength(4);
  });

  it('writes nothing when the stream is not a terminal, or with quiet', () => {
    for (const [stream, quiet] of [
      [fakeTerminal(false), false],
      [fakeTerminal(true), true],
    ] as const) {
      const p = createProgress(stream, { quiet });
      expect(p.shown).toBe(false);
      p.tick(5);
      p.phase('x');
      p.done();
      expect(stream.text).toEqual([]);
    }
  });

  it('counted passes every item through unchanged, in order, and counts them', async () => {
    const term = fakeTerminal();
    let now = 0;
    const p = createProgress(term, { now: () => (now += 1000) });
    const out: number[] = [];
    for await (const x of counted([3, 1, 2], p)) out.push(x);
    expect(out).toEqual([3, 1, 2]);
    expect(term.text.at(-1)).toMatch(/^\r\x1b\[2K3 /);
  });
});

const dir = mkdtempSync(join(tmpdir(), 'olinpe-progress-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('commands that read or write a large file', () => {
  const file = join(dir, 'f.xml');
  const ESC = /[\r\x1b]/;

  it('synth: silent when piped, a progress line on a terminal, none with --quiet', async () => {
    const piped = await cli(['synth', '--year', '2023', '--records', '300', '--out', file]);
    expect(piped.code).toBe(0);
    expect(piped.stderr).not.toMatch(ESC);
    const tty = await cli(['synth', '--year', '2023', '--records', '300', '--out', join(dir, 'g.xml')], {
      stderrTTY: true,
    });
    expect(tty.code).toBe(0);
    expect(tty.stderr).toMatch(/\r\x1b\[2K\d+ lignes écrites/);
    const quiet = await cli(['synth', '--year', '2023', '--records', '300', '--out', join(dir, 'h.xml'), '--quiet'], {
      stderrTTY: true,
    });
    expect(quiet.stderr).not.toMatch(ESC);
    expect(readFileSync(join(dir, 'g.xml'), 'utf8')).toBe(readFileSync(file, 'utf8'));
  });

  for (const [name, args] of [
    ['validate', ['validate', 'FILE', '--format', 'json']],
    ['audit', ['audit', 'FILE', '--format', 'json']],
    ['report', ['report', 'FILE', '--format', 'json']],
    ['convert', ['convert', 'FILE', '-', '--to', 'csv', '--report', 'REPORT']],
  ] as const) {
    it(`${name}: the progress line only on a terminal, only on stderr; stdout the same; --quiet silences it`, async () => {
      const argv = (extra: string[]): string[] => [
        ...args.map((a) => (a === 'FILE' ? file : a === 'REPORT' ? join(dir, `${name}.report.json`) : a)),
        ...extra,
      ];
      const piped = await cli(argv([]));
      const tty = await cli(argv([]), { stderrTTY: true });
      const quiet = await cli(argv(['--quiet']), { stderrTTY: true });
      expect(piped.stderr).not.toMatch(ESC);
      expect(quiet.stderr).not.toMatch(ESC);
      expect(tty.stderr).toMatch(/\r\x1b\[2K\d/);
      expect(tty.stderr).toMatch(/\r\x1b\[2K$|\r\x1b\[2K[^\r]*\n[^\r]*$/); // erased before the last messages
      expect(tty.stdout).not.toMatch(ESC);
      expect(tty.code).toBe(piped.code);
      if (name === 'convert') {
        expect(tty.stdout).toBe(piped.stdout);
      } else {
        // The JSON on stdout is whole and the same, terminal or not (report's carries a date only in HTML).
        expect(JSON.parse(tty.stdout)).toEqual(JSON.parse(piped.stdout));
      }
    });
  }
});
