import type { EventFrame } from '../store/store.ts';

/** What a listener is told: new events, its subscription was deleted, or the relay stops. */
export type HubSignal = 'events' | 'gone' | 'closing';
/** With `events`, the one new event as its socket message, when the publisher has it. */
type Listener = (signal: HubSignal, frame?: EventFrame) => void;

/**
 * Wakes whoever waits on a subscription (sockets, long-polls) when the log gains events for
 * it. It holds no events: a woken reader reads the log from its own cursor, so a slow reader
 * never holds a backlog in memory. It may hand over the one event just appended, already
 * written as a frame, which a socket that is caught up sends without reading the log.
 */
export function createEventHub() {
  const listeners = new Map<string, Set<Listener>>();

  function listen(id: string, listener: Listener): () => void {
    let set = listeners.get(id);
    if (!set) listeners.set(id, (set = new Set()));
    set.add(listener);
    return () => {
      set.delete(listener);
      if (set.size === 0 && listeners.get(id) === set) listeners.delete(id);
    };
  }

  function tell(id: string, signal: HubSignal, frame?: EventFrame): void {
    // A copy: listeners unsubscribe while being told.
    for (const listener of [...(listeners.get(id) ?? [])]) listener(signal, frame);
  }

  /** Waits for the next signal for `id`, at most `timeoutMs`, or until `abort` fires. */
  function wait(id: string, timeoutMs: number, abort: AbortSignal) {
    return new Promise<HubSignal | 'timeout'>((resolve) => {
      const done = (result: HubSignal | 'timeout') => {
        clearTimeout(timer);
        stop();
        abort.removeEventListener('abort', onAbort);
        resolve(result);
      };
      const onAbort = () => done('closing');
      const stop = listen(id, done);
      const timer = setTimeout(() => done('timeout'), timeoutMs);
      if (abort.aborted) done('closing');
      else abort.addEventListener('abort', onAbort, { once: true });
    });
  }

  return {
    listen,
    wait,
    /** How many listen to `id` now (sockets and long-polls); for health and tests. */
    listeners: (id: string) => listeners.get(id)?.size ?? 0,
    /**
     * New events were appended for these subscriptions: with `frame`, exactly that one event,
     * published right after its append (every append is), so readers see them in log order.
     */
    publish: (ids: readonly string[], frame?: EventFrame) =>
      ids.forEach((id) => tell(id, 'events', frame)),
    /** The subscription was deleted. */
    gone: (id: string) => tell(id, 'gone'),
    /** The relay is stopping: every waiter lets go. */
    closeAll: () => [...listeners.keys()].forEach((id) => tell(id, 'closing')),
  };
}
export type EventHub = ReturnType<typeof createEventHub>;
