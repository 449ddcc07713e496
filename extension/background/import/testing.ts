import 'fake-indexeddb/auto';
import type { RelayEvent } from '../../../protocol/relay-events.ts';
import type { RelayPost } from '../../../protocol/relay-post.ts';
import { openBridgeDb, type Db } from '../../shared/db.ts';
import type { StatusNetAccount } from '../../shared/db-schema.ts';
import type { StatusNetClient } from '../clients/statusnet-client.ts';
import { StatusNetError } from '../clients/statusnet-error.ts';
import type { Notice } from '../clients/statusnet-schemas.ts';
import { composeImportText } from '../compose/import-text.ts';
import type { ImportContext } from './import-target.ts';

// Test helpers for the import area: an in-memory StatusNet site and relay events.

let dbCount = 0;

/** A fresh database per test (fake-indexeddb), migrated like the real one. */
export function testDb(): Promise<Db> {
  return openBridgeDb(`import-test-${++dbCount}-${Math.random()}`);
}

export function post(id: string, fields: Partial<RelayPost> = {}): RelayPost {
  return {
    id,
    authorId: '100',
    authorUsername: 'ada',
    authorName: 'Ada Lovelace',
    text: `post ${id}`,
    createdAt: new Date().toISOString(),
    references: [],
    urls: [],
    media: [],
    ...fields,
  };
}

export const postEvent = (seq: number, p: RelayPost): RelayEvent => ({
  type: 'post',
  seq,
  post: p,
});
export const deleteEvent = (seq: number, postId: string): RelayEvent => ({
  type: 'delete',
  seq,
  postId,
});

type Call = 'update' | 'repeat' | 'destroy' | 'show' | 'userTimeline';

/**
 * A StatusNet site in memory, speaking as the import account (user 7, carol), with the real
 * site's quirks that import meets: repeats of one's own notices are refused, and `fail` queues
 * errors for the next calls of a method.
 */
export function fakeSite() {
  const notices = new Map<number, Notice>();
  const calls: { method: Call; args: unknown[] }[] = [];
  const failures = new Map<Call, (StatusNetError | 'after')[]>();
  let nextId = 1;
  const user = { id: 7, name: 'Carol', screen_name: 'carol', protected: true };

  function failing(method: Call, args: unknown[]): StatusNetError | 'after' | undefined {
    calls.push({ method, args });
    return failures.get(method)?.shift();
  }

  function make(fields: Partial<Notice>): Notice {
    const notice: Notice = {
      id: nextId++,
      text: '',
      created_at: 'now',
      user,
      in_reply_to_status_id: null,
      ...fields,
    };
    notices.set(notice.id, notice);
    return notice;
  }

  const client = {
    async update(n: {
      status: string;
      inReplyToStatusId?: number | undefined;
      source?: string | undefined;
    }) {
      const failure = failing('update', [n]);
      if (failure instanceof StatusNetError) throw failure;
      const notice = make({
        text: n.status,
        source: n.source ?? null,
        in_reply_to_status_id: n.inReplyToStatusId ?? null,
      });
      // 'after': the notice was written, then the answer was lost (a 500 after the write).
      if (failure === 'after') throw new StatusNetError('server', 'Internal Server Error', 500);
      return notice;
    },
    async repeat(id: number) {
      const failure = failing('repeat', [id]);
      if (failure instanceof StatusNetError) throw failure;
      const original = notices.get(id);
      if (!original) throw new StatusNetError('not-found', 'No such notice.', 404);
      if (original.user.id === user.id) {
        throw new StatusNetError('refused', 'You cannot repeat your own notice.', 400);
      }
      return make({ text: `RT ${original.text}`, retweeted_status: original });
    },
    async destroy(id: number) {
      const failure = failing('destroy', [id]);
      if (failure instanceof StatusNetError) throw failure;
      if (!notices.delete(id))
        throw new StatusNetError('not-found', 'No status found with that ID.', 404);
      if (failure === 'after') throw new StatusNetError('server', 'Internal Server Error', 500);
      return {};
    },
    async show(id: number) {
      const failure = failing('show', [id]);
      if (failure instanceof StatusNetError) throw failure;
      const notice = notices.get(id);
      if (!notice) throw new StatusNetError('gone', 'Notice deleted.', 410);
      return notice;
    },
    async userTimeline() {
      const failure = failing('userTimeline', []);
      if (failure instanceof StatusNetError) throw failure;
      return [...notices.values()].reverse();
    },
    async siteConfig() {
      return { site: { textlimit: 1000 } };
    },
  };

  return {
    // Only the methods import calls exist; the cast is confined to this test double.
    client: client as unknown as StatusNetClient,
    notices,
    calls,
    user,
    fail(method: Call, ...errors: (StatusNetError | 'after')[]) {
      failures.set(method, [...(failures.get(method) ?? []), ...errors]);
    },
    make,
  };
}

export const importAccount: StatusNetAccount = {
  role: 'import',
  apiBase: 'https://social.example/api',
  auth: { kind: 'basic', username: 'carol', password: 'secret' },
  userId: 7,
  screenName: 'carol',
  name: 'Carol',
  profileUrl: 'https://social.example/carol',
  protected: true,
  textLimit: 1000,
  connectedAt: 0,
};

export function testContext(
  db: Db,
  site: ReturnType<typeof fakeSite>,
  fields: Partial<ImportContext> = {},
): ImportContext {
  return {
    db,
    account: importAccount,
    client: site.client,
    textLimit: 1000,
    ownXUserId: '1',
    compose: (p, textLimit, uploaded) =>
      composeImportText(p, { textLimit, uploadedMediaKeys: uploaded }).status,
    markInFlight: async () => undefined,
    ...fields,
  };
}
