import { createAdaptorServer } from '@hono/node-server';
import type { Hono } from 'hono';
import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';

/** A running HTTP server bound to loopback. */
export interface RunningServer {
  /** Base URL without a trailing slash, e.g. `http://127.0.0.1:41234`. */
  readonly url: string;
  readonly port: number;
  readonly server: Server;
  /** Stops accepting, ends open connections (streams included) and resolves when closed. */
  close(): Promise<void>;
}

/**
 * Serves a Hono app on `host:port` (default 127.0.0.1 and an ephemeral port), so tests can start
 * as many servers as they need without colliding.
 */
export async function serve(
  app: Hono,
  options: { port?: number; host?: string } = {},
): Promise<RunningServer> {
  const host = options.host ?? '127.0.0.1';
  const server = createAdaptorServer({ fetch: app.fetch }) as Server;

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, host, () => resolve());
  });

  // listen() has resolved, so address() is an AddressInfo, never null or a pipe name.
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://${host}:${port}`,
    port,
    server,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
