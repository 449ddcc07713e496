import type { AddressInfo } from 'node:net';
import { WebSocketServer, type WebSocket } from 'ws';
import { serveParent } from './child.ts';

/**
 * The fan-out baseline: a bare `ws` server in a process of its own that sends each post it is
 * given (one JSON text, the relay's own event message) to the sockets of the subscriptions
 * following its author, from an in-memory map. No log, no cursor, no acknowledgement, no
 * authentication: what any WebSocket fan-out must pay, and nothing more. It answers the
 * client's `hello` with `ready` so that the clients are the same for both servers.
 */
const sockets = new Map<string, WebSocket>();
let followers = new Map<string, string[]>();

const server = new WebSocketServer({ host: '127.0.0.1', port: 0, perMessageDeflate: false });
await new Promise<void>((resolve) => server.once('listening', () => resolve()));

server.on('connection', (ws, request) => {
  const id = /^\/s\/([^/]+)$/.exec(request.url ?? '')?.[1];
  if (!id) return ws.close(1008, 'unknown path');
  sockets.set(id, ws);
  ws.on('message', (data) => {
    if (data.toString().startsWith('{"type":"hello"'))
      ws.send(JSON.stringify({ type: 'ready', gap: false, oldestSeq: 0 }));
  });
  ws.on('close', () => sockets.delete(id));
});

// listen() succeeded on a TCP host, so address() is an AddressInfo.
const { port } = server.address() as AddressInfo;
const collect = (globalThis as { gc?: () => void }).gc;

serveParent({ url: `ws://127.0.0.1:${port}` }, (message) => {
  if (message['type'] === 'post') {
    const text = message['text'] as string;
    for (const id of followers.get(message['authorId'] as string) ?? [])
      sockets.get(id)?.send(text);
    return undefined;
  }
  if (message['type'] === 'follows') {
    followers = new Map(message['followers'] as [string, string[]][]);
    return { ok: true };
  }
  if (message['type'] === 'stats') {
    collect?.();
    return { memory: process.memoryUsage(), sockets: sockets.size };
  }
  return undefined;
});
