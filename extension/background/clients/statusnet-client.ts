import { z } from 'zod';
import { callStatusNet, type StatusNetTarget } from './statusnet-request.ts';
import {
  noticeListSchema,
  noticeSchema,
  siteConfigSchema,
  statusNetUserSchema,
  type Notice,
} from './statusnet-schemas.ts';

/** Paging of GNU social timelines: `since_id` is exclusive, `max_id` inclusive. */
export interface TimelinePage {
  sinceId?: number | undefined;
  maxId?: number | undefined;
  count?: number | undefined;
}

export interface NewNotice {
  status: string;
  inReplyToStatusId?: number | undefined;
  source?: string | undefined;
  media?: { blob: Blob; filename: string }[] | undefined;
}

const okSchema = z.unknown();

/**
 * A client for one account (or anonymous reader) of a StatusNet / GNU social site, speaking its
 * Twitter-compatible API. Each method is one HTTP call; errors are StatusNetError.
 */
export function createStatusNetClient(target: StatusNetTarget) {
  const page = (p: TimelinePage) => ({ since_id: p.sinceId, max_id: p.maxId, count: p.count });

  return {
    target,

    verifyCredentials: (signal?: AbortSignal) =>
      callStatusNet(target, {
        method: 'GET',
        path: 'account/verify_credentials',
        schema: statusNetUserSchema,
        ...(signal && { signal }),
      }),

    siteConfig: () =>
      callStatusNet(target, {
        method: 'GET',
        path: 'statusnet/config',
        schema: siteConfigSchema,
        anonymous: true,
      }),

    /** A user's notices and repeats, newest first. Anonymous where `anonymous` is set. */
    userTimeline: (userId: number, paging: TimelinePage = {}, anonymous = false) =>
      callStatusNet(target, {
        method: 'GET',
        path: 'statuses/user_timeline',
        params: { user_id: userId, ...page(paging) },
        schema: noticeListSchema,
        anonymous,
      }),

    /** A user's favourites, newest faved first. */
    favorites: (userId: number, paging: TimelinePage = {}, anonymous = false) =>
      callStatusNet(target, {
        method: 'GET',
        path: 'favorites',
        params: { user_id: userId, ...page(paging) },
        schema: noticeListSchema,
        anonymous,
      }),

    show: (id: number): Promise<Notice> =>
      callStatusNet(target, { method: 'GET', path: `statuses/show/${id}`, schema: noticeSchema }),

    update: (notice: NewNotice): Promise<Notice> =>
      callStatusNet(target, {
        method: 'POST',
        path: 'statuses/update',
        params: {
          status: notice.status,
          in_reply_to_status_id: notice.inReplyToStatusId,
          source: notice.source,
        },
        files: (notice.media ?? []).map((m) => ({ field: 'media', ...m })),
        schema: noticeSchema,
      }),

    destroy: (id: number) =>
      callStatusNet(target, { method: 'POST', path: `statuses/destroy/${id}`, schema: okSchema }),

    /** Repeats a notice; the answer is the new repeat, carrying `retweeted_status`. */
    repeat: (id: number): Promise<Notice> =>
      callStatusNet(target, {
        method: 'POST',
        path: `statuses/retweet/${id}`,
        schema: noticeSchema,
      }),
  };
}

export type StatusNetClient = ReturnType<typeof createStatusNetClient>;
