import { performance } from 'node:perf_hooks';
import { WebSocket } from 'ws';

/**
 * Many subscribers' sockets in the bench process, the same code against the relay and the bare
 * baseline: each says `hello`, waits for `ready`, reports every post event it receives with the
 * time it arrived, and acknowledges it as an extension does. Messages are scanned rather than
 * parsed: the clients should cost as little as possible, since they share a core.
 */
export interface SocketClients {
  count: number;
  close(): void;
}

export interface ClientOptions {
  /** One URL per subscriber, and its hello secret (any string for the baseline). */
  urls: readonly string[];
  secrets: readonly string[];
  /** The subscriber index of `urls[0]` (default 0), as `onPost` reports it. */
  offset?: number;
  /** A post event arrived; `marker` is the `bench:` token in the post's text. */
  onPost(subscriber: number, marker: string, at: number): void;
  /** Sockets opening at once (default 100). */
  concurrency?: number;
}

const MARKER = /bench:([A-Za-z0-9-]+)/;
const SEQ = /"seq":(\d+)/;

/** The token that identifies a benchmark post in its text. */
export const markerText = (marker: string) => `bench:${marker}`;

function openOne(index: number, options: ClientOptions): Promise<WebSocket> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(options.urls[index]!, { perMessageDeflate: false });
    ws.once('error', reject);
    ws.on('open', () =>
      ws.send(JSON.stringify({ type: 'hello', secret: options.secrets[index], after: 0 })),
    );
    ws.on('message', (data) => {
      const text = data.toString();
      if (text.startsWith('{"type":"ready"')) return resolve(ws);
      if (!text.startsWith('{"type":"event"')) return;
      const at = performance.now();
      const marker = MARKER.exec(text)?.[1];
      if (marker) options.onPost((options.offset ?? 0) + index, marker, at);
      const seq = SEQ.exec(text)?.[1];
      if (seq) ws.send(`{"type":"ack","seq":${seq}}`);
    });
  });
}

export async function openClients(options: ClientOptions): Promise<SocketClients> {
  const sockets: WebSocket[] = [];
  let next = 0;
  const worker = async () => {
    while (next < options.urls.length) {
      const index = next++;
      sockets[index] = await openOne(index, options);
    }
  };
  try {
    await Promise.all(Array.from({ length: options.concurrency ?? 100 }, worker));
  } catch (error) {
    for (const ws of sockets) ws?.terminate();
    throw error;
  }
  return {
    count: sockets.length,
    close: () => sockets.forEach((ws) => ws.terminate()),
  };
}
