import type { Db } from '../../shared/db.ts';
import { logActivity } from '../../shared/activity.ts';
import type { RelayClient, SubscriptionCredentials } from './relay-client.ts';

/** The relay subscription, kept in kv `relaySubscription`. The secret never leaves IndexedDB but to its relay. */
export interface StoredSubscription extends SubscriptionCredentials {
  /** The relay it belongs to: a subscription is worthless at another relay. */
  relayUrl: string;
  registeredAt: number;
  /** When the follows were last sent, for which X account, and how many. */
  followsSyncedAt?: number;
  xUserId?: string;
  follows?: number;
}

/** Where to resume: the newest sequence number whose events all exist in StatusNet. */
export interface StoredCursor {
  subscriptionId: string;
  seq: number;
}

const SUBSCRIPTION = 'relaySubscription';
const CURSOR = 'relayCursor';

export async function loadSubscription(
  db: Db,
  relayUrl: string,
): Promise<StoredSubscription | undefined> {
  const stored = (await db.get('kv', SUBSCRIPTION)) as StoredSubscription | undefined;
  return stored?.relayUrl === relayUrl ? stored : undefined;
}

export async function saveSubscription(db: Db, subscription: StoredSubscription): Promise<void> {
  await db.put('kv', subscription, SUBSCRIPTION);
}

/**
 * The subscription at `relay`, registering on first use (or when the relay changed or forgot
 * us). A new subscription starts its cursor at 0: the relay only routes posts to it from now on.
 */
export async function ensureSubscription(
  db: Db,
  relay: RelayClient,
  admissionCode: string,
): Promise<StoredSubscription> {
  const existing = await loadSubscription(db, relay.url);
  if (existing) return existing;

  const issued = await relay.register(admissionCode || undefined);
  const subscription: StoredSubscription = {
    ...issued,
    relayUrl: relay.url,
    registeredAt: Date.now(),
  };
  const tx = db.transaction('kv', 'readwrite');
  await tx.store.put(subscription, SUBSCRIPTION);
  await tx.store.put({ subscriptionId: issued.id, seq: 0 } satisfies StoredCursor, CURSOR);
  await tx.done;

  await logActivity(db, {
    level: 'info',
    area: 'relay',
    message: `Registered with the relay ${new URL(relay.url).host}.`,
  });
  return subscription;
}

/** Drops the stored subscription (the relay forgot it); the next use registers again. */
export async function forgetSubscription(db: Db): Promise<void> {
  await db.delete('kv', SUBSCRIPTION);
}

/** The acknowledged cursor of `subscriptionId` (0 for a new or unknown subscription). */
export async function loadCursor(db: Db, subscriptionId: string): Promise<number> {
  const stored = (await db.get('kv', CURSOR)) as StoredCursor | undefined;
  return stored?.subscriptionId === subscriptionId ? stored.seq : 0;
}

/** Moves the cursor forward, never back; answers the stored value. */
export async function advanceCursor(db: Db, subscriptionId: string, seq: number): Promise<number> {
  const tx = db.transaction('kv', 'readwrite');
  const stored = (await tx.store.get(CURSOR)) as StoredCursor | undefined;
  const current = stored?.subscriptionId === subscriptionId ? stored.seq : 0;
  const next = Math.max(current, seq);
  if (next !== current)
    await tx.store.put({ subscriptionId, seq: next } satisfies StoredCursor, CURSOR);
  await tx.done;
  return next;
}
