import { readRelayState, type RelayLinkState } from '../../shared/relay-state.ts';
import { useStored } from '../use-stored.ts';
import { dateTime } from './use-now.ts';

const WORDS: Record<RelayLinkState['state'], string> = {
  off: 'Off',
  connecting: 'Connecting',
  connected: 'Connected',
  backoff: 'Waiting to reconnect',
  error: 'Needs attention',
};

/** The link to the relay as the import side last recorded it, updated live. */
export function RelayLinkStatus() {
  const link = useStored(['health', 'settings'], readRelayState);
  if (!link) return null;

  return (
    <p role="status" aria-label="Relay link" class={link.state === 'error' ? 'warning' : undefined}>
      <strong>Relay link: {WORDS[link.state]}</strong>
      {link.since > 0 && ` since ${dateTime(link.since)}`}
      {link.detail && `. ${link.detail}`}
      {link.lastEventAt !== undefined && `. Last post received ${dateTime(link.lastEventAt)}`}
      {link.backlog ? `. ${link.backlog} posts waiting to be written to StatusNet` : ''}.
    </p>
  );
}
