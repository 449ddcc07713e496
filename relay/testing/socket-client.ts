import WebSocket from 'ws';
import type { RelayEvent, ServerMessage } from '../../protocol/index.ts';
import { serverMessageSchema } from '../../protocol/index.ts';

interface SocketOptions {
  /** Acknowledge each event (default true). */
  ack?: boolean;
  onEvent?: (event: RelayEvent) => void;
}

/**
 * A test extension on the relay's WebSocket: says hello after its cursor, collects events,
 * acknowledges each, and remembers how the socket closed.
 */
export function connectSocket(
  baseUrl: string,
  id: string,
  secret: string,
  after = 0,
  options: SocketOptions = {},
) {
  const events: RelayEvent[] = [];
  const messages: ServerMessage[] = [];
  let cursor = after;
  let closed: { code: number; reason: string } | undefined;
  const ws = new WebSocket(`${baseUrl.replace(/^http/, 'ws')}/v1/subscriptions/${id}/stream`);

  const opened = new Promise<void>((resolve, reject) => {
    ws.once('open', () => {
      ws.send(JSON.stringify({ type: 'hello', secret, after }));
      resolve();
    });
    ws.once('error', reject);
  });
  ws.on('message', (data) => {
    const message = serverMessageSchema.parse(JSON.parse(data.toString()));
    messages.push(message);
    if (message.type !== 'event') return;
    events.push(message.event);
    cursor = message.event.seq;
    options.onEvent?.(message.event);
    if (options.ack !== false) ws.send(JSON.stringify({ type: 'ack', seq: cursor }));
  });
  ws.on('close', (code, reason) => (closed = { code, reason: reason.toString() }));
  ws.on('error', () => undefined);

  return {
    ws,
    opened,
    events,
    messages,
    get cursor() {
      return cursor;
    },
    get closed() {
      return closed;
    },
    /** Ids of the posts received, in order (deletes left out). */
    postIds: () => postIds(events),
    close: () => ws.close(1000),
  };
}
export type TestSocket = ReturnType<typeof connectSocket>;

/**
 * A test extension that stays connected: whenever its socket closes it connects again after
 * the last event it applied, as the extension does across relay restarts.
 */
export function resilientSocket(baseUrl: string, id: string, secret: string) {
  const events: RelayEvent[] = [];
  const closes: number[] = [];
  let current: TestSocket | undefined;
  let cursor = 0;
  let stopped = false;

  function connect(): void {
    const socket = connectSocket(baseUrl, id, secret, cursor, {
      onEvent: (event) => {
        events.push(event);
        cursor = event.seq;
      },
    });
    current = socket;
    socket.opened.catch(() => undefined);
    socket.ws.on('close', (code) => {
      closes.push(code);
      if (!stopped) setTimeout(connect, 50);
    });
  }
  connect();

  return {
    events,
    closes,
    postIds: () => postIds(events),
    stop(): void {
      stopped = true;
      current?.close();
    },
  };
}

function postIds(events: readonly RelayEvent[]): string[] {
  return events.flatMap((e) => (e.type === 'post' ? [e.post.id] : []));
}
