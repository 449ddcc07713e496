import type { GnuSocialState } from './state.ts';
import { follow } from './subscriptions.ts';
import { createUser } from './users.ts';

/**
 * The demo world, the one the captures were made on: alice, bob and carol (passwords
 * `<name>pass123`), alice and bob following each other (with the two follow notices this
 * makes, as on the real site).
 */
export function seedDemo(state: GnuSocialState): void {
  const alice = createUser(state, { nickname: 'alice', password: 'alicepass123' });
  const bob = createUser(state, {
    nickname: 'bob',
    password: 'bobpass123',
    fullname: 'Bob Example',
    email: 'bob@example.test',
  });
  createUser(state, {
    nickname: 'carol',
    password: 'carolpass123',
    fullname: 'Carol Example',
    email: 'carol@example.test',
  });
  follow(state, bob, alice);
  follow(state, alice, bob);
}
