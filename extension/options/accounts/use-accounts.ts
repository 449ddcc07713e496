import type { StatusNetAccount, XAccount } from '../../shared/db-schema.ts';
import { useStored } from '../use-stored.ts';

export interface ConnectedAccounts {
  statusnet?: StatusNetAccount;
  import?: StatusNetAccount;
  x?: XAccount;
}

/** The connected accounts, live. The page shows who they are; their secrets stay unread. */
export function useAccounts(): ConnectedAccounts | undefined {
  return useStored(['accounts'], async (db) => {
    const accounts: ConnectedAccounts = {};
    for (const account of await db.getAll('accounts')) {
      if (account.role === 'x') accounts.x = account;
      // The role is the key: a StatusNet account is stored under its own role.
      else accounts[account.role] = account;
    }
    return accounts;
  });
}
