import { useState } from 'preact/hooks';
import type { StatusNetAccount } from '../../shared/db-schema.ts';
import { sendMessage } from '../../shared/messages.ts';
import { FormMessage } from '../settings/field.tsx';
import { StatusNetConnectForm } from './statusnet-connect-form.tsx';

const TITLES = { statusnet: 'StatusNet account', import: 'Import account' } as const;

/**
 * One StatusNet account: who it is connected as, or the form to connect it. The import
 * account is warned about until its stream is private.
 */
export function StatusNetAccountPanel(props: {
  role: StatusNetAccount['role'];
  account: StatusNetAccount | undefined;
}) {
  const { role, account } = props;
  const heading = `${role}-account-heading`;

  return (
    <section aria-labelledby={heading} class="account">
      <h3 id={heading}>{TITLES[role]}</h3>
      {role === 'statusnet' ? (
        <p class="hint">Your own account: its notices, repeats and favourites go to X.</p>
      ) : (
        <p class="hint">
          A second account on a StatusNet site that posts from X are written as. Follow it from your
          own account to read them.
        </p>
      )}
      {account ? <Connected account={account} /> : <StatusNetConnectForm role={role} />}
    </section>
  );
}

function Connected({ account }: { account: StatusNetAccount }) {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string>();
  const host = new URL(account.apiBase).host;

  async function run(action: () => Promise<unknown>) {
    setBusy(true);
    setError(undefined);
    try {
      await action();
    } catch (failure) {
      setError(failure instanceof Error ? failure.message : String(failure));
    } finally {
      setBusy(false);
    }
  }

  return (
    <>
      <p role="status">
        Connected as{' '}
        <a href={account.profileUrl} target="_blank" rel="noreferrer">
          {account.screenName}
        </a>
        {account.name && account.name !== account.screenName && ` (${account.name})`} on {host},
        signed in with {account.auth.kind === 'basic' ? 'a password' : 'OAuth'}.
      </p>
      {account.role === 'import' && !account.protected && (
        <p class="warning">
          <strong>Warning:</strong> this account's stream is public, so imported posts would
          federate as if they had been written on your site. Make the import account's stream
          private in its settings (Settings, then Profile: “Private stream”), then click Check
          again.
        </p>
      )}
      <button
        type="button"
        disabled={busy}
        onClick={() =>
          void run(() => sendMessage('accounts/statusnet-check', { role: account.role }))
        }
      >
        Check again
      </button>
      <button
        type="button"
        disabled={busy}
        onClick={() =>
          void run(() => sendMessage('accounts/statusnet-disconnect', { role: account.role }))
        }
      >
        Disconnect
      </button>
      <FormMessage error={error} />
    </>
  );
}
