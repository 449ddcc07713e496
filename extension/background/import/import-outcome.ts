import type { Link } from '../../shared/db-schema.ts';

/** What applying one inbox entry came to. A retryable failure is thrown instead. */
export type ImportOutcome =
  /**
   * The notice exists (made now, found again, or made before), or is gone for a delete.
   * `warning`: only partly done, told in the activity log; `note`: kept on the entry only.
   */
  | {
      state: 'done';
      noticeId?: number;
      link?: Link;
      /** Keys of links to drop (the notice was deleted). */
      unlink?: string[];
      warning?: string;
      note?: string;
    }
  /** Deliberately not imported: a duplicate, a loop, too old, deleted before import. */
  | { state: 'skipped'; reason: string; stale?: boolean }
  /** StatusNet refused it for good; the user may retry or skip it on the options page. */
  | { state: 'failed'; reason: string };
