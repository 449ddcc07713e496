import type { Db } from '../../shared/db.ts';
import type { StatusNetAccount, XAccount } from '../../shared/db-schema.ts';
import { notifyChanged } from '../../shared/changes.ts';

/** The user's StatusNet account, or the import account, when connected. */
export async function getStatusNetAccount(
  db: Db,
  role: StatusNetAccount['role'],
): Promise<StatusNetAccount | undefined> {
  const account = await db.get('accounts', role);
  return account?.role === role ? (account as StatusNetAccount) : undefined;
}

export async function getXAccount(db: Db): Promise<XAccount | undefined> {
  const account = await db.get('accounts', 'x');
  return account?.role === 'x' ? account : undefined;
}

export async function putAccount(db: Db, account: StatusNetAccount | XAccount): Promise<void> {
  await db.put('accounts', account);
  notifyChanged('accounts');
}
