import * as fs from 'node:fs';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { readTransmission, type ErrorItem } from '../../transmission/index.js';
import { reportCsv, reportHtml } from '../../analysis/index.js';
import { UsageError, type CliIO, type Command } from '../command.js';
import { openInput, openOutput, stagingDirectory } from '../io.js';
import { createProgress } from '../progress.js';
import { parseEncoding } from '../rules-input.js';

const usage = `Usage: olinpe export <fichiers…> --to parquet --out DOSSIER [--edition-2011 migrate|keep] [--no-linkage] [--compression C] [--quiet]

Écrit les événements d'un nombre quelconque de fichiers annuels (XML ou CSV, éditions 2016 et 2011) en Parquet,
par DuckDB (embarqué, sans serveur) : events, files, years, month_ends, people, pseudonyms, measures, quality,
variables, codes (une table par fichier DOSSIER/<table>.parquet), et les vues SQL des indicateurs
(DOSSIER/indicators.sql, sequences.duckdb.sql, sequences.spark.sql). Voir docs/guides/parquet.md.
Writes the events of any number of yearly files as Parquet files, with the linkage and the nomenclature.

  --to             parquet (seul format)
  --out            dossier de sortie (créé s'il n'existe pas)
  --edition-2011   migrate (par défaut : enregistrements 2011 migrés en 2016) ou keep (colonnes 2011 gardées)
  --no-linkage     sans les tables de rattachement (jeunes, mesures, qualité)
  --compression    snappy (par défaut, lue partout), zstd (plus compacte), gzip ou uncompressed
  --memory-limit   limite mémoire de DuckDB (par défaut 1GB)
  --threads        nombre de fils de DuckDB (par défaut : les cœurs de la machine)
  --quiet          pas de ligne de progression (montrée seulement sur un terminal, jamais dans la sortie)
  --encoding       encodage des fichiers CSV : utf-8 (par défaut), latin1 (ISO-8859-1) ou windows-1252 ; un
                   fichier XML est lu dans l'encodage que déclare son en-tête (CSV encoding; XML: as declared)

La mémoire reste bornée quel que soit le nombre de fichiers et d'événements : DuckDB travaille dans
--memory-limit et écrit sur disque au-delà ; le rattachement se fait par lots de jeunes.
Memory stays bounded whatever the volume: DuckDB within --memory-limit (spilling to disk), linkage in batches.
`;

export const exportCommand: Command = {
  name: 'export',
  summary: 'fichiers annuels vers Parquet par DuckDB (yearly files to Parquet)',
  usage,
  async run(args, io) {
    const { values, positionals } = parseArgs({
      args,
      allowPositionals: true,
      options: {
        to: { type: 'string' },
        out: { type: 'string' },
        'edition-2011': { type: 'string', default: 'migrate' },
        'no-linkage': { type: 'boolean', default: false },
        'memory-limit': { type: 'string', default: '1GB' },
        threads: { type: 'string' },
        compression: { type: 'string', default: 'snappy' },
        quiet: { type: 'boolean', default: false },
        encoding: { type: 'string' },
      },
    });
    const encoding = parseEncoding(values.encoding);
    if (values.to !== 'parquet')
      throw new UsageError(`--to parquet est attendu (reçu « ${values.to ?? ''} ») (--to parquet expected)`);
    if (!values.out) throw new UsageError('--out DOSSIER est attendu (--out DIR expected)');
    if (positionals.length === 0) throw new UsageError('au moins un fichier est attendu (at least one file)');
    const mode = values['edition-2011'];
    if (mode !== 'migrate' && mode !== 'keep')
      throw new UsageError(`--edition-2011 doit valoir migrate ou keep (reçu « ${mode} »)`);
    const compression = values.compression;
    if (compression !== 'snappy' && compression !== 'zstd' && compression !== 'gzip' && compression !== 'uncompressed')
      throw new UsageError(`--compression doit valoir snappy, zstd, gzip ou uncompressed (reçu « ${compression} »)`);
    const threads = values.threads === undefined ? undefined : Number(values.threads);
    if (threads !== undefined && !(Number.isInteger(threads) && threads >= 1))
      throw new UsageError(`--threads : entier ≥ 1 attendu (reçu « ${values.threads} »)`);
    if (!/^\d+(\.\d+)?\s*[KMGT]i?B$/i.test(values['memory-limit']))
      throw new UsageError(`--memory-limit : par exemple 512MB ou 2GB (reçu « ${values['memory-limit']} »)`);
    // Every input is opened first, so that a missing file is reported before anything is written.
    const inputs = positionals.map((file) => ({ file, bytes: openInput(file, io) }));
    const outDir = resolve(io.cwd, values.out);
    try {
      mkdirSync(outDir, { recursive: true });
    } catch (error) {
      throw new UsageError(
        `impossible de créer le dossier ${values.out} (${(error as { code?: string }).code ?? 'erreur'}) (cannot create the output directory)`,
      );
    }
    // The files are written in a staging directory inside outDir and renamed into place at the end: an
    // interrupted or failed export leaves the previous files as they were (see stagingDirectory).
    const staged = stagingDirectory(outDir);
    const { exportParquet } = await import('../../export/index.js');
    const stage = mkdtempSync(join(tmpdir(), 'olinpe-export-'));
    const progress = createProgress(io.stderr, { quiet: values.quiet, label: 'événements lus' });
    const fatal: string[] = [];
    let seen = 0;
    let errors = 0;
    try {
      const summary = await exportParquet(
        inputs.map(({ file, bytes }) => ({
          file,
          items: readTransmission(bytes, { fileName: file, checkModel: false, ...(encoding ? { encoding } : {}) }),
        })),
        {
          outDir: staged.path,
          edition2011: mode,
          linkage: !values['no-linkage'],
          memoryLimit: values['memory-limit'],
          compression,
          ...(threads === undefined ? {} : { threads }),
          database: join(stage, 'stage.duckdb'),
          staging: { fs, directory: stage },
          tempDirectory: join(stage, 'spill'),
          onProgress: (p) => {
            if (p.phase === 'events') progress.tick(p.events - seen);
            seen = p.events;
            progress.phase(
              p.phase === 'events'
                ? (p.file ?? '')
                : p.phase === 'linkage'
                  ? p.total
                    ? `rattachement des parcours : ${(p.people ?? 0).toLocaleString('fr-FR')} jeunes sur ${p.total.toLocaleString('fr-FR')}`
                    : 'rattachement des parcours (jeunes, dans DuckDB)'
                  : `écriture de ${p.table}.parquet`,
            );
          },
          onError: (file: string, e: ErrorItem) => {
            errors++;
            const where = `${file}:${e.line}${e.variable ? ` ${e.variable}` : ''}`;
            if (e.severity === 'fatal') fatal.push(`${where}: ${e.message}`);
            else if (errors <= 20) {
              progress.done();
              io.stderr.write(`${where}: ${e.message}\n`);
            }
          },
        },
      );
      progress.done();
      const views = await import('../../export/index.js');
      writeFileSync(join(staged.path, 'indicators.sql'), views.INDICATOR_VIEWS);
      writeFileSync(join(staged.path, 'sequences.duckdb.sql'), views.SEQUENCES_VIEW_DUCKDB);
      writeFileSync(join(staged.path, 'sequences.spark.sql'), views.SEQUENCES_VIEW_SPARK);
      for (const name of readdirSync(staged.path)) renameSync(join(staged.path, name), join(outDir, name));
      staged.settle();
      if (errors > 20) io.stderr.write(`… ${errors - 20} autres erreurs de lecture (olinpe validate les détaille)\n`);
      const t = summary.tables;
      io.stderr.write(
        `${summary.events.toLocaleString('fr-FR')} événements de ${summary.files.length} fichiers écrits dans ${values.out} : ` +
          Object.entries(t)
            .map(([k, n]) => `${k} ${n.toLocaleString('fr-FR')}`)
            .join(', ') +
          `; ${errors} erreurs de lecture\n`,
      );
      if (fatal.length) {
        for (const f of fatal) io.stderr.write(`${f}\n`);
        io.stderr.write(
          `lecture interrompue dans ${fatal.length} fichier(s) : les événements lus avant l'erreur sont exportés (reading stopped)\n`,
        );
        return 2;
      }
      return 0;
    } catch (error) {
      progress.done();
      if (error instanceof UsageError) throw error;
      const message = error instanceof Error ? error.message : String(error);
      throw new UsageError(`export impossible : ${message} (export failed)`, 2);
    } finally {
      rmSync(stage, { recursive: true, force: true });
    }
  },
};

/**
 * `olinpe report --engine duckdb DIR`: the report computed by DuckDB from an export directory, through the
 * indicator views only.
 */
export async function reportWithDuckDB(
  positionals: string[],
  options: { format: 'html' | 'json' | 'csv'; out: string; year?: number },
  io: CliIO,
): Promise<number> {
  if (positionals.length !== 1)
    throw new UsageError(
      '--engine duckdb : un dossier écrit par olinpe export est attendu (one export directory expected)',
    );
  const dir = resolve(io.cwd, positionals[0]!);
  if (!existsSync(dir) || !statSync(dir).isDirectory() || !existsSync(join(dir, 'measures.parquet'))) {
    throw new UsageError(
      `${positionals[0]} n'est pas un dossier écrit par olinpe export avec les tables de rattachement (measures.parquet manquant) (not an export directory)`,
    );
  }
  const { parquetReport } = await import('../../export/index.js');
  let report: Awaited<ReturnType<typeof parquetReport>>;
  try {
    report = await parquetReport(dir, { charts: true, ...(options.year === undefined ? {} : { year: options.year }) });
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    throw new UsageError(`lecture des fichiers Parquet impossible : ${message} (cannot read the Parquet files)`, 2);
  }
  const text =
    options.format === 'html'
      ? reportHtml(report)
      : options.format === 'csv'
        ? reportCsv(report)
        : `${JSON.stringify(report, null, 2)}\n`;
  const out = await openOutput(options.out, io);
  await out.write(text);
  await out.close();
  const q = report.indicators.quality;
  io.stderr.write(`${q.lines} lignes, ${q.people} jeunes, ${q.measures} mesures (DuckDB, vues de indicators.sql)\n`);
  return 0;
}
