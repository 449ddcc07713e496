import type { RelayEvent } from '../../../protocol/relay-events.ts';
import type { RelayClient, SubscriptionCredentials } from './relay-client.ts';

/** How long the relay holds each poll open; short enough for a worker kept alive between. */
const WAIT_SECONDS = 20;
/** An empty answer faster than this is followed by a pause of this long. */
const MIN_POLL_MS = 1_000;

export interface PollHandlers {
  onReady(gap: boolean): void;
  onEvent(event: RelayEvent): Promise<void>;
  /**
   * Called before each poll. An open fetch does not keep an MV3 worker alive the way socket
   * messages do; an extension API call does, so the caller makes one here.
   */
  keepAlive(): Promise<void>;
}

/**
 * The long-poll fallback for networks that break WebSockets (some proxies): reads events after
 * `after` until `until` (then the caller tries the socket again) or the signal aborts. Errors
 * are thrown to the caller's backoff. Acks go separately, by `POST .../ack`.
 */
// TODO [2027-01-01]: the long-poll fallback is tested against a fake relay in Node only, not in
// a browser behind a socket-breaking proxy. Lift with an e2e case that refuses the upgrade.
export async function pollEvents(
  relay: RelayClient,
  subscription: SubscriptionCredentials,
  after: number,
  handlers: PollHandlers,
  until: number,
  signal: AbortSignal,
): Promise<void> {
  let position = after;
  let first = true;
  while (!signal.aborted && Date.now() < until) {
    await handlers.keepAlive();
    const started = Date.now();
    const page = await relay.events(subscription, position, WAIT_SECONDS, signal);
    // A proxy that answers at once instead of holding the poll must not make this a busy loop.
    if (page.events.length === 0 && Date.now() - started < MIN_POLL_MS) {
      await new Promise((resolve) => setTimeout(resolve, MIN_POLL_MS));
    }
    if (first || page.gap) handlers.onReady(page.gap);
    first = false;
    for (const event of page.events) await handlers.onEvent(event);
    position = page.cursor;
  }
}
