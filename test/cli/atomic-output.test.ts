/**
 * Outputs are atomic (issue 12, item 4): written beside the target and renamed once complete; on an error, a
 * signal, a full disk or a read-only directory, no partial file and any existing file left untouched; the same
 * file in and out refused. The disk cases run the CLI as a user does, in a private mount namespace with a small
 * tmpfs when the machine allows it (`unshare -rm`), otherwise under a file-size limit (RLIMIT_FSIZE, the kernel's
 * own EFBIG on the real write path).
 */
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { cli } from '../support/cli.js';
import { cliArgs, ensureCli } from '../support/dist.js';
import { tempDir } from '../support/temp-dir.js';

// The built CLI, as a user runs it (rebuilt when src/ is newer than dist/cli.js).
beforeAll(ensureCli, 300_000);

const ROOT = new URL('../../', import.meta.url).pathname;
const NODE_ARGS = cliArgs([]);
const OLD = 'fichier précédent, à garder\n';

let dir: string;
let big: string;
beforeAll(async () => {
  dir = tempDir('olinpe-atomic-');
  big = join(dir, 'big.xml');
  const r = await cli(['synth', '--year', '2024', '--young-people', '300', '--out', big]);
  expect(r.code).toBe(0);
}, 120_000);

function leftovers(d: string): string[] {
  return readdirSync(d).filter((f) => f.includes('.olinpe-tmp'));
}

describe('the same file in and out is refused, the file untouched', () => {
  it('convert f.xml f.xml, rehash f f, pseudonymise --in f --out f, and the key file as output', async () => {
    const d = tempDir('olinpe-same-');
    const xml = readFileSync(big);
    writeFileSync(join(d, 'f.xml'), xml);
    writeFileSync(join(d, 'cle.txt'), 'cle-de-test-assez-longue\n');
    writeFileSync(join(d, 'id.csv'), 'PRENOM;NOMMERE;MNAIS;ANAIS\nZoé;Dupont;11;2012\n');
    const runs = [
      await cli(['convert', 'f.xml', 'f.xml'], { cwd: d }),
      await cli(['convert', 'f.xml', './f.xml', '--to', 'xml'], { cwd: d }),
      await cli(['rehash', '--key-file', 'cle.txt', 'f.xml', 'f.xml'], { cwd: d }),
      await cli(['pseudonymise', '--key-file', 'cle.txt', '--in', 'id.csv', '--out', 'id.csv'], { cwd: d }),
      await cli(['pseudonymise', '--key-file', 'cle.txt', '--in', 'id.csv', '--out', 'cle.txt'], { cwd: d }),
    ];
    for (const r of runs) {
      expect(r.code).toBe(2);
      expect(r.stderr).toContain('the input and the output are the same file');
    }
    expect(readFileSync(join(d, 'f.xml')).equals(xml)).toBe(true);
    expect(readFileSync(join(d, 'cle.txt'), 'utf8')).toBe('cle-de-test-assez-longue\n');
    expect(readFileSync(join(d, 'id.csv'), 'utf8')).toContain('Zoé');
    expect(leftovers(d)).toEqual([]);
  });
});

describe('a failed run leaves the existing output as it was and no temporary file', () => {
  it('convert of a truncated file: exit 2, existing output untouched', async () => {
    const d = tempDir('olinpe-trunc-');
    const xml = readFileSync(big, 'utf8');
    writeFileSync(join(d, 'cut.xml'), xml.slice(0, Math.floor(xml.length / 2)));
    writeFileSync(join(d, 'out.csv'), OLD);
    const r = await cli(['convert', 'cut.xml', 'out.csv'], { cwd: d });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('output not written');
    expect(readFileSync(join(d, 'out.csv'), 'utf8')).toBe(OLD);
    expect(leftovers(d)).toEqual([]);
  });

  it('rehash and pseudonymise of an unreadable input leave the existing output untouched', async () => {
    const d = tempDir('olinpe-unread-');
    writeFileSync(join(d, 'cle.txt'), 'cle-de-test-assez-longue\n');
    writeFileSync(join(d, 'bad.csv'), Buffer.from([0x4e, 0x55, 0x4d, 0x0a, 0xff, 0x0a]));
    writeFileSync(join(d, 'out.csv'), OLD);
    for (const args of [
      ['rehash', '--key-file', 'cle.txt', 'bad.csv', 'out.csv'],
      ['rehash', '--key-file', 'cle.txt', 'absent.csv', 'out.csv'],
      ['pseudonymise', '--key-file', 'cle.txt', '--in', 'bad.csv', '--out', 'out.csv'],
      ['convert', 'absent.xml', 'out.csv'],
    ]) {
      const r = await cli(args, { cwd: d });
      expect(r.code, args.join(' ')).toBe(2);
      expect(readFileSync(join(d, 'out.csv'), 'utf8')).toBe(OLD);
    }
    expect(leftovers(d)).toEqual([]);
  });

  it('a complete run replaces the file (renamed over it)', async () => {
    const d = tempDir('olinpe-ok-');
    writeFileSync(join(d, 'out.csv'), OLD);
    const r = await cli(['convert', big, 'out.csv'], { cwd: d });
    expect(r.code).toBeLessThanOrEqual(1);
    expect(readFileSync(join(d, 'out.csv'), 'utf8')).not.toBe(OLD);
    expect(readFileSync(join(d, 'out.csv'), 'utf8').split('\n').length).toBeGreaterThan(300);
    expect(leftovers(d)).toEqual([]);
  });
});

describe('export: files staged beside their names', () => {
  it('an export leaves its files in place and no staging directory', async () => {
    const d = tempDir('olinpe-export-atomic-');
    const r = await cli(['export', big, '--to', 'parquet', '--out', 'parquet'], { cwd: d });
    expect(r.code, r.stderr).toBe(0);
    const files = readdirSync(join(d, 'parquet'));
    expect(files).toContain('events.parquet');
    expect(files.filter((f) => f.startsWith('.olinpe-tmp'))).toEqual([]);
  }, 120_000);
});

describe('as a user runs it: signal, full disk, read-only directory', () => {
  it('SIGTERM during the write: the temporary file is removed, the existing output untouched', async () => {
    const d = tempDir('olinpe-kill-');
    writeFileSync(join(d, 'out.csv'), OLD);
    const child = spawn(process.execPath, [...NODE_ARGS, 'convert', '-', 'out.csv', '--from', 'xml'], {
      cwd: d,
      stdio: ['pipe', 'ignore', 'pipe'],
    });
    child.stdin.on('error', () => {}); // the pipe breaks when the command dies: expected
    const xml = readFileSync(big, 'utf8');
    // More records than the edition look-ahead (1,000), and no end: the command is left writing.
    const first = xml.indexOf('<DONNEE');
    const records = xml.slice(first, xml.lastIndexOf('</DONNEE>') + '</DONNEE>'.length);
    child.stdin.write(xml.slice(0, first) + records.repeat(4));
    // Wait (without a time limit of our own) until the output has been opened under its temporary name.
    while (leftovers(d).length === 0) {
      if (child.exitCode !== null) throw new Error('the command ended before opening its output');
      await new Promise((r) => setTimeout(r, 50));
    }
    const ended = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((ok) =>
      child.on('exit', (code, signal) => ok({ code, signal })),
    );
    child.kill('SIGTERM');
    const { code, signal } = await ended;
    expect(signal ?? code).toBe('SIGTERM');
    expect(leftovers(d)).toEqual([]);
    expect(readFileSync(join(d, 'out.csv'), 'utf8')).toBe(OLD);
  }, 120_000);

  const canMount =
    spawnSync('unshare', ['-rm', 'sh', '-c', `mount -t tmpfs -o size=64k none ${tmpdir()}`], { stdio: 'ignore' })
      .status === 0;

  it(`full disk and read-only directory: exit 2, a clear message, no partial file (${canMount ? 'tmpfs' : 'RLIMIT_FSIZE'})`, () => {
    const d = tempDir('olinpe-disk-');
    const run = `${JSON.stringify(process.execPath)} ${NODE_ARGS.map((a) => JSON.stringify(a)).join(' ')}`;
    if (canMount) {
      const script = [
        `mkdir -p ${d}/full ${d}/ro`,
        `mount -t tmpfs -o size=64k none ${d}/full`,
        `printf '%s' '${OLD.trim()}' > ${d}/full/out.csv`,
        `${run} convert ${big} ${d}/full/out.csv --quiet; echo "full-rc=$?"`,
        `echo "full-files=$(ls -A ${d}/full | tr '\\n' ' ')"; echo "full-old=$(cat ${d}/full/out.csv)"`,
        `mount -t tmpfs -o size=1m none ${d}/ro && printf '%s' '${OLD.trim()}' > ${d}/ro/out.csv && mount -o remount,ro ${d}/ro`,
        `${run} convert ${big} ${d}/ro/out.csv --quiet; echo "ro-rc=$?"`,
        `echo "ro-files=$(ls -A ${d}/ro | tr '\\n' ' ')"; echo "ro-old=$(cat ${d}/ro/out.csv)"`,
      ].join('\n');
      const r = spawnSync('unshare', ['-rm', 'sh', '-c', script], { cwd: ROOT, encoding: 'utf8' });
      const out = r.stdout + r.stderr;
      expect(out).toContain('full-rc=2');
      expect(out).toContain('disk full');
      expect(out).toContain('full-files=out.csv \n');
      expect(out).toContain(`full-old=${OLD.trim()}`);
      expect(out).toContain('ro-rc=2');
      expect(out).toContain('read-only file system');
      expect(out).toContain('ro-files=out.csv \n');
      expect(out).toContain(`ro-old=${OLD.trim()}`);
      expect(out).not.toMatch(/\n\s+at /);
    } else {
      writeFileSync(join(d, 'out.csv'), OLD);
      // SIGXFSZ ignored: the write that crosses the limit fails with EFBIG instead of killing the process.
      const r = spawnSync('sh', ['-c', `trap '' XFSZ; ulimit -f 64; exec ${run} convert ${big} out.csv --quiet`], {
        cwd: d,
        encoding: 'utf8',
      });
      expect(r.status).toBe(2);
      expect(r.stderr).toContain('file size limit reached');
      expect(readFileSync(join(d, 'out.csv'), 'utf8')).toBe(OLD);
      expect(leftovers(d)).toEqual([]);
    }
    expect(existsSync(big)).toBe(true);
  }, 180_000);
});
