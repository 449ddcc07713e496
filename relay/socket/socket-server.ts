import type { IncomingMessage, Server } from 'node:http';
import type { Duplex } from 'node:stream';
import { WebSocketServer } from 'ws';
import type { RelayDeps } from '../http/deps.ts';
import { CLOSE } from './close-codes.ts';
import type { SessionOptions } from './session-options.ts';
import { startSession } from './socket-session.ts';

const STREAM_PATH = /^\/v1\/subscriptions\/([A-Za-z0-9_-]{1,64})\/stream$/;
// Client messages are a hello, acks and pings: a few hundred bytes at most.
const MAX_MESSAGE_BYTES = 4096;

/**
 * Serves `GET /v1/subscriptions/:id/stream` WebSockets on the node server's `upgrade` event,
 * with `ws` in noServer mode (no per-message compression: it costs memory per socket, and
 * thousands of sockets is the point).
 */
export function attachSocketServer(server: Server, deps: RelayDeps, options: SessionOptions) {
  const wss = new WebSocketServer({
    noServer: true,
    maxPayload: MAX_MESSAGE_BYTES,
    perMessageDeflate: false,
  });
  let closing = false;

  function onUpgrade(request: IncomingMessage, socket: Duplex, head: Buffer): void {
    socket.on('error', () => socket.destroy());
    const path = new URL(request.url ?? '/', 'http://relay').pathname;
    const match = STREAM_PATH.exec(path);
    if (closing || !match?.[1]) {
      const status = closing ? '503 Service Unavailable' : '404 Not Found';
      socket.end(`HTTP/1.1 ${status}\r\nconnection: close\r\ncontent-length: 0\r\n\r\n`);
      return;
    }
    const id = match[1];
    wss.handleUpgrade(request, socket, head, (ws) => startSession(ws, id, deps, options));
  }
  server.on('upgrade', onUpgrade);

  return {
    count: () => wss.clients.size,
    /** Closes every socket with 1001 and waits for them (a few seconds at most). */
    async close(): Promise<void> {
      closing = true;
      server.off('upgrade', onUpgrade);
      const closed = [...wss.clients].map(
        (ws) =>
          new Promise<void>((resolve) => {
            if (ws.readyState === ws.CLOSED) return resolve();
            ws.once('close', () => resolve());
            ws.close(CLOSE.goingAway, 'relay shutting down');
          }),
      );
      const deadline = new Promise<void>((resolve) => setTimeout(resolve, 3000).unref());
      await Promise.race([Promise.all(closed), deadline]);
      for (const ws of wss.clients) ws.terminate();
      await new Promise<void>((resolve) => wss.close(() => resolve()));
    },
  };
}
