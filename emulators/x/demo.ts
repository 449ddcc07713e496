import type { XContext } from './context.ts';
import { DEMO_ACCOUNTS, DEMO_SCRIPT, DEMO_USER, type DemoLine } from './demo-script.ts';
import type { World } from './world.ts';

/** How many script lines exist as posts as soon as the demo world is seeded. */
const SEEDED_LINES = 6;

/**
 * The demo world: demo_user (who the consent page signs in as) following four of five
 * accounts, which post from a fixed script now and then.
 */
export function createDemo(ctx: XContext, world: World, intervalMs: number) {
  let line = 0;
  let timer: ReturnType<typeof setInterval> | undefined;

  function latestOf(username: string): string | undefined {
    const user = ctx.state.userByName(username);
    let latest: string | undefined;
    for (const post of ctx.state.posts.values()) {
      if (post.authorId === user?.id && post.deletedAt === undefined && !post.repostedPostId)
        latest = post.id;
    }
    return latest;
  }

  function say(next: DemoLine): void {
    const author = ctx.state.userByName(next.author);
    if (!author) return;
    const media = next.image
      ? [world.addMedia(author.id, undefined, 'A harbour at dusk, in flat blue.').key]
      : undefined;
    const ref = (name: string | undefined) => (name ? latestOf(name) : undefined);
    // A reference with nothing to point at yet (first round) degrades to a plain post.
    const repostOfId = ref(next.repostLatestOf);
    if (next.repostLatestOf && !repostOfId) return;
    world.post(author.id, {
      text: next.text,
      replyToId: ref(next.replyToLatestOf),
      quoteOfId: ref(next.quoteLatestOf),
      repostOfId,
      mediaKeys: media,
      source: 'X for Demo',
    });
  }

  function postNext(): void {
    const next = DEMO_SCRIPT[line % DEMO_SCRIPT.length];
    line += 1;
    // The script repeats; X refuses identical text only from the API, people may repeat.
    if (next) say(next);
  }

  return {
    seed(): void {
      line = 0;
      const me = world.createUser(DEMO_USER);
      for (const account of DEMO_ACCOUNTS) {
        world.createUser(account);
        if (account.followed) world.follow(me.id, account.id);
      }
      ctx.settings.signedInUserId = me.id;
      for (let i = 0; i < SEEDED_LINES; i += 1) postNext();
    },
    postNext,
    start(): void {
      if (timer === undefined) timer = setInterval(postNext, intervalMs);
    },
    stop(): void {
      clearInterval(timer);
      timer = undefined;
    },
  };
}
export type Demo = ReturnType<typeof createDemo>;
