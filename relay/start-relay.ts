import { createAdaptorServer } from '@hono/node-server';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { DestinationStream } from 'pino';
import type { RelayConfig } from './config.ts';
import { readHealth } from './health.ts';
import { createApp } from './http/app.ts';
import type { RelayDeps } from './http/deps.ts';
import { createRelayCore } from './relay-core.ts';
import type { SessionOptions } from './socket/session-options.ts';
import { defaultSessionOptions } from './socket/session-options.ts';
import { attachSocketServer } from './socket/socket-server.ts';
import { startXWork } from './x-work.ts';
import { every } from './sweeps/every.ts';
import { sweepRetention } from './sweeps/retention-sweep.ts';
import { createXClient } from './x/x-client.ts';

/** What tests and benchmarks may change beyond the configuration. */
export interface RelayOptions {
  /** Where logs go (default stdout). */
  logDestination?: DestinationStream;
  /** The fetch used to call X. */
  fetch?: typeof fetch;
  session?: Partial<SessionOptions>;
  /** Quiet time after a follows change before rules are synced (default 1 s). */
  rulesSettleMs?: number;
  /** Delay of the second backfill pass over a gap (default 30 s). */
  backfillSecondPassMs?: number;
  /** How long X may take to apply a new rule, before searching its accounts (default 30 s). */
  ruleActivationMs?: number;
}

/** A relay started by `startRelay`. */
export interface RunningRelay {
  /** Base URL without a trailing slash, e.g. `http://127.0.0.1:8787`. */
  url: string;
  port: number;
  /** Stops the stream and every loop, closes sockets with 1001 and the database. */
  close(): Promise<void>;
}

/**
 * Starts a relay: opens (and migrates) the database, listens on `config.host:config.port`,
 * and with an X bearer token holds the stream, syncs rules and runs the sweeps.
 *
 * @example
 * const relay = await startRelay(loadConfig({ PORT: '0', RELAY_DATA_DIR: dir }));
 * await fetch(`${relay.url}/healthz`);
 * await relay.close();
 */
export async function startRelay(
  config: RelayConfig,
  options: RelayOptions = {},
): Promise<RunningRelay> {
  const controller = new AbortController();
  const { signal } = controller;
  const client =
    config.xBearerToken === undefined
      ? undefined
      : createXClient({
          baseUrl: config.xApiBase,
          bearerToken: config.xBearerToken,
          ...(options.fetch && { fetch: options.fetch }),
        });
  const core = createRelayCore(config, {
    client,
    logDestination: options.logDestination,
    rulesSettleMs: options.rulesSettleMs ?? 1000,
    // `work` exists by the time rules are first added: the sync runs after start returns.
    onRulesAdded: (ids, since) => work?.catchUp(ids, since),
  });
  const { logger, store, hub, rules } = core;
  const work = client
    ? startXWork(
        {
          ...core,
          config,
          client,
          backfillSecondPassMs: options.backfillSecondPassMs ?? 30_000,
          ruleActivationMs: options.ruleActivationMs ?? 30_000,
        },
        signal,
      )
    : undefined;
  if (!client) logger.warn('no X_BEARER_TOKEN: the API is served, the stream stays idle');

  const retentionMs = config.retentionHours * 3600_000;
  sweepRetention(store, retentionMs, logger);
  const tasks = [
    ...(work?.tasks ?? []),
    every(Math.min(600_000, retentionMs / 6), signal, logger, 'retention sweep', () =>
      sweepRetention(store, retentionMs, logger),
    ),
  ];

  const deps: RelayDeps = {
    ...core,
    config,
    health: () =>
      readHealth({ stream: work?.stream, rules, store, sockets: () => sockets.count() }),
    closing: signal,
  };
  const server = createAdaptorServer({ fetch: createApp(deps).fetch }) as Server;
  const sockets = attachSocketServer(server, deps, {
    ...defaultSessionOptions,
    ...options.session,
  });

  try {
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(config.port, config.host, () => resolve());
    });
  } catch (error) {
    controller.abort();
    await work?.stream.stop();
    store.close();
    throw error;
  }
  // listen() succeeded on a TCP host, so address() is an AddressInfo.
  const { port } = server.address() as AddressInfo;
  const url = `http://${config.host.includes(':') ? `[${config.host}]` : config.host}:${port}`;
  logger.info({ url, dataDir: config.dataDir, stream: client ? 'on' : 'idle' }, 'relay started');

  let closed: Promise<void> | undefined;
  async function shutdown(): Promise<void> {
    controller.abort();
    hub.closeAll();
    await work?.stream.stop();
    await sockets.close();
    await closeServer(server);
    await Promise.allSettled(tasks);
    store.close();
    logger.info('relay stopped');
  }
  return { url, port, close: () => (closed ??= shutdown()) };
}

/** Stops accepting, lets answers in flight (long-polls told to finish) end, then cuts. */
function closeServer(server: Server): Promise<void> {
  return new Promise((resolve) => {
    server.close(() => resolve());
    server.closeIdleConnections();
    setTimeout(() => server.closeAllConnections(), 1000).unref();
  });
}
