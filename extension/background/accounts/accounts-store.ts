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

/** Forgets an account and its credentials. */
export async function deleteAccount(db: Db, role: (StatusNetAccount | XAccount)['role']) {
  await db.delete('accounts', role);
  notifyChanged('accounts');
}

/**
 * Rewrites the stored X account in one transaction, but only while it is still `userId`'s: a
 * refresh that ends after the user disconnected (or connected someone else) must not bring
 * the old account back. Returns the stored value, or undefined when nothing was written.
 */
export async function updateXAccount(
  db: Db,
  userId: string,
  change: (current: XAccount) => XAccount,
): Promise<XAccount | undefined> {
  const tx = db.transaction('accounts', 'readwrite');
  const current = await tx.store.get('x');
  if (current?.role !== 'x' || current.userId !== userId) {
    await tx.done;
    return undefined;
  }
  const next = change(current);
  await tx.store.put(next);
  await tx.done;
  notifyChanged('accounts');
  return next;
}
