import type { StatusNetClient } from '../clients/statusnet-client.ts';
import { StatusNetError } from '../clients/statusnet-error.ts';
import type { Notice } from '../clients/statusnet-schemas.ts';
import type { StatusNetAccount } from '../../shared/db-schema.ts';

/** GNU social's largest page. */
const PAGE = 200;

/**
 * Reads without credentials first when `anonymous` allows: GNU social hashes the password on
 * every Basic-auth call, and the export only concerns public notices anyway. A site that
 * refuses anonymous reads (a private site) is read with the account's credentials instead.
 */
async function anonymousFirst<T>(
  anonymous: boolean,
  read: (anonymous: boolean) => Promise<T>,
): Promise<{ value: T; anonymous: boolean }> {
  if (anonymous) {
    try {
      return { value: await read(true), anonymous: true };
    } catch (error) {
      const refused =
        error instanceof StatusNetError && (error.kind === 'auth' || error.kind === 'refused');
      if (!refused) throw error;
    }
  }
  return { value: await read(false), anonymous: false };
}

/**
 * Every notice and repeat of the user newer than `afterId`, newest first, paging back with
 * `max_id` when more than a page arrived (at most `maxPages` pages: beyond, a gap is accepted
 * rather than a burst of calls).
 */
export async function readUserTimeline(
  client: StatusNetClient,
  userId: number,
  afterId: number,
  anonymous: boolean,
  signal: AbortSignal,
  maxPages = 5,
): Promise<{ notices: Notice[]; anonymous: boolean }> {
  const notices: Notice[] = [];
  let maxId: number | undefined;
  let anon = anonymous;

  for (let page = 0; page < maxPages && !signal.aborted; page++) {
    const paging = { sinceId: afterId > 0 ? afterId : undefined, maxId, count: PAGE };
    const read = await anonymousFirst(anon, (a) => client.userTimeline(userId, paging, a));
    anon = read.anonymous;
    notices.push(...read.value);
    if (read.value.length < PAGE) break;
    maxId = Math.min(...read.value.map((n) => n.id)) - 1;
  }
  return { notices, anonymous: anon };
}

/**
 * Whether favourites may be read without credentials. Imported notices belong to the import
 * account, private when set up as advised: only the user, who follows it, sees them, so a
 * fave of one shows in a signed-in read alone. Known shortcoming: that read costs the site a
 * password hash per poll with Basic auth (OAuth 1.0a is cheaper); it would go if GNU social
 * showed a user their own favourites of private notices in an anonymous read, which it
 * rightly does not.
 */
export function favoritesReadAnonymously(importAccount: StatusNetAccount | undefined): boolean {
  return importAccount?.protected !== true;
}

/** The user's newest `count` favourites, newest faved first. */
export async function readFavorites(
  client: StatusNetClient,
  userId: number,
  count: number,
  anonymous: boolean,
): Promise<{ notices: Notice[]; anonymous: boolean }> {
  const read = await anonymousFirst(anonymous, (a) => client.favorites(userId, { count }, a));
  return { notices: read.value, anonymous: read.anonymous };
}

/**
 * Whether a notice is gone, asked with credentials (`statuses/show`: 410 once deleted, 404 when
 * it never was). Undefined when the site could not say: ask again at the next poll.
 */
export async function confirmDeleted(
  client: StatusNetClient,
  id: number,
): Promise<boolean | undefined> {
  try {
    await client.show(id);
    return false;
  } catch (error) {
    if (error instanceof StatusNetError && (error.kind === 'gone' || error.kind === 'not-found'))
      return true;
    return undefined;
  }
}

/** Whether the user still favours a notice (`favorited` as the account sees it). */
export async function confirmFavorited(
  client: StatusNetClient,
  id: number,
): Promise<boolean | undefined> {
  try {
    return (await client.show(id)).favorited ?? undefined;
  } catch (error) {
    // A deleted notice is no longer anyone's favourite.
    if (error instanceof StatusNetError && (error.kind === 'gone' || error.kind === 'not-found'))
      return false;
    return undefined;
  }
}
