import type { SoakWorld } from './soak-world.ts';

/**
 * What the soak did, one line per action, and what became of each at the end. Every action
 * must land in one of the named outcomes; anything that does not, and anything found on either
 * service that no action explains (a double post, a stray notice), is `unexplained`.
 */
export type ExportAction =
  | { kind: 'post'; noticeId: number; text: string }
  | { kind: 'skipped'; noticeId: number; text?: string; because: string }
  | { kind: 'refused'; noticeId: number; text: string; xWords: string }
  | { kind: 'reply'; noticeId: number; text: string; toPostId: string }
  | { kind: 'repeat'; noticeId: number; ofPostId: string }
  | { kind: 'fave'; postId: string; noticeId: number }
  | { kind: 'unfave'; postId: string; noticeId: number }
  | { kind: 'delete'; noticeId: number; text: string };

export type ImportAction =
  { kind: 'post'; postId: string; deleted: boolean } | { kind: 'not-followed'; postId: string };

export interface Account {
  /** Outcome -> how many actions ended there. */
  outcomes: Record<string, number>;
  unexplained: string[];
}

function tally(account: Account, outcome: string | undefined, why: string): void {
  if (outcome === undefined) account.unexplained.push(why);
  else account.outcomes[outcome] = (account.outcomes[outcome] ?? 0) + 1;
}

/** Settles the export's actions against X's state and the outbox. */
export async function accountExport(world: SoakWorld, actions: ExportAction[]): Promise<Account> {
  const account: Account = { outcomes: {}, unexplained: [] };
  const mine = [...world.x.state.posts.values()].filter((p) => p.authorId === world.me.id);
  const made = (text: string) => mine.filter((p) => p.submittedText === text);
  const live = (text: string) => made(text).filter((p) => p.deletedAt === undefined);
  const liked = world.x.state.likes.get(world.me.id) ?? new Map<string, number>();
  const deleted = new Set(actions.flatMap((a) => (a.kind === 'delete' ? [a.noticeId] : [])));
  const lastLikeAction = new Map<string, ExportAction['kind']>();
  for (const a of actions)
    if (a.kind === 'fave' || a.kind === 'unfave') lastLikeAction.set(a.postId, a.kind);

  for (const a of actions) {
    const at = `notice ${a.noticeId}`;
    switch (a.kind) {
      case 'post':
      case 'reply': {
        const posts = deleted.has(a.noticeId) ? made(a.text) : live(a.text);
        const threaded = a.kind === 'post' || posts[0]?.inReplyToPostId === a.toPostId;
        const once = posts.length === 1 || (deleted.has(a.noticeId) && posts.length === 0);
        tally(
          account,
          once && threaded ? `${a.kind}: sent once` : undefined,
          `${a.kind} ${at}: ${posts.length} posts on X`,
        );
        break;
      }
      case 'skipped': {
        const said = world.activity.some(
          (l) =>
            l.noticeUrl?.endsWith(`/notice/${a.noticeId}`) &&
            l.message.startsWith('Not sent to X:') &&
            l.message.includes(a.because),
        );
        const entries = await world.db.getAllFromIndex('outbox', 'by-notice', a.noticeId);
        const nothing = entries.length === 0 && (a.text === undefined || made(a.text).length === 0);
        tally(
          account,
          nothing && said ? `skipped, and the log says why (${a.because})` : undefined,
          `skipped ${at}: said ${said}, ${entries.length} entries`,
        );
        break;
      }
      case 'refused': {
        const entries = await world.db.getAllFromIndex('outbox', 'by-notice', a.noticeId);
        const failed = entries.some((e) => e.state === 'failed' && e.lastError?.includes(a.xWords));
        tally(
          account,
          failed && made(a.text).length === 0 ? "refused by X: failed in X's words" : undefined,
          `refused ${at}: ${JSON.stringify(entries.map((e) => [e.state, e.lastError]))}`,
        );
        break;
      }
      case 'repeat': {
        const reposts = mine.filter(
          (p) => p.repostedPostId === a.ofPostId && p.deletedAt === undefined,
        );
        tally(
          account,
          reposts.length === 1 ? 'repeat: reposted once' : undefined,
          `repeat ${at}: ${reposts.length} reposts`,
        );
        break;
      }
      case 'fave':
      case 'unfave': {
        // Each fave is one like sent, each unfave one unlike; the last decides the state on X.
        const type = a.kind === 'fave' ? 'like' : 'unlike';
        const entries = await world.db.getAllFromIndex('outbox', 'by-notice', a.noticeId);
        const sent = entries.filter((e) => e.action.type === type && e.state === 'done').length;
        const asked = actions.filter((b) => b.kind === a.kind && b.postId === a.postId).length;
        const last = lastLikeAction.get(a.postId);
        const settled = last === 'fave' ? liked.has(a.postId) : !liked.has(a.postId);
        tally(
          account,
          settled && sent === asked ? `${a.kind}: ${type} sent` : undefined,
          `${a.kind} ${at}: ${sent} of ${asked} ${type}s sent, liked ${liked.has(a.postId)}`,
        );
        break;
      }
      case 'delete': {
        const posts = made(a.text);
        const outcome =
          posts.length === 1 && posts[0]!.deletedAt !== undefined
            ? 'delete: deleted on X'
            : posts.length === 0
              ? 'delete: overtook its post, both cancelled'
              : undefined;
        tally(
          account,
          outcome,
          `delete ${at}: ${posts.length} posts, deleted ${posts.map((p) => p.deletedAt !== undefined)}`,
        );
        break;
      }
    }
  }

  // Nothing on X that no action made.
  const texts = new Set(actions.flatMap((a) => ('text' in a ? [a.text] : [])));
  const reposted = new Set(actions.flatMap((a) => (a.kind === 'repeat' ? [a.ofPostId] : [])));
  for (const post of mine) {
    const known = post.repostedPostId
      ? reposted.has(post.repostedPostId)
      : texts.has(post.submittedText);
    if (!known) account.unexplained.push(`a post on X that no action made: ${post.submittedText}`);
  }
  return account;
}

/** Settles the posts made on X against the import account's notices and the inbox. */
export async function accountImport(
  world: SoakWorld,
  actions: ImportAction[],
  importerId: number,
): Promise<Account> {
  const account: Account = { outcomes: {}, unexplained: [] };
  const notices = [...world.gs.state.notices.values()].filter((n) => n.authorId === importerId);
  const noticesOf = (postId: string) =>
    notices.filter((n) => n.content.includes(`/status/${postId}`));

  for (const a of actions) {
    const found = noticesOf(a.postId);
    const entry = await world.db.get('imports', a.postId);
    if (a.kind === 'not-followed') {
      tally(
        account,
        found.length === 0 && !entry ? 'not followed: never delivered' : undefined,
        `post ${a.postId} of someone not followed`,
      );
    } else if (a.deleted) {
      tally(
        account,
        found.length === 0 && entry?.state === 'done'
          ? 'imported, then deleted with its post'
          : undefined,
        `deleted post ${a.postId}: ${found.length} notices, ${entry?.state}`,
      );
    } else if (entry?.state === 'failed') {
      tally(
        account,
        found.length === 0 && entry.lastError ? 'failed with a reason' : undefined,
        `post ${a.postId}: failed without a reason`,
      );
    } else {
      tally(
        account,
        found.length === 1 && entry?.state === 'done' ? 'imported once' : undefined,
        `post ${a.postId}: ${found.length} notices, ${entry?.state}`,
      );
    }
  }

  const known = new Set(actions.map((a) => a.postId));
  for (const notice of notices) {
    const postId = /\/status\/(\d+)/.exec(notice.content)?.[1];
    if (!postId || !known.has(postId))
      account.unexplained.push(`a notice no post explains: ${notice.content}`);
  }
  return account;
}
