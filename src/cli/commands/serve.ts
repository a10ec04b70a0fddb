import { serve, type ServerType } from '@hono/node-server';
import { readFile } from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import { resolve } from 'node:path';
import process from 'node:process';
import { parseArgs } from 'node:util';
import { keyFromFileBytes, MIN_KEY_BYTES } from '../../pseudonymisation/index.js';
import { createService, DEFAULT_MAX_FILE_BYTES, DEFAULT_MAX_JSON_BYTES } from '../../serve/index.js';
import { UsageError, type Command } from '../command.js';

const usage = `Usage: olinpe serve [--host ADRESSE] [--port N] [--key-file FICHIER] [--rehash-key-file FICHIER]
                    [--max-body TAILLE] [--max-file TAILLE] [--allow-short-key] [--quiet]

Démarre le service HTTP JSON d'olinpe : nomenclature, validation d'une ligne ou d'un fichier, audit technique,
pseudonymisation avec une clé détenue par le serveur. Contrat : GET /openapi.json (OpenAPI 3.1).
Starts olinpe's HTTP JSON service (contract: GET /openapi.json).

  --host             adresse d'écoute (par défaut 127.0.0.1 : cette machine seulement). Le service n'a ni
                     authentification ni TLS : ne l'ouvrir au réseau que derrière un mandataire qui les assure
  --port             port (par défaut 8080 ; 0 : un port libre, affiché au démarrage)
  --key-file         clé du département (niveau 1) pour POST /v1/pseudonymise, lue une fois au démarrage
  --rehash-key-file  clé de l'observatoire (niveau 2) pour POST /v1/rehash, lue une fois au démarrage
  --max-body         taille maximale d'un corps JSON (par défaut 1M ; suffixes K, M, G)
  --max-file         taille maximale d'un fichier envoyé (par défaut 2G)
  --allow-short-key  accepter une clé de moins de ${MIN_KEY_BYTES} octets (déconseillé)
  --quiet            ne pas journaliser les requêtes (méthode, route, statut, durée ; jamais un corps ni une clé)

Arrêt : Ctrl-C (SIGINT) ou SIGTERM ; code de sortie 0. Code 2 : option invalide, clé illisible, port occupé.
`;

/** A size such as `1048576`, `512K`, `1M`, `2G` (powers of 1024). */
export function parseSize(value: string | undefined, option: string, fallback: number): number {
  if (value === undefined) return fallback;
  const m = /^(\d+)([KMG]?)$/i.exec(value.trim());
  const unit = { '': 1, K: 1024, M: 1024 ** 2, G: 1024 ** 3 }[(m?.[2] ?? '').toUpperCase() as '' | 'K' | 'M' | 'G'];
  const n = m ? Number(m[1]) * unit : Number.NaN;
  if (!Number.isSafeInteger(n) || n <= 0)
    throw new UsageError(`${option} doit être une taille, par exemple 1M ou 2G (${option} must be a size)`);
  return n;
}

const LOOPBACK = new Set(['127.0.0.1', '::1', 'localhost']);

export const serveCommand: Command = {
  name: 'serve',
  summary: 'service HTTP JSON avec contrat OpenAPI (HTTP JSON service with an OpenAPI contract)',
  usage,
  async run(args, io) {
    // A mistyped option is named by the CLI's usage error, never with its value (it could be a key).
    const { values } = parseArgs({
      args,
      strict: true,
      allowPositionals: false,
      options: {
        host: { type: 'string', default: '127.0.0.1' },
        port: { type: 'string', default: '8080' },
        'key-file': { type: 'string' },
        'rehash-key-file': { type: 'string' },
        'max-body': { type: 'string' },
        'max-file': { type: 'string' },
        'allow-short-key': { type: 'boolean', default: false },
        quiet: { type: 'boolean', default: false },
      },
    });
    const host = String(values.host);
    const port = Number(values.port);
    if (!Number.isInteger(port) || port < 0 || port > 65535)
      throw new UsageError('--port doit être un entier de 0 à 65535 (--port must be 0 to 65535)');
    const allowShort = values['allow-short-key'] === true;
    // The library's reading of a key file: its bytes less one final line break; BOM, whitespace, short refused.
    const keyOf = async (path: string | undefined, option: string): Promise<Uint8Array | undefined> => {
      if (path === undefined) return undefined;
      let bytes: Uint8Array;
      try {
        bytes = await readFile(resolve(io.cwd, path));
      } catch {
        throw new UsageError(`impossible de lire le fichier de clé de ${option} (cannot read the key file)`);
      }
      const read = keyFromFileBytes(bytes, { allowShort });
      if ('problem' in read)
        throw new UsageError(
          `${option} : fichier de clé refusé : ${read.problem.fr} (key file refused: ${read.problem.en})`,
        );
      return read.key;
    };
    const pseudonymisationKey = await keyOf(values['key-file'], '--key-file');
    const rehashKey = await keyOf(values['rehash-key-file'], '--rehash-key-file');
    const quiet = values.quiet === true;
    const { app } = createService({
      pseudonymisationKey,
      rehashKey,
      maxJsonBytes: parseSize(values['max-body'], '--max-body', DEFAULT_MAX_JSON_BYTES),
      maxFileBytes: parseSize(values['max-file'], '--max-file', DEFAULT_MAX_FILE_BYTES),
      ...(quiet ? {} : { log: (e) => io.stderr.write(`olinpe serve: ${e.method} ${e.path} ${e.status} ${e.ms} ms\n`) }),
    });

    let server: ServerType;
    await new Promise<void>((ok, ko) => {
      server = serve({ fetch: app.fetch, hostname: host, port, serverOptions: { requestTimeout: 30 * 60_000 } });
      server.once('listening', () => ok());
      server.once('error', (error: NodeJS.ErrnoException) => {
        const why =
          error.code === 'EADDRINUSE'
            ? 'port déjà utilisé (port in use)'
            : error.code === 'EACCES'
              ? 'accès refusé (permission denied)'
              : (error.code ?? 'erreur');
        ko(new UsageError(`impossible d'écouter sur ${host}:${port} : ${why}`, 2));
      });
    });
    const address = server!.address() as AddressInfo;
    const shown = address.family === 'IPv6' ? `[${address.address}]` : address.address;
    io.stderr.write(
      `olinpe serve: à l'écoute sur http://${shown}:${address.port} (listening; contrat : /openapi.json)\n`,
    );
    if (!LOOPBACK.has(host)) {
      io.stderr.write(
        `olinpe serve: attention, ${host} n'est pas l'adresse locale : le service n'a ni authentification ni TLS ; placez-le derrière un mandataire qui les assure (warning: not loopback, no authentication nor TLS)\n`,
      );
    }
    await new Promise<void>((done) => {
      const stop = (): void => {
        process.off('SIGINT', stop);
        process.off('SIGTERM', stop);
        server.close(() => done());
        // Connections kept alive by clients would hold close() open: end the idle ones now.
        (server as unknown as { closeIdleConnections?: () => void }).closeIdleConnections?.();
      };
      process.on('SIGINT', stop);
      process.on('SIGTERM', stop);
    });
    io.stderr.write('olinpe serve: arrêté (stopped)\n');
    return 0;
  },
};
