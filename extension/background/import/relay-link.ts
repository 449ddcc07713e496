import type { RelayEvent } from '../../../protocol/relay-events.ts';
import type { Db } from '../../shared/db.ts';
import type { ActivityEntry } from '../../shared/db-schema.ts';
import type { RelayLinkState } from '../../shared/relay-state.ts';
import { abortableSleep, backoffDelay, RELAY_BACKOFF } from './backoff.ts';
import { ackableSeq } from './inbox.ts';
import { createRelayClient, type RelayClient } from './relay-client.ts';
import { RelayError } from './relay-error.ts';
import { pollEvents } from './relay-poll.ts';
import { openSocket, type WebSocketLike } from './relay-socket.ts';
import {
  advanceCursor,
  ensureSubscription,
  forgetSubscription,
  loadCursor,
  type StoredSubscription,
} from './relay-subscription.ts';

/** After this many sockets in a row that never became ready, long-poll instead... */
const SOCKET_FAILURES_BEFORE_POLLING = 3;
/** ...for this long, then try the socket again. */
const POLLING_SPELL_MS = 10 * 60_000;

export interface RelayLinkDeps {
  db: () => Promise<Db>;
  /** The relay to use, or undefined while import is off or not set up. */
  relay: () => Promise<{ url: string; admissionCode: string } | undefined>;
  /** Stores an event in the inbox (and starts applying it). */
  onEvent: (event: RelayEvent) => Promise<void>;
  setState: (state: Omit<RelayLinkState, 'since'>) => Promise<void>;
  log: (line: Omit<ActivityEntry, 'id' | 'at'>) => Promise<void>;
  /** Called once a subscription exists: sends the follows when they are due (in the background). */
  onSubscribed: (relay: RelayClient, subscription: StoredSubscription) => void;
  keepAlive: () => Promise<void>;
  WebSocket: WebSocketLike;
  sleep?: (ms: number, signal: AbortSignal) => Promise<void>;
}

/**
 * The link to the relay: registers on first use, keeps a WebSocket open (reconnecting with
 * backoff and jitter, resuming from the acknowledged cursor), long-polls when sockets keep
 * failing, and acknowledges events only as far as the inbox has resolved them.
 */
export function createRelayLink(deps: RelayLinkDeps) {
  const sleep = deps.sleep ?? abortableSleep;
  /** The open connection's state; `signal` tells whose it is when a restart overlaps a run. */
  let session:
    | {
        signal: AbortSignal;
        subscription: StoredSubscription;
        received: number;
        sendAck: (seq: number) => void;
      }
    | undefined;
  let acking: Promise<void> = Promise.resolve();
  let lastLogged: string | undefined;

  /** Stores an event, then lets the cursor move past it if it is resolved (a duplicate). */
  async function receive(event: RelayEvent): Promise<void> {
    await deps.onEvent(event);
    if (session) session.received = Math.max(session.received, event.seq);
    void acknowledge();
  }

  /** Moves the cursor as far as the inbox allows and tells the relay. Serialised. */
  function acknowledge(): Promise<void> {
    acking = acking
      .then(async () => {
        const current = session;
        if (!current) return;
        const db = await deps.db();
        const cursor = await loadCursor(db, current.subscription.id);
        const ackable = await ackableSeq(db, cursor, current.received);
        if (ackable <= cursor) return;
        await advanceCursor(db, current.subscription.id, ackable);
        current.sendAck(ackable);
      })
      .catch(() => undefined); // the next resolution acknowledges again
    return acking;
  }

  /** One connection: `off` when import is not set up, else whether the relay said ready. */
  async function connectOnce(
    signal: AbortSignal,
    socketFailures: number,
  ): Promise<'off' | 'ready' | 'failed'> {
    const target = await deps.relay();
    if (!target) {
      await deps.setState({ state: 'off' });
      return 'off';
    }
    const db = await deps.db();
    const relay = createRelayClient({ url: target.url });
    await deps.setState({
      state: 'connecting',
      detail: `Connecting to ${new URL(relay.url).host}`,
    });
    const subscription = await ensureSubscription(db, relay, target.admissionCode);
    deps.onSubscribed(relay, subscription);
    const after = await loadCursor(db, subscription.id);
    if (signal.aborted) return 'failed';

    let ready = false;
    const onReady = (gap: boolean) => {
      ready = true;
      void deps.setState({ state: 'connected' });
      if (gap) {
        void deps.log({
          level: 'warn',
          area: 'relay',
          message: 'Some posts were lost: the browser was away longer than the relay keeps posts.',
        });
      }
    };

    if (socketFailures >= SOCKET_FAILURES_BEFORE_POLLING) {
      const ack = (seq: number) => void relay.ack(subscription, seq).catch(() => undefined);
      session = { signal, subscription, received: after, sendAck: ack };
      const handlers = { onReady, onEvent: receive, keepAlive: deps.keepAlive };
      try {
        await pollEvents(
          relay,
          subscription,
          after,
          handlers,
          Date.now() + POLLING_SPELL_MS,
          signal,
        );
      } catch (error) {
        // The same 401 answers an unknown subscription and a wrong secret: either way, it is lost.
        if (error instanceof RelayError && error.kind === 'auth') {
          throw new RelayError('gone', error.serviceMessage, error.status);
        }
        throw error;
      }
      // The spell is over: count it as a socket failure no more, so the socket is tried again.
      return 'ready';
    }

    const url = relay.streamUrl(subscription);
    const hello = { secret: subscription.secret, after };
    const socket = openSocket(deps.WebSocket, url, hello, { onReady, onEvent: receive }, signal);
    session = { signal, subscription, received: after, sendAck: socket.ack };
    const end = await socket.closed;
    if (end.error) throw end.error;
    return ready ? 'ready' : 'failed';
  }

  /** Runs the link until `signal` aborts or import is turned off. */
  async function run(signal: AbortSignal): Promise<void> {
    let failures = 0;
    let socketFailures = 0;
    const release = () => {
      if (session?.signal === signal) session = undefined;
    };
    while (!signal.aborted) {
      let reason = 'The relay closed the link.';
      let fatal = false;
      try {
        const result = await connectOnce(signal, socketFailures);
        if (result === 'off') break;
        if (result === 'ready') {
          failures = 0;
          socketFailures = 0;
        } else {
          socketFailures++;
        }
      } catch (error) {
        if (signal.aborted) break;
        ({ reason, fatal } = await onError(error));
      }
      release();
      if (signal.aborted) break;
      const wait = backoffDelay(failures++, RELAY_BACKOFF);
      const detail = `${reason} Trying again in ${Math.ceil(wait / 1000)} s.`;
      await deps.setState({ state: fatal ? 'error' : 'backoff', detail });
      await sleep(wait, signal);
    }
    release();
  }

  /** Handles a failed attempt: what to tell the user, and whether it needs them. */
  async function onError(error: unknown): Promise<{ reason: string; fatal: boolean }> {
    const message = error instanceof Error ? error.message : String(error);
    const reason = message.endsWith('.') ? message : `${message}.`;
    if (error instanceof RelayError && error.kind === 'gone') {
      // The relay forgot us (its data was reset): register again on the next attempt.
      await forgetSubscription(await deps.db());
      const words = `The relay no longer knows this browser (${message}); registering again.`;
      await deps.log({ level: 'warn', area: 'relay', message: words });
      return { reason: 'Registering again.', fatal: false };
    }
    if (error instanceof RelayError && !error.retryable) {
      // Said once: the link keeps trying (the operator may fix it), but the log is not flooded.
      if (message !== lastLogged) await deps.log({ level: 'error', area: 'relay', message });
      lastLogged = message;
      return { reason, fatal: true };
    }
    return { reason, fatal: false };
  }

  return { run, acknowledge };
}

export type RelayLink = ReturnType<typeof createRelayLink>;
