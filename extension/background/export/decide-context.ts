import type { Link, OutboxEntry, StatusNetAccount } from '../../shared/db-schema.ts';
import type { Settings } from '../../shared/settings.ts';
import type { OutboxDraft } from './outbox.ts';
import type { XRefusals } from './refusals.ts';
import type { SkipRequests } from './skip-requests.ts';

/** Everything the decision step reads, gathered once per poll. */
export interface DecideContext {
  account: StatusNetAccount;
  importAccount: StatusNetAccount | undefined;
  xUsername: string;
  settings: Settings;
  refusals: XRefusals;
  /** Composer requests to keep a text off X; matched ones are removed. */
  skips: SkipRequests;
  /** The link of a notice with the X post it stands for (either direction). */
  linkedPost(noticeId: number): Promise<Link | undefined>;
  link(kind: Link['kind'], noticeId: number): Promise<Link | undefined>;
  /** Entries for a notice that have not been sent yet (or whose outcome is unknown). */
  pending(noticeId: number): Promise<OutboxEntry[]>;
  /** Notices given a post earlier in this same poll (their parent is on its way to X). */
  plannedPosts: Set<number>;
}

/** What a decision comes to: something for the outbox, a line for the activity log, or both. */
export interface Plan {
  draft?: OutboxDraft;
  line?: { level: 'info' | 'warn'; message: string; noticeUrl: string };
}

/** The site's root (the API root without `/api`), where `/notice/ID` pages live. */
export function siteRoot(account: StatusNetAccount): string {
  return account.apiBase.replace(/\/api\/?$/, '');
}

export function noticeUrl(account: StatusNetAccount, id: number): string {
  return `${siteRoot(account)}/notice/${id}`;
}

export const skipLine = (message: string, url: string): Plan => ({
  line: { level: 'info', message: `Not sent to X: ${message}`, noticeUrl: url },
});
