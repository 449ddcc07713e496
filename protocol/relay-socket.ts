import { z } from 'zod';
import { relayEventSchema } from './relay-events.ts';

/**
 * Messages on `GET /v1/subscriptions/:id/stream` (WebSocket). Browsers cannot set headers on a
 * WebSocket, so the secret travels in the first message rather than in the URL (URLs get logged).
 */

/** Client -> relay. `hello` first (within 10 s), then `ack` as events are applied. */
export const clientMessageSchema = z.discriminatedUnion('type', [
  z.strictObject({
    type: z.literal('hello'),
    secret: z.string().min(1).max(200),
    /** Resume after this sequence number (the last one the client applied). */
    after: z.number().int().min(0),
  }),
  z.strictObject({ type: z.literal('ack'), seq: z.number().int().min(0) }),
  z.strictObject({ type: z.literal('ping') }),
]);
export type ClientMessage = z.infer<typeof clientMessageSchema>;

/** Relay -> client. A `ping` comes every 20 s, which also keeps an MV3 service worker alive. */
export const serverMessageSchema = z.discriminatedUnion('type', [
  z.object({
    type: z.literal('ready'),
    /** Events after `after` that fell out of retention: the client reports what it missed. */
    gap: z.boolean(),
    oldestSeq: z.number().int().min(0),
  }),
  z.object({ type: z.literal('event'), event: relayEventSchema }),
  z.object({ type: z.literal('ping'), at: z.number() }),
  z.object({ type: z.literal('pong') }),
  z.object({ type: z.literal('error'), error: z.string() }),
]);
export type ServerMessage = z.infer<typeof serverMessageSchema>;

/** Seconds between relay pings; below the ~30 s idle limit of an MV3 service worker. */
export const PING_INTERVAL_SECONDS = 20;
