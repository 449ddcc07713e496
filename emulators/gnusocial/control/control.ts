import type { Context } from 'hono';
import { Hono } from 'hono';
import type { z } from 'zod';
import { seedDemo } from '../domain/demo.ts';
import { deleteNotice } from '../domain/deletion.ts';
import { addFave, faveTarget, removeFave } from '../domain/faves.ts';
import { mbStrlen } from '../domain/php.ts';
import { postNotice } from '../domain/posting.ts';
import { repeatNotice } from '../domain/repeats.ts';
import type { GnuSocialState, Notice, User } from '../domain/state.ts';
import { resetState, userByNickname } from '../domain/state.ts';
import { follow, unfollow } from '../domain/subscriptions.ts';
import { createUser } from '../domain/users.ts';
import { ClientError } from '../errors.ts';
import { randomKey } from '../http/oauth1.ts';
import {
  clockSchema,
  consumerSchema,
  followSchema,
  newNoticeSchema,
  newUserSchema,
  noticeRefSchema,
  resetSchema,
  settingsPatchSchema,
  userPatchSchema,
} from './schemas.ts';
import { noticeSummary, stateSummary, userSummary } from './summaries.ts';

class ControlError extends Error {
  constructor(
    readonly status: 400 | 404,
    message: string,
  ) {
    super(message);
  }
}

async function body<T extends z.ZodType>(c: Context, schema: T): Promise<z.infer<T>> {
  const parsed = schema.safeParse(await c.req.json().catch(() => undefined));
  if (!parsed.success) throw new ControlError(400, parsed.error.message);
  return parsed.data;
}

/**
 * The emulator's own routes under `/_control`, for tests and demos: users, follows, notices,
 * repeats, faves and deletes made directly (as in the web UI), OAuth consumers, settings and
 * quirks, the clock, a view of everything, and reset. Faults and the request journal are the
 * shared routes of `emulators/common/control.ts`, mounted beside these.
 */
export function gnuSocialControl(state: GnuSocialState, resetAll: () => void): Hono {
  const control = new Hono();
  const user = (name: string): User => {
    const found = userByNickname(state, name);
    if (!found) throw new ControlError(404, `no user ${name}`);
    return found;
  };
  const notice = (id: number): Notice => {
    const found = state.notices.get(id);
    if (!found) throw new ControlError(404, `no notice ${id}`);
    return found;
  };

  control.onError((error, c) => {
    if (error instanceof ControlError) return c.json({ error: error.message }, error.status);
    if (error instanceof ClientError) return c.json({ error: error.message }, 400);
    throw error;
  });

  control.post('/reset', async (c) => {
    const { demo } = await body(c, resetSchema.optional().default({}));
    resetAll();
    resetState(state);
    if (demo) seedDemo(state);
    return c.body(null, 204);
  });
  control.get('/state', (c) => c.json(stateSummary(state)));

  control.get('/users', (c) => c.json([...state.users.values()].map(userSummary)));
  control.post('/users', async (c) => {
    const input = await body(c, newUserSchema);
    return c.json(userSummary(createUser(state, { ...input, nickname: input.username })), 201);
  });
  control.get('/users/:username', (c) => c.json(userSummary(user(c.req.param('username')))));
  control.patch('/users/:username', async (c) => {
    const target = user(c.req.param('username'));
    const patch = await body(c, userPatchSchema);
    if (patch.protected !== undefined) target.protected = patch.protected;
    if (patch.password !== undefined) target.password = patch.password;
    if (patch.fullname !== undefined) target.fullname = patch.fullname;
    return c.json(userSummary(target));
  });

  control.post('/users/:username/follow', async (c) => {
    const { target } = await body(c, followSchema);
    const created = follow(state, user(c.req.param('username')), user(target));
    return c.json(noticeSummary(state, created), 201);
  });
  control.delete('/users/:username/follow/:target', (c) => {
    unfollow(state, user(c.req.param('username')), user(c.req.param('target')));
    return c.body(null, 204);
  });

  control.post('/users/:username/notices', async (c) => {
    const input = await body(c, newNoticeSchema);
    const limit = state.settings.textLimit;
    if (limit > 0 && mbStrlen(input.text) > limit) throw new ControlError(400, 'text too long');
    const replyTo = input.inReplyTo === undefined ? null : notice(input.inReplyTo);
    const author = user(c.req.param('username'));
    const created = postNotice(state, author, {
      content: input.text,
      source: input.source,
      replyTo,
    });
    return c.json(noticeSummary(state, created), 201);
  });
  control.post('/users/:username/repeats', async (c) => {
    const { noticeId } = await body(c, noticeRefSchema);
    const created = repeatNotice(state, user(c.req.param('username')), notice(noticeId), 'web');
    return c.json(noticeSummary(state, created), 201);
  });
  control.post('/users/:username/faves', async (c) => {
    const { noticeId } = await body(c, noticeRefSchema);
    addFave(state, user(c.req.param('username')), faveTarget(state, notice(noticeId)));
    return c.body(null, 204);
  });
  control.delete('/users/:username/faves/:noticeId', (c) => {
    const target = faveTarget(state, notice(Number(c.req.param('noticeId'))));
    removeFave(state, user(c.req.param('username')), target);
    return c.body(null, 204);
  });

  control.get('/notices', (c) =>
    c.json({
      notices: [...state.notices.values()].map((n) => noticeSummary(state, n)),
      deletedIds: [...state.deleted],
    }),
  );
  control.delete('/notices/:id', (c) => {
    deleteNotice(state, notice(Number(c.req.param('id'))));
    return c.body(null, 204);
  });

  control.post('/consumers', async (c) => {
    const input = await body(c, consumerSchema);
    const consumer = {
      key: randomKey(),
      secret: randomKey(),
      name: input.name,
      organization: input.organization,
      sourceUrl: input.sourceUrl ?? null,
      callbackUrl: input.callbackUrl ?? null,
      access: input.access,
    };
    state.consumers.set(consumer.key, consumer);
    return c.json(consumer, 201);
  });

  control.get('/settings', (c) => c.json(state.settings));
  control.patch('/settings', async (c) => {
    const { quirks, ...rest } = await body(c, settingsPatchSchema);
    Object.assign(state.settings, definedOnly(rest));
    Object.assign(state.settings.quirks, definedOnly(quirks ?? {}));
    return c.json(state.settings);
  });

  control.post('/clock', async (c) => {
    const input = await body(c, clockSchema);
    if ('advanceMs' in input) state.clockOffsetMs += input.advanceMs;
    else state.clockOffsetMs += input.setMs - state.now();
    return c.json({ now: state.now() });
  });
  control.get('/messages', (c) => c.json(stateSummary(state).directMessages));

  return control;
}

/** Drops undefined keys, so a partial update leaves the other settings alone. */
function definedOnly<T extends object>(value: T): Partial<T> {
  // Object.fromEntries forgets the key types; the entries are a subset of T's.
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as Partial<T>;
}
