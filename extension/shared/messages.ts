import browser from 'webextension-polyfill';
import type { AccountMessages } from './messages/accounts.ts';
import type { ExportMessages } from './messages/export.ts';
import type { ImportMessages } from './messages/import.ts';

/**
 * Every message between extension contexts, by type: one map, so a sender and its handler can
 * never disagree about a shape. Each area declares its own messages in `messages/`.
 */
export type MessageMap = AccountMessages & ExportMessages & ImportMessages;
export type MessageType = keyof MessageMap;
export type RequestOf<K extends MessageType> = MessageMap[K]['request'];
export type ResponseOf<K extends MessageType> = MessageMap[K]['response'];

export interface Envelope<K extends MessageType = MessageType> {
  bridge: 1;
  type: K;
  payload: RequestOf<K>;
}

/** The answer travels as data: thrown errors do not cross contexts intact. */
export type Reply<K extends MessageType = MessageType> =
  { ok: true; value: ResponseOf<K> } | { ok: false; error: string; field?: string };

/** A failure the background reported, with the form field it concerns when there is one. */
export class BridgeMessageError extends Error {
  override readonly name = 'BridgeMessageError';
  constructor(
    message: string,
    readonly field?: string,
  ) {
    super(message);
  }
}

/** Sends a message to the background and returns its answer, or throws its error. */
export async function sendMessage<K extends MessageType>(
  type: K,
  payload: RequestOf<K>,
): Promise<ResponseOf<K>> {
  const envelope: Envelope<K> = { bridge: 1, type, payload };
  // The background's router answers every envelope with a Reply of the same type.
  const reply = (await browser.runtime.sendMessage(envelope)) as Reply<K> | undefined;
  if (!reply) throw new BridgeMessageError('The bridge background did not answer.');
  if (!reply.ok) throw new BridgeMessageError(reply.error, reply.field);
  return reply.value;
}
