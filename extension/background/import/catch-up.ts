import type { RelayPost } from '../../../protocol/relay-post.ts';

/**
 * Even with a catch-up window of 0 hours, a post that took a few minutes through the relay is
 * live, not a leftover of a closed browser: clocks differ, and the relay may backfill.
 */
const LIVE_SLACK_MS = 10 * 60_000;

/**
 * Whether a post reached this browser too long after it was written to be worth importing:
 * the browser was closed (or the link down) for longer than the catch-up window. Judged at
 * receipt, not at import, so a StatusNet outage never makes a received post stale.
 */
export function isStale(post: RelayPost, receivedAt: number, catchUpHours: number): boolean {
  const written = Date.parse(post.createdAt);
  // A date we cannot read is not a reason to leave a post out.
  if (Number.isNaN(written)) return false;
  return receivedAt - written > Math.max(catchUpHours * 3_600_000, LIVE_SLACK_MS);
}

export interface LeftOutReport {
  /** Counts one post left out. */
  add(post: RelayPost): void;
  /** Writes the line now, if anything was left out. */
  flush(): Promise<void>;
}

/**
 * Collects the posts left out after a gap into ONE activity line, written once the burst of
 * old posts is over (`quietMs` without another), rather than a line per post.
 */
export function createLeftOutReport(
  write: (message: string) => Promise<void>,
  catchUpHours: () => number,
  quietMs = 2_000,
): LeftOutReport {
  let count = 0;
  let authors = new Set<string>();
  let timer: ReturnType<typeof setTimeout> | undefined;

  async function flush(): Promise<void> {
    clearTimeout(timer);
    timer = undefined;
    if (count === 0) return;
    const names = [...authors].slice(0, 5).map((name) => `@${name}`);
    const more = authors.size > names.length ? ` and ${authors.size - names.length} more` : '';
    const hours = catchUpHours();
    const message =
      `Left out ${count} ${count === 1 ? 'post' : 'posts'} older than the ${hours}-hour catch-up ` +
      `window that arrived after the browser was away (from ${names.join(', ')}${more}).`;
    count = 0;
    authors = new Set();
    await write(message);
  }

  return {
    add(post) {
      count++;
      authors.add(post.authorUsername);
      clearTimeout(timer);
      timer = setTimeout(() => void flush(), quietMs);
    },
    flush,
  };
}
