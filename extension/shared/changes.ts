/**
 * Tells every open extension page that stored state changed, so the options page updates live.
 * BroadcastChannel reaches pages from the service worker (Chrome) and the event page (Firefox)
 * without waking anything that is not already running.
 */
export type ChangeTopic = 'accounts' | 'settings' | 'outbox' | 'imports' | 'activity' | 'health';

const CHANNEL = 'bridge-changes';
let channel: BroadcastChannel | undefined;

export function notifyChanged(topic: ChangeTopic): void {
  channel ??= new BroadcastChannel(CHANNEL);
  channel.postMessage(topic);
}

/** Calls `onChange` for each change until `signal` aborts. */
export function onChanged(onChange: (topic: ChangeTopic) => void, signal: AbortSignal): void {
  const listener = new BroadcastChannel(CHANNEL);
  listener.onmessage = (event: MessageEvent<ChangeTopic>) => onChange(event.data);
  signal.addEventListener('abort', () => listener.close(), { once: true });
}
