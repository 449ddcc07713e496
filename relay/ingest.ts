import type { Logger } from 'pino';
import { deleteFrame, postFrame } from './fanout/event-frames.ts';
import type { EventHub } from './fanout/event-hub.ts';
import type { Metrics } from './metrics.ts';
import type { RelayStore } from './store/store.ts';
import { mapPost } from './x/map-post.ts';
import { maxId } from './x/x-id.ts';

/** Where a post came from: the live stream, gap backfill, or the overflow poller. */
export type PostSource = 'stream' | 'backfill' | 'poll';

export interface IngestDeps {
  store: RelayStore;
  hub: EventHub;
  metrics: Metrics;
  logger: Logger;
}

/**
 * The one way posts enter the log, whatever their source: validate and map X's payload,
 * append once (dedupe by post id), wake the recipients.
 */
export function createIngest({ store, hub, metrics, logger }: IngestDeps) {
  /**
   * Ingests the posts of one X answer (`data` items sharing `includes`). Answers how many
   * were new and the newest post id seen, valid or not, to move search cursors.
   */
  function ingestPosts(items: readonly unknown[], includes: unknown, source: PostSource) {
    let appended = 0;
    let newestId: string | undefined;
    for (const item of items) {
      const mapped = mapPost(item, includes);
      if (!mapped.ok) {
        metrics.malformedLines.inc();
        logger.warn({ source, reason: mapped.reason }, 'skipped an invalid post from X');
        continue;
      }
      const { post } = mapped;
      newestId = maxId(newestId, post.id);
      const result = store.appendPost(post, Date.now());
      if (!result) {
        metrics.duplicates.inc();
        continue;
      }
      appended += 1;
      metrics.postsIn.inc({ source });
      if (source !== 'stream') metrics.backfilled.inc();
      hub.publish(result.recipients, {
        seq: result.seq,
        frame: postFrame(result.seq, result.body),
      });
      logger.debug(
        {
          source,
          postId: post.id,
          authorId: post.authorId,
          seq: result.seq,
          recipients: result.recipients.length,
        },
        'post appended',
      );
    }
    return { appended, newestId };
  }

  /** A post was deleted on X: tell those who received it. */
  function ingestDelete(postId: string): void {
    const result = store.appendDelete(postId, Date.now());
    if (!result) return;
    metrics.deletes.inc();
    hub.publish(result.recipients, { seq: result.seq, frame: deleteFrame(result.seq, postId) });
    logger.info(
      { postId, seq: result.seq, recipients: result.recipients.length },
      'post deleted on X',
    );
  }

  return { ingestPosts, ingestDelete };
}
export type Ingest = ReturnType<typeof createIngest>;
