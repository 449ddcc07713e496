import browser, { type Runtime } from 'webextension-polyfill';
import type { Envelope, MessageType, Reply, RequestOf, ResponseOf } from '../shared/messages.ts';

export type Handler<K extends MessageType> = (
  payload: RequestOf<K>,
  sender: Runtime.MessageSender,
) => Promise<ResponseOf<K>>;

/** An error whose message is meant for the user, beside the form field it concerns. */
export class UserFacingError extends Error {
  override readonly name = 'UserFacingError';
  constructor(
    message: string,
    readonly field?: string,
  ) {
    super(message);
  }
}

function isEnvelope(message: unknown): message is Envelope {
  return typeof message === 'object' && message !== null && (message as Envelope).bridge === 1;
}

/**
 * Routes messages from the options page and content scripts to one handler per type, and turns
 * every thrown error into a Reply: the one place background message errors are caught.
 */
export function createRouter() {
  const handlers = new Map<MessageType, Handler<MessageType>>();

  function on<K extends MessageType>(type: K, handler: Handler<K>): void {
    // Stored under its own key, so each handler only ever receives its own type's payload.
    handlers.set(type, handler as unknown as Handler<MessageType>);
  }

  async function dispatch(message: Envelope, sender: Runtime.MessageSender): Promise<Reply> {
    const handler = handlers.get(message.type);
    if (!handler) return { ok: false, error: `Unknown message: ${String(message.type)}` };
    try {
      return { ok: true, value: await handler(message.payload, sender) };
    } catch (error) {
      const field = error instanceof UserFacingError ? error.field : undefined;
      const text = error instanceof Error ? error.message : String(error);
      return { ok: false, error: text, ...(field && { field }) };
    }
  }

  function listen(): void {
    browser.runtime.onMessage.addListener((message: unknown, sender: Runtime.MessageSender) => {
      // Only messages from this extension's own pages and scripts are ours to answer.
      if (!isEnvelope(message) || sender.id !== browser.runtime.id) return undefined;
      return dispatch(message, sender);
    });
  }

  return { on, dispatch, listen };
}

export type Router = ReturnType<typeof createRouter>;
