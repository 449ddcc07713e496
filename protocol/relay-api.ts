import { z } from 'zod';
import { relayEventSchema } from './relay-events.ts';
import { xIdSchema } from './relay-post.ts';

/**
 * The relay's HTTP API. Every request but registration carries the subscription secret as
 * `Authorization: Bearer <secret>`.
 */

/** `POST /v1/subscriptions` body: the admission code when the operator set one, else `{}`. */
export const registerRequestSchema = z.strictObject({
  admissionCode: z.string().min(1).max(200).optional(),
});
export type RegisterRequest = z.infer<typeof registerRequestSchema>;

/** `POST /v1/subscriptions` 201 answer. The secret is shown once and stored only hashed. */
export const registerResponseSchema = z.object({
  id: z.string().min(1).max(64),
  secret: z.string().min(32).max(128),
});
export type RegisterResponse = z.infer<typeof registerResponseSchema>;

/** Most accounts one subscription may follow (X lets a user follow at most a few thousand). */
export const MAX_FOLLOWS = 10_000;

/** `PUT /v1/subscriptions/:id/follows` body: replaces the user's X id and followed ids. */
export const followsRequestSchema = z.strictObject({
  xUserId: xIdSchema,
  followIds: z.array(xIdSchema).max(MAX_FOLLOWS),
});
export type FollowsRequest = z.infer<typeof followsRequestSchema>;

/** The state of one subscription, as `GET /v1/subscriptions/:id` and the follows PUT answer. */
export const subscriptionStatusSchema = z.object({
  id: z.string(),
  xUserId: xIdSchema.nullable(),
  follows: z.number().int().min(0),
  /** Followed ids that no stream rule covers (rule capacity ran out); polled by search. */
  uncovered: z.number().int().min(0),
  /** The newest sequence number this subscription has acknowledged. */
  ackedSeq: z.number().int().min(0),
  /** The oldest sequence number the log still holds (older events fell out of retention). */
  oldestSeq: z.number().int().min(0),
});
export type SubscriptionStatus = z.infer<typeof subscriptionStatusSchema>;

/** `GET /v1/subscriptions/:id/events?after=SEQ&wait=SECONDS`: the long-poll fallback. */
export const eventsResponseSchema = z.object({
  events: z.array(relayEventSchema),
  /** Pass as `after` next time; equals the last event's seq, or the `after` asked for. */
  cursor: z.number().int().min(0),
  /** True when events after `after` fell out of retention before they were read. */
  gap: z.boolean(),
});
export type EventsResponse = z.infer<typeof eventsResponseSchema>;

/** `POST /v1/subscriptions/:id/ack` body. */
export const ackRequestSchema = z.strictObject({ seq: z.number().int().min(0) });

/** Every relay error body. */
export const relayErrorSchema = z.object({ error: z.string() });
