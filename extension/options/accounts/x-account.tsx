import { useState } from 'preact/hooks';
import type { XAccount } from '../../shared/db-schema.ts';
import { sendMessage } from '../../shared/messages.ts';
import { loadSettings } from '../../shared/settings.ts';
import { XTokenState } from '../health/token-state.tsx';
import { FormMessage } from '../settings/field.tsx';
import { httpOrigin, requestOrigin } from '../settings/request-origin.ts';
import { XAdvancedSettings } from '../settings/x-advanced-settings.tsx';
import { useStored } from '../use-stored.ts';

/**
 * The X account: connect it through X's own consent window, see who it is and how its token
 * fares, check it, disconnect it (which revokes the tokens at X).
 */
export function XAccountPanel({ account }: { account: XAccount | undefined }) {
  const settings = useStored(['settings'], loadSettings);
  const [busy, setBusy] = useState<string>();
  const [error, setError] = useState<string>();
  const [done, setDone] = useState('');

  async function run(doing: string, action: () => Promise<string>) {
    setBusy(doing);
    setError(undefined);
    setDone('');
    try {
      setDone(await action());
    } catch (failure) {
      setError(failure instanceof Error ? failure.message : String(failure));
    } finally {
      setBusy(undefined);
    }
  }

  function connect() {
    // In the click, before any await: token calls need the API's origin (granted at once when
    // it is X's own, or was allowed when the API base was saved).
    const origin = settings && httpOrigin(settings.x.apiBase);
    const granted = origin ? requestOrigin(origin) : Promise.resolve(true);
    void run('Waiting for X: approve the bridge in the window X opened…', async () => {
      if (!(await granted)) throw new Error(`The bridge needs access to ${origin} to talk to X.`);
      const me = await sendMessage('accounts/x-connect', {});
      return `Connected as @${me.screenName}.`;
    });
  }

  return (
    <section aria-labelledby="x-account-heading" class="account">
      <h3 id="x-account-heading">X account</h3>
      {account ? (
        <>
          <p role="status" aria-label="X connection">
            Connected as{' '}
            <a href={`https://x.com/${account.username}`} target="_blank" rel="noreferrer">
              @{account.username}
            </a>
            {account.name && ` (${account.name})`}.
          </p>
          <XTokenState account={account} />
        </>
      ) : (
        <p>
          Not connected. X will ask you to sign in and to allow the bridge to post, repost and like
          for you, and to read whom you follow.
        </p>
      )}
      {(!account || account.state === 'reconnect') && (
        <button type="button" disabled={!!busy || !settings} onClick={connect}>
          Connect X account
        </button>
      )}
      {account && (
        <>
          <button
            type="button"
            disabled={!!busy}
            onClick={() =>
              void run('Asking X…', async () => {
                const me = await sendMessage('accounts/x-check', {});
                return `X confirms the bridge acts as @${me.screenName}.`;
              })
            }
          >
            Check connection
          </button>
          <button
            type="button"
            disabled={!!busy}
            onClick={() =>
              void run('Revoking…', async () => {
                const { revoked } = await sendMessage('accounts/x-disconnect', {});
                return revoked
                  ? 'Disconnected: X revoked the bridge’s access.'
                  : 'Disconnected here, but X could not be told: revoke the bridge at x.com/settings/connected_apps.';
              })
            }
          >
            Disconnect
          </button>
        </>
      )}
      <FormMessage error={error} done={busy ?? done} label="X account result" />
      <XAdvancedSettings />
    </section>
  );
}
