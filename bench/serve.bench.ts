/**
 * `olinpe serve` under load, on loopback only, bounded in count and time (`npm run bench -- serve`):
 *
 * 1. records validated per second over HTTP: autocannon POSTs synthetic 2016 records (a pool of distinct lines
 *    from src/synth, cycled) to /v1/editions/2016/records/validate for OLINPE_BENCH_SERVE_SECONDS (default 10) with
 *    10 connections; requests/s, p50 and p99 latency, non-2xx answers (must be 0);
 * 2. a large file streamed through /v1/files/validate: a transmission file of about OLINPE_BENCH_SERVE_MB
 *    (default 256 MB; 1024 for the 1 GB run) written to a temporary folder, sent by fetch as a stream, with the
 *    server's peak RSS (the kernel's VmHWM of the server process, a fresh one) and its RSS sampled during the run.
 *
 * The server is the built bin (dist/cli.js, as a user runs it) when present, else the sources through tsx.
 */
import autocannon from 'autocannon';
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { createReadStream, existsSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { Readable } from 'node:stream';
import { fileURLToPath } from 'node:url';
import { validateRecord } from '../src/rules/index.js';
import { writeTransmissionBytes } from '../src/transmission/index.js';
import type { BenchResult } from './run.js';
import { events, pool, writeFile } from './transmission-file.js';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
const SECONDS = Number(process.env.OLINPE_BENCH_SERVE_SECONDS ?? 10);
const TARGET_MB = Number(process.env.OLINPE_BENCH_SERVE_MB ?? 256);
const YEAR = 2023;

interface Server {
  url: string;
  child: ChildProcess;
  stop(): Promise<void>;
}

function start(): Promise<Server> {
  const bin = join(ROOT, 'dist', 'cli.js');
  const args = existsSync(bin) ? [bin] : ['--import', 'tsx', join(ROOT, 'src/cli/main.ts')];
  const child = spawn(
    process.execPath,
    [...args, 'serve', '--host', '127.0.0.1', '--port', '0', '--quiet', '--max-file', '4G'],
    { stdio: ['ignore', 'ignore', 'pipe'] },
  );
  return new Promise((resolve, reject) => {
    let err = '';
    child.stderr!.on('data', (d: Buffer) => {
      err += d.toString();
      const m = /à l'écoute sur (http:\/\/127\.0\.0\.1:\d+)/.exec(err);
      if (m)
        resolve({
          url: m[1]!,
          child,
          stop: () =>
            new Promise((done) => {
              child.once('exit', () => done());
              child.kill('SIGTERM');
            }),
        });
    });
    child.once('exit', (code) => reject(new Error(`olinpe serve exited (${code}): ${err}`)));
  });
}

/** The process's memory from /proc (Linux): resident now and its high-water mark, in MB. */
function memory(pid: number): { rss: number; hwm: number } | undefined {
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    const kb = (name: string): number => Number(new RegExp(`${name}:\\s+(\\d+) kB`).exec(status)?.[1] ?? Number.NaN);
    return { rss: kb('VmRSS') / 1024, hwm: kb('VmHWM') / 1024 };
  } catch {
    return undefined;
  }
}

export async function run(): Promise<BenchResult[]> {
  const results: BenchResult[] = [];
  const lines = pool(2_000, YEAR);
  const dir = mkdtempSync(join(tmpdir(), 'olinpe-bench-serve-'));
  try {
    // 1. One record per request.
    {
      const server = await start();
      const idle = memory(server.child.pid!);
      const bodies = lines.slice(0, 500).map((r) =>
        JSON.stringify({
          record: Object.fromEntries(Object.entries(r).filter(([, v]) => v !== undefined)),
          referenceYear: YEAR,
        }),
      );
      let i = 0;
      const result = await autocannon({
        url: `${server.url}/v1/editions/2016/records/validate`,
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        connections: 10,
        duration: SECONDS,
        requests: [{ setupRequest: (req) => ({ ...req, body: bodies[i++ % bodies.length]! }) }],
      });
      const after = memory(server.child.pid!);
      await server.stop();
      const non2xx = result.non2xx + result.errors + result.timeouts;
      console.log(
        `  records over HTTP: ${Math.round(result.requests.average)} req/s (${result.requests.total} in ${SECONDS} s, 10 connections), latency p50 ${result.latency.p50} ms, p99 ${result.latency.p99} ms, non-2xx/errors ${non2xx}; server RSS ${idle?.rss.toFixed(0)} MB idle, peak ${after?.hwm.toFixed(0)} MB`,
      );
      if (non2xx > 0) throw new Error(`${non2xx} requests failed`);
      // Baseline: validateRecord in this process on the same records, for 2 s (what HTTP and JSON cost beside it).
      const parsed = bodies.map((b) => JSON.parse(b) as { record: Record<string, string> });
      let n = 0;
      const t0 = performance.now();
      while (performance.now() - t0 < 2_000)
        validateRecord(parsed[n++ % parsed.length]!.record, { edition: '2016', referenceYear: YEAR });
      const inProcess = n / ((performance.now() - t0) / 1000);
      console.log(`  validateRecord in process, same records: ${Math.round(inProcess)} records/s`);
      results.push({
        name: 'records validated over HTTP (POST …/records/validate, 10 connections)',
        value: result.requests.average,
        unit: 'records/s',
        baseline: `validateRecord in process: ${Math.round(inProcess)}/s`,
        ratio: result.requests.average / inProcess,
      });
      results.push({ name: 'latency p50, one record', value: result.latency.p50, unit: 'ms' });
      results.push({ name: 'latency p99, one record', value: result.latency.p99, unit: 'ms' });
      if (after) results.push({ name: 'server peak RSS during the record load', value: after.hwm, unit: 'MB' });
    }

    // 2. A large file streamed through.
    {
      const path = join(dir, 'large.xml');
      const perEvent = 2_400; // bytes per event of this pool, near enough to aim at the size asked
      const count = Math.max(10_000, Math.round((TARGET_MB * 2 ** 20) / perEvent));
      await writeFile(
        path,
        writeTransmissionBytes(events(lines, count), { dateExport: `${YEAR + 1}-01-31`, allVariables: true }),
      );
      const size = statSync(path).size;
      const server = await start();
      const pid = server.child.pid!;
      const idle = memory(pid);
      let sampled = 0;
      const timer = setInterval(() => {
        const m = memory(pid);
        if (m) sampled = Math.max(sampled, m.rss);
      }, 100);
      const t0 = process.hrtime.bigint();
      const res = await fetch(`${server.url}/v1/files/validate?year=${YEAR}`, {
        method: 'POST',
        headers: { 'content-type': 'application/xml', 'content-length': String(size) },
        body: Readable.toWeb(createReadStream(path, { highWaterMark: 1 << 16 })) as ReadableStream<Uint8Array>,
        duplex: 'half',
      } as RequestInit);
      const report = (await res.json()) as { records: number; findings: unknown[]; reading: { complete: boolean } };
      const seconds = Number(process.hrtime.bigint() - t0) / 1e9;
      clearInterval(timer);
      const peak = memory(pid);
      await server.stop();
      if (res.status !== 200 || report.records !== count || !report.reading.complete)
        throw new Error(`file run: status ${res.status}, ${report.records} of ${count} records`);
      const mb = size / 2 ** 20;
      // Baseline: olinpe validate on the same file, as a user runs it (built bin, JSON report discarded).
      let cliSeconds: number | undefined;
      const bin = join(ROOT, 'dist', 'cli.js');
      if (existsSync(bin)) {
        const c0 = process.hrtime.bigint();
        try {
          execFileSync(
            process.execPath,
            [bin, 'validate', path, '--year', String(YEAR), '--format', 'json', '--out', '/dev/null'],
            { stdio: 'ignore' },
          );
        } catch {
          // exit 1 when the file has errors: the time is what counts
        }
        cliSeconds = Number(process.hrtime.bigint() - c0) / 1e9;
        console.log(
          `  olinpe validate on the same file: ${cliSeconds.toFixed(1)} s (${Math.round(count / cliSeconds)} records/s)`,
        );
      }
      console.log(
        `  file streamed: ${mb.toFixed(0)} MB, ${count} events in ${seconds.toFixed(1)} s (${Math.round(count / seconds)} records/s, ${(mb / seconds).toFixed(1)} MB/s), ${report.findings.length} findings; server RSS idle ${idle?.rss.toFixed(0)} MB, sampled max ${sampled.toFixed(0)} MB, peak (VmHWM) ${peak?.hwm.toFixed(0)} MB`,
      );
      results.push({
        name: `file streamed through /v1/files/validate (${mb.toFixed(0)} MB XML, ${count} events)`,
        value: count / seconds,
        unit: 'records/s',
        ...(cliSeconds
          ? { baseline: `olinpe validate: ${Math.round(count / cliSeconds)}/s`, ratio: cliSeconds / seconds }
          : {}),
      });
      results.push({ name: 'file streamed, throughput', value: mb / seconds, unit: 'MB/s' });
      if (peak)
        results.push({ name: `server peak RSS while ${mb.toFixed(0)} MB stream through`, value: peak.hwm, unit: 'MB' });
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  return results;
}
