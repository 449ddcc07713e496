import { setImmediate as yieldToLoop } from 'node:timers/promises';
import type { WebSocket } from 'ws';
import type { ServerMessage } from '../../protocol/index.ts';
import { clientMessageSchema } from '../../protocol/index.ts';
import { verifySecret } from '../auth/secrets.ts';
import type { RelayDeps } from '../http/deps.ts';
import { describeIssues } from '../http/http-error.ts';
import { CLOSE } from './close-codes.ts';
import type { EventFrame } from '../store/store.ts';
import type { SessionOptions } from './session-options.ts';

/**
 * One extension's WebSocket: waits for `hello`, replays the backlog after the client's
 * cursor a page at a time, then sends live events as the hub signals them. Events are
 * always read from the log after `sent`, so replay and live are one path, and a client
 * whose buffer fills up is simply paused and resumed from where it was.
 */
export function startSession(
  ws: WebSocket,
  subscriptionId: string,
  deps: RelayDeps,
  options: SessionOptions,
) {
  const { store, hub, metrics, logger } = deps;
  let phase: 'hello' | 'live' | 'closed' = 'hello';
  let sent = 0;
  let pumping = false;
  let again = false;
  /** Everything the log held for us is sent, and every publish since was handled (onEvents). */
  let synced = false;
  let paused: NodeJS.Timeout | undefined;
  let alive = true;
  let unlisten: (() => void) | undefined;

  metrics.sockets.inc();
  const helloTimer = setTimeout(
    () => close(CLOSE.policy, 'hello expected within 10 s'),
    options.helloTimeoutMs,
  );
  const pingTimer = setInterval(ping, options.pingIntervalMs);

  ws.on('message', (data) => {
    try {
      onMessage(data.toString());
    } catch (error) {
      logger.error({ err: error, subscriptionId }, 'socket message failed');
      close(CLOSE.internal, 'internal error');
    }
  });
  ws.on('pong', () => (alive = true));
  ws.on('error', (error) => logger.debug({ err: error, subscriptionId }, 'socket error'));
  ws.on('close', (code) => {
    phase = 'closed';
    clearTimeout(helloTimer);
    clearInterval(pingTimer);
    clearInterval(paused);
    unlisten?.();
    metrics.sockets.dec();
    logger.debug({ subscriptionId, code, sent }, 'socket closed');
  });

  function onMessage(text: string): void {
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch {
      return close(CLOSE.policy, 'messages must be JSON');
    }
    const parsed = clientMessageSchema.safeParse(json);
    if (!parsed.success)
      return close(CLOSE.policy, describeIssues(parsed.error, 'message').slice(0, 120));
    const message = parsed.data;

    if (message.type === 'ping') return send({ type: 'pong' });
    if (message.type === 'hello') return hello(message.secret, message.after);
    if (phase !== 'live') return close(CLOSE.policy, 'hello first');
    store.acknowledge(subscriptionId, message.seq);
  }

  function hello(secret: string, after: number): void {
    if (phase !== 'hello') return close(CLOSE.policy, 'hello was already sent');
    clearTimeout(helloTimer);
    const record = verifySecret(store, subscriptionId, secret)
      ? store.subscription(subscriptionId)
      : undefined;
    if (!record) return close(CLOSE.unauthorized, 'unauthorized');

    phase = 'live';
    sent = after;
    send({
      type: 'ready',
      gap: after < record.lostThroughSeq,
      oldestSeq: store.logBounds().oldestSeq,
    });
    unlisten = hub.listen(subscriptionId, (signal, frame) => {
      if (signal === 'events') onEvents(frame);
      else if (signal === 'gone') close(CLOSE.gone, 'subscription deleted');
      else close(CLOSE.goingAway, 'relay shutting down');
    });
    logger.debug({ subscriptionId, after }, 'socket ready');
    void pump();
  }

  /**
   * New events for this subscription. The hub publishes every append at once and in log
   * order, so a socket that has sent all the log held when its last read found it caught up
   * (`synced`) has missed nothing since: it sends the new event as it comes, without reading
   * the log. Any other socket reads the log from its cursor.
   */
  function onEvents(frame: EventFrame | undefined): void {
    if (!frame || !synced || pumping || paused || phase !== 'live') return void pump();
    if (frame.seq <= sent) return;
    sendText(frame.frame);
    sent = frame.seq;
    metrics.eventsOut.inc({ transport: 'ws' });
    if (ws.bufferedAmount > options.highWaterBytes) pause();
  }

  /** Sends what the log holds after `sent`, a page at a time, until caught up or paused. */
  async function pump(): Promise<void> {
    if (phase !== 'live' || paused) return;
    if (pumping) {
      again = true;
      return;
    }
    pumping = true;
    synced = false;
    try {
      do {
        again = false;
        for (;;) {
          const events = store.readEventFrames(subscriptionId, sent, options.pageSize);
          for (const { seq, frame } of events) {
            sendText(frame);
            sent = seq;
          }
          metrics.eventsOut.inc({ transport: 'ws' }, events.length);
          if (ws.bufferedAmount > options.highWaterBytes) return pause();
          if (events.length < options.pageSize) {
            // Caught up, and nothing can be appended before this function returns.
            synced = !again;
            break;
          }
          // Between pages, let the stream and the other sockets have their turn.
          await yieldToLoop();
          if (phase !== 'live') return;
        }
      } while (again);
    } finally {
      pumping = false;
    }
  }

  function pause(): void {
    synced = false;
    const since = Date.now();
    logger.debug(
      { subscriptionId, buffered: ws.bufferedAmount },
      'socket paused: client reads slowly',
    );
    paused = setInterval(() => {
      if (ws.bufferedAmount <= options.lowWaterBytes) {
        clearInterval(paused);
        paused = undefined;
        void pump();
      } else if (Date.now() - since > options.stuckMs) {
        clearInterval(paused);
        close(CLOSE.tryAgainLater, 'too far behind; reconnect and resume from your cursor');
      }
    }, 50);
  }

  function ping(): void {
    // A protocol ping finds dead peers (browsers answer it without the page's help)...
    if (!alive) return void ws.terminate();
    alive = false;
    ws.ping();
    // ...and the message keeps an MV3 service worker awake (protocol/relay-socket.ts).
    if (phase === 'live') send({ type: 'ping', at: Date.now() });
  }

  function send(message: ServerMessage): void {
    sendText(JSON.stringify(message));
  }

  /** A message already written as text: an event frame from the log or the hub. */
  function sendText(text: string): void {
    if (ws.readyState === ws.OPEN) ws.send(text);
  }

  function close(code: number, reason: string): void {
    if (phase === 'closed') return;
    phase = 'closed';
    ws.close(code, reason);
  }
}
