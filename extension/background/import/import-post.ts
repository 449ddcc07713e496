import type { RelayPost } from '../../../protocol/relay-post.ts';
import type { ImportEntry } from '../../shared/db-schema.ts';
import { BRIDGE_SOURCE } from '../../shared/bridge-source.ts';
import { StatusNetError } from '../clients/statusnet-error.ts';
import type { Notice } from '../clients/statusnet-schemas.ts';
import { planImportMedia, type ImportMediaPlan, type ImportUpload } from './import-media.ts';
import type { ImportOutcome } from './import-outcome.ts';
import { importLink, linksOf, noticeFor, type ImportContext } from './import-target.ts';
import { findImportedNotice, findRepeat } from './reconcile.ts';

const reference = (post: RelayPost, type: 'retweeted' | 'quoted' | 'replied_to') =>
  post.references.find((ref) => ref.type === type)?.id;

/**
 * Why a post must not be imported, if it must not: it is already a notice, or the bridge (or
 * the user) made it on X, which would echo the user's own notices back to them.
 */
export async function loopGuard(
  context: ImportContext,
  post: RelayPost,
): Promise<ImportOutcome | undefined> {
  const links = await linksOf(context.db, post.id);
  const imported = links.find((link) => link.direction === 'import');
  if (imported) return { state: 'done', noticeId: imported.noticeId };
  if (links.some((link) => link.direction === 'export')) {
    return { state: 'skipped', reason: 'The bridge made this post on X from one of your notices.' };
  }
  if (context.ownXUserId && post.authorId === context.ownXUserId) {
    return { state: 'skipped', reason: 'This is your own post on X.' };
  }

  const reposted = reference(post, 'retweeted');
  if (reposted && (await linksOf(context.db, reposted)).some((l) => l.direction === 'export')) {
    return { state: 'skipped', reason: 'A repost of a post the bridge made from your notice.' };
  }
  return undefined;
}

/** Writes the post as a notice of the import account, threaded under its parent if known. */
async function postNotice(
  context: ImportContext,
  ambiguous: boolean,
  post: RelayPost,
): Promise<ImportOutcome> {
  const { client, account } = context;
  if (ambiguous) {
    const found = await findImportedNotice(client, account.userId, post);
    if (found)
      return { state: 'done', noticeId: found.id, link: importLink(post, found.id, 'post') };
  }

  const parent = reference(post, 'replied_to');
  const inReplyTo = parent ? await noticeFor(context.db, parent) : undefined;

  const media = await planImportMedia(context.client, post);
  await context.markInFlight();
  const { notice, warning } = await updateWithMedia(context, post, inReplyTo, media);
  const outcome: ImportOutcome = {
    state: 'done',
    noticeId: notice.id,
    link: importLink(post, notice.id, 'post'),
  };
  return warning ? { ...outcome, warning } : outcome;
}

/**
 * GNU social appends ` https://site/attachment/ID` to the text of a notice with an upload and
 * counts it against the limit: room is kept for it (the site's root plus the ID's digits).
 */
const attachmentRoom = (apiBase: string) => apiBase.length + ' /attachment/'.length + 12;

/**
 * `statuses/update` with the post's photo uploaded, if there is one. A site that refuses the
 * upload (uploads off: 403; over its quota: 400 "That file is too big") gets the notice with
 * the photo linked instead, and the activity log says why.
 */
async function updateWithMedia(
  context: ImportContext,
  post: RelayPost,
  inReplyTo: number | undefined,
  media: ImportMediaPlan,
): Promise<{ notice: Notice; warning?: string }> {
  const { upload } = media;
  const warning = media.warning;
  if (!upload) {
    const notice = await update(context, post, inReplyTo);
    return warning ? { notice, warning } : { notice };
  }

  try {
    return { notice: await update(context, post, inReplyTo, upload) };
  } catch (error) {
    if (!(error instanceof StatusNetError) || !refusesUpload(error)) throw error;
    const notice = await update(context, post, inReplyTo);
    const why = `StatusNet refused the photo ${upload.filename} (${error.serviceMessage}); it is linked.`;
    return { notice, warning: why };
  }
}

// Uploads off is a 403; a file over the quota a 400 naming the file. Other refusals (a
// duplicate, the text limit) are not about the photo.
const refusesUpload = (error: StatusNetError) =>
  error.status === 403 || (error.status === 400 && /file|upload/i.test(error.serviceMessage));

/**
 * `statuses/update` with the bridge as `source`. Two refusals are worked around once: the
 * parent notice was deleted on StatusNet (404: post unthreaded), and the site's text limit
 * shrank since the account was connected (413: read it again and cut to it).
 */
async function update(
  context: ImportContext,
  post: RelayPost,
  inReplyTo: number | undefined,
  upload?: ImportUpload,
) {
  const uploaded = new Set(upload ? [upload.mediaKey] : []);
  const room = (limit: number) =>
    upload && limit > 0 ? Math.max(1, limit - attachmentRoom(context.account.apiBase)) : limit;
  const send = (textLimit: number, inReplyToStatusId: number | undefined) =>
    context.client.update({
      status: context.compose(post, room(textLimit), uploaded),
      inReplyToStatusId,
      source: BRIDGE_SOURCE,
      ...(upload && { media: [{ blob: upload.blob, filename: upload.filename }] }),
    });

  try {
    return await send(context.textLimit, inReplyTo);
  } catch (error) {
    if (!(error instanceof StatusNetError)) throw error;
    if (error.kind === 'not-found' && inReplyTo !== undefined) {
      return send(context.textLimit, undefined);
    }
    if (error.status === 413) {
      const config = await context.client.siteConfig();
      return send(config.site.textlimit, inReplyTo);
    }
    throw error;
  }
}

/**
 * A repost of a post that is already a notice becomes a native repeat of that notice. GNU
 * social refuses a repeat of one's own notice, and of a private one, and every imported notice
 * is the (private) import account's own: then the repost is imported as a notice of its own,
 * as for an unknown original.
 */
// TODO [2027-01-01]: native repeats only succeed for notices another account wrote (an import
// account changed since). Lift this once imported posts can be written as per-author profiles
// (a GNU social plugin, as TwitterBridge had) instead of one import account.
async function repeatNotice(
  context: ImportContext,
  entry: ImportEntry,
  post: RelayPost,
  noticeId: number,
): Promise<ImportOutcome> {
  const { client, account } = context;
  if (entry.inFlightSince !== undefined) {
    const found = await findRepeat(client, account.userId, noticeId);
    if (found)
      return { state: 'done', noticeId: found.id, link: importLink(post, found.id, 'repost') };
    // The lost attempt may have been the notice made after a refused repeat.
    const posted = await findImportedNotice(client, account.userId, post);
    if (posted)
      return { state: 'done', noticeId: posted.id, link: importLink(post, posted.id, 'post') };
  }

  try {
    await context.markInFlight();
    const repeat = await client.repeat(noticeId);
    return { state: 'done', noticeId: repeat.id, link: importLink(post, repeat.id, 'repost') };
  } catch (error) {
    if (!(error instanceof StatusNetError) || error.kind !== 'refused') throw error;
    const outcome = await postNotice(context, false, post);
    const note = `StatusNet refused the repeat (${error.serviceMessage}); imported as a notice.`;
    return outcome.state === 'done' ? { ...outcome, note } : outcome;
  }
}

/** Applies a post event: loop guard, then a repeat, a threaded reply, or a plain notice. */
export async function applyPost(
  context: ImportContext,
  entry: ImportEntry,
  post: RelayPost,
): Promise<ImportOutcome> {
  const guarded = await loopGuard(context, post);
  if (guarded) return guarded;

  const reposted = reference(post, 'retweeted');
  const original =
    reposted &&
    (await linksOf(context.db, reposted)).find(
      (l) => l.direction === 'import' && l.kind === 'post',
    );
  if (original) return repeatNotice(context, entry, post, original.noticeId);

  return postNotice(context, entry.inFlightSince !== undefined, post);
}
