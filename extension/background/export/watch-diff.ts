import type { StatusNetClient } from '../clients/statusnet-client.ts';
import type { Notice } from '../clients/statusnet-schemas.ts';
import type { DecideContext } from './decide-context.ts';
import { confirmDeleted, confirmFavorited } from './timeline-reader.ts';

/** Whether the X side holds anything a delete of this notice would take back. */
async function deleteMatters(id: number, ctx: DecideContext): Promise<boolean> {
  const post = await ctx.link('post', id);
  if (post?.direction === 'export' || (await ctx.link('repost', id))) return true;
  return (await ctx.pending(id)).length > 0;
}

// TODO [2027-01-01]: deletes are seen only among the user's newest `recentWindow` notices (40);
// an older exported notice deleted later stays on X. Lift it by checking linked notices outside
// the window now and then (`statuses/show` of each link, spread over days).

/**
 * Notices that left the recent window since the last poll. Only those that matter on X are
 * confirmed (with credentials: `statuses/show` answers 410 once deleted); the rest just leave
 * the window. Returns the confirmed deletes and the ids to keep watching (the site could not
 * say this time).
 */
export async function findDeletes(
  client: StatusNetClient,
  previous: number[],
  seen: Set<number>,
  ctx: DecideContext,
): Promise<{ deleted: number[]; undecided: number[] }> {
  const deleted: number[] = [];
  const undecided: number[] = [];
  for (const id of previous) {
    if (seen.has(id) || !(await deleteMatters(id, ctx))) continue;
    const gone = await confirmDeleted(client, id);
    if (gone === true) deleted.push(id);
    else if (gone === undefined) undecided.push(id);
  }
  return { deleted, undecided };
}

// TODO [2027-01-01]: a favourite pushed out of the window and unfaved later is never unliked on
// X. Lift it by re-checking liked links outside the window now and then, as for deletes.
async function likeMatters(id: number, ctx: DecideContext): Promise<boolean> {
  if (await ctx.link('like', id)) return true;
  return (await ctx.pending(id)).some((entry) => entry.action.type === 'like');
}

/**
 * New favourites (oldest first) and favourites taken back since the last poll. A notice that
 * is merely pushed out of the window by newer favourites is not an unfave: those that matter
 * (liked on X) are confirmed with `statuses/show` → `favorited`.
 */
export async function diffFavorites(
  client: StatusNetClient,
  previous: number[],
  current: Notice[],
  ctx: DecideContext,
): Promise<{ faved: Notice[]; unfaved: number[]; undecided: number[] }> {
  const before = new Set(previous);
  const now = new Set(current.map((notice) => notice.id));
  const faved = current.filter((notice) => !before.has(notice.id)).reverse();

  const unfaved: number[] = [];
  const undecided: number[] = [];
  for (const id of previous) {
    if (now.has(id) || !(await likeMatters(id, ctx))) continue;
    const still = await confirmFavorited(client, id);
    if (still === false) unfaved.push(id);
    else if (still === undefined) undecided.push(id);
  }
  return { faved, unfaved, undecided };
}
