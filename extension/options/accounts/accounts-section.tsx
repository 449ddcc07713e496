import { StatusNetAccountPanel } from './statusnet-account.tsx';
import { useAccounts } from './use-accounts.ts';
import { XAccountPanel } from './x-account.tsx';

/** The three accounts the bridge works with, each connected (and checked) on its own. */
export function AccountsSection() {
  const accounts = useAccounts();

  return (
    <section aria-labelledby="accounts-heading">
      <h2 id="accounts-heading">Accounts</h2>
      {accounts === undefined ? (
        <p>Loading…</p>
      ) : (
        <>
          <StatusNetAccountPanel role="statusnet" account={accounts.statusnet} />
          <XAccountPanel account={accounts.x} />
          <StatusNetAccountPanel role="import" account={accounts.import} />
        </>
      )}
    </section>
  );
}
