import { z } from 'zod';
import type { Db } from '../../shared/db.ts';
import { notifyChanged } from '../../shared/changes.ts';

/** The kinds of action X's 2026 policy refuses to self-serve apps. */
export type RefusedKind = 'likes' | 'replies';

const refusalSchema = z.object({ since: z.number(), message: z.string() });

/**
 * What X refused on policy grounds (kv `xRefusals`): once refused, that kind is not tried
 * again (each attempt costs a call and says nothing new) until the user asks to try again.
 */
export const refusalsSchema = z.object({
  likes: refusalSchema.optional(),
  replies: refusalSchema.optional(),
});
export type XRefusals = z.infer<typeof refusalsSchema>;

export const REFUSALS_KEY = 'xRefusals';

export async function readRefusals(db: Db): Promise<XRefusals> {
  const parsed = refusalsSchema.safeParse(await db.get('kv', REFUSALS_KEY));
  return parsed.success ? parsed.data : {};
}

export async function rememberRefusal(db: Db, kind: RefusedKind, message: string): Promise<void> {
  const refusals = await readRefusals(db);
  await db.put('kv', { ...refusals, [kind]: { since: Date.now(), message } }, REFUSALS_KEY);
  notifyChanged('outbox');
}

export async function forgetRefusal(db: Db, kind: RefusedKind): Promise<void> {
  const refusals = await readRefusals(db);
  const kept: XRefusals =
    kind === 'likes' ? { ...refusals, likes: undefined } : { ...refusals, replies: undefined };
  await db.put('kv', refusalsSchema.parse(kept), REFUSALS_KEY);
  notifyChanged('outbox');
}
