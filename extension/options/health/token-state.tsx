import type { XAccount } from '../../shared/db-schema.ts';
import { clock, useNow } from './use-now.ts';

/** The X access token's state in words: valid until when, being renewed, or refused. */
export function XTokenState({ account }: { account: XAccount }) {
  const now = useNow();

  if (account.state === 'reconnect') {
    return (
      <p class="warning">
        X refused to renew the bridge's access: click “Connect X account” to reconnect. Nothing goes
        to X until then.
      </p>
    );
  }
  if (!account.refreshToken) {
    return <p>Access token valid until {clock(account.expiresAt)}; X gave no way to renew it.</p>;
  }
  return account.expiresAt > now ? (
    <p>Access token valid until {clock(account.expiresAt)}; it is renewed by itself.</p>
  ) : (
    <p>Access token expired at {clock(account.expiresAt)}; it is renewed when next needed.</p>
  );
}
