import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import type { SubscriptionStore } from '../store/store.ts';

/** A new subscription id: 16 random bytes, base64url (22 characters). */
export function newSubscriptionId(): string {
  return randomBytes(16).toString('base64url');
}

/** A new subscription secret: 32 random bytes, base64url (43 characters). Shown once. */
export function newSecret(): string {
  return randomBytes(32).toString('base64url');
}

/** What the store keeps instead of the secret. A plain hash suffices: the secret is random. */
export function hashSecret(secret: string): Buffer {
  return createHash('sha256').update(secret, 'utf8').digest();
}

// Compared against when the subscription is unknown, so that an unknown id and a wrong
// secret take the same time and get the same answer.
const DECOY = hashSecret(newSecret());

/** Whether `secret` opens subscription `id`; constant-time in the secret. */
export function verifySecret(store: SubscriptionStore, id: string, secret: string): boolean {
  const stored = store.secretHashOf(id);
  const matches = timingSafeEqual(hashSecret(secret), stored ?? DECOY);
  return stored !== undefined && matches;
}

/** Compares two strings in constant time (hashes first, so lengths do not show). */
export function sameString(a: string, b: string): boolean {
  return timingSafeEqual(hashSecret(a), hashSecret(b));
}
