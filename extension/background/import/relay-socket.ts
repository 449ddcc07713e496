import type { RelayEvent } from '../../../protocol/relay-events.ts';
import {
  PING_INTERVAL_SECONDS,
  serverMessageSchema,
  type ClientMessage,
} from '../../../protocol/relay-socket.ts';
import { RelayError } from './relay-error.ts';

/** The relay pings every 20 s; this long without a word means the connection is dead. */
const SILENCE_MS = (PING_INTERVAL_SECONDS * 2 + 10) * 1000;

/** The WebSocket constructor (the browser's; `ws` in unit tests). */
export type WebSocketLike = new (url: string) => WebSocket;

export interface SocketHandlers {
  /** The relay accepted the hello; `gap` when events after the cursor fell out of retention. */
  onReady(gap: boolean): void;
  /** An event, in order: the next is not handled before this one's promise settles. */
  onEvent(event: RelayEvent): Promise<void>;
}

export interface SocketSession {
  /** Sends an acknowledgement if the socket is open (a lost ack only means a redelivery). */
  ack(seq: number): void;
  /** Settles when the socket closes: how far it got, and why it closed. */
  closed: Promise<{ ready: boolean; error?: RelayError }>;
}

/**
 * One WebSocket to the relay's event stream: `hello` with the secret and the resume cursor,
 * then events in order until it closes. The relay's pings every 20 s keep an MV3 service
 * worker alive while the socket is open; silence past two pings closes it as dead.
 */
// TODO [2027-01-01]: that socket traffic keeps Firefox's event page alive is assumed, not
// tested (the e2e suite drives Chromium only); the 1-minute link alarm reopens it either way.
// Lift with a web-ext run test that idles the event page past 30 s with the socket open.
export function openSocket(
  Socket: WebSocketLike,
  url: string,
  hello: { secret: string; after: number },
  handlers: SocketHandlers,
  signal: AbortSignal,
): SocketSession {
  const socket = new Socket(url);
  let ready = false;
  let error: RelayError | undefined;
  let chain = Promise.resolve();
  let watchdog: ReturnType<typeof setTimeout> | undefined;

  const send = (message: ClientMessage) => {
    if (socket.readyState === socket.OPEN) socket.send(JSON.stringify(message));
  };
  const close = () => {
    if (socket.readyState === socket.CONNECTING || socket.readyState === socket.OPEN)
      socket.close();
  };
  const heard = () => {
    clearTimeout(watchdog);
    watchdog = setTimeout(close, SILENCE_MS);
  };
  const onAbort = () => close();
  // An already aborted signal never fires `abort`: close at once, or the socket would live on.
  if (signal.aborted) queueMicrotask(close);
  else signal.addEventListener('abort', onAbort, { once: true });

  socket.addEventListener('open', () => {
    heard();
    send({ type: 'hello', secret: hello.secret, after: hello.after });
  });

  socket.addEventListener('message', (message: MessageEvent) => {
    heard();
    const parsed = parse(message.data);
    if (!parsed) {
      error = new RelayError(
        'not-api',
        'The relay sent a message this version does not understand',
      );
      return close();
    }
    switch (parsed.type) {
      case 'ready':
        ready = true;
        return handlers.onReady(parsed.gap);
      case 'event':
        // Events are stored one after another, so the cursor never passes an unstored one.
        chain = chain.then(() => handlers.onEvent(parsed.event)).catch(() => close());
        return;
      case 'error':
        error = new RelayError('server', parsed.error);
        return close();
      default:
        return; // ping / pong: hearing them is all that matters
    }
  });

  const closed = new Promise<{ ready: boolean; error?: RelayError }>((resolve) => {
    socket.addEventListener('close', (event: CloseEvent) => {
      error ??= closeError(event.code, event.reason);
      clearTimeout(watchdog);
      signal.removeEventListener('abort', onAbort);
      // Let the events already received finish storing before the session counts as over.
      void chain.then(() => resolve({ ready, ...(error && { error }) }));
    });
  });

  return { ack: (seq) => send({ type: 'ack', seq }), closed };
}

function parse(data: unknown) {
  if (typeof data !== 'string') return undefined;
  try {
    const result = serverMessageSchema.safeParse(JSON.parse(data));
    return result.success ? result.data : undefined;
  } catch {
    return undefined;
  }
}

/**
 * What a close code says (relay/socket/close-codes.ts): 4401 (unknown subscription or wrong
 * secret) and 4404 (deleted) mean the relay no longer knows us; 1008 that we broke the
 * protocol. Every other close is a plain reconnect.
 */
function closeError(code: number, reason: string): RelayError | undefined {
  if (code === 4401 || code === 4404)
    return new RelayError('gone', reason || 'unknown subscription');
  if (code === 1008) return new RelayError('not-api', `The relay closed the link: ${reason}`);
  return undefined;
}
