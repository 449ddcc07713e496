import { useAccounts } from '../accounts/use-accounts.ts';
import { RateLimitWaits } from './rate-limit-waits.tsx';
import { RelayLinkStatus } from './relay-link-status.tsx';
import { XTokenState } from './token-state.tsx';

/**
 * What the bridge is doing and what holds it up: the X token, the relay link, rate-limit and
 * backoff waits. The outbox, the imports and the activity log follow it on the page.
 */
export function HealthSection() {
  const accounts = useAccounts();

  return (
    <section aria-labelledby="health-summary-heading">
      <h2 id="health-summary-heading">Activity and health</h2>
      <h3>X access</h3>
      {accounts?.x ? <XTokenState account={accounts.x} /> : <p>No X account is connected.</p>}
      <h3>Relay</h3>
      <RelayLinkStatus />
      <h3>Waits</h3>
      <RateLimitWaits />
    </section>
  );
}
