import { z } from 'zod';
import { relayPostSchema, xIdSchema } from './relay-post.ts';

/** A post by a followed account, for the subscriptions that follow its author. */
export const postEventSchema = z.object({
  type: z.literal('post'),
  seq: z.number().int().positive(),
  post: relayPostSchema,
});

/** A post that was delivered before has been deleted on X. */
export const deleteEventSchema = z.object({
  type: z.literal('delete'),
  seq: z.number().int().positive(),
  postId: xIdSchema,
});

/**
 * One entry of a subscription's event stream. `seq` is the relay's global sequence: strictly
 * increasing for one subscription, with gaps (other subscriptions' events).
 */
export const relayEventSchema = z.discriminatedUnion('type', [postEventSchema, deleteEventSchema]);
export type RelayEvent = z.infer<typeof relayEventSchema>;
export type PostEvent = z.infer<typeof postEventSchema>;
export type DeleteEvent = z.infer<typeof deleteEventSchema>;
