import type { ChildProcessWithoutNullStreams } from 'node:child_process';
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { createServer } from 'node:net';
import { waitFor } from './wait-for.ts';

/** A port free right now on loopback, to start and restart a child relay on the same one. */
export async function freePort(): Promise<number> {
  const server = createServer();
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const address = server.address();
  server.close();
  if (address === null || typeof address === 'string') throw new Error('no TCP address');
  return address.port;
}

/** `npm run relay` as a child process (`node --import tsx relay/main.ts`), with `env` only. */
export function spawnRelay(env: Record<string, string>) {
  const child: ChildProcessWithoutNullStreams = spawn(
    process.execPath,
    ['--import', 'tsx', 'relay/main.ts'],
    {
      cwd: process.cwd(),
      env: { PATH: process.env.PATH ?? '', ...env },
    },
  );
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const exited = new Promise<number | null>((resolve) =>
    child.once('exit', (code) => resolve(code)),
  );
  return {
    child,
    exited,
    stdout: () => stdout,
    stderr: () => stderr,
    /** Resolves once the relay answers on `url`. */
    ready: (url: string) =>
      waitFor(
        'the child relay',
        async () => (await fetch(`${url}/healthz`).catch(() => undefined)) !== undefined,
        30_000,
      ),
  };
}
