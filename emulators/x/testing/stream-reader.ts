/** One thing read from a filtered-stream body. */
export type StreamEvent =
  { kind: 'keep-alive' } | { kind: 'message'; json: unknown } | { kind: 'end' };

/**
 * Splits a stream body into keep-alives (a bare `\r\n`) and JSON messages (`{...}\r\n`), one
 * `next()` at a time, as a client reading X's stream would. `onMessage` sees every message
 * (tests check each against the spec there).
 */
export function readStream(body: ReadableStream<Uint8Array>, onMessage?: (json: unknown) => void) {
  const reader = body.getReader();
  const decoder = new TextDecoder();
  let buffer = '';
  let ended = false;

  async function next(): Promise<StreamEvent> {
    for (;;) {
      const cut = buffer.indexOf('\r\n');
      if (cut >= 0) {
        const line = buffer.slice(0, cut);
        buffer = buffer.slice(cut + 2);
        if (line === '') return { kind: 'keep-alive' };
        const json = JSON.parse(line) as unknown;
        onMessage?.(json);
        return { kind: 'message', json };
      }
      if (ended) return { kind: 'end' };
      const chunk = await reader.read().catch(() => ({ done: true as const, value: undefined }));
      if (chunk.done) ended = true;
      else buffer += decoder.decode(chunk.value, { stream: true });
    }
  }

  /** Reads until a message comes (skipping keep-alives); fails if the stream ends first. */
  async function nextMessage(): Promise<unknown> {
    for (;;) {
      const event = await next();
      if (event.kind === 'message') return event.json;
      if (event.kind === 'end') throw new Error('the stream ended before a message came');
    }
  }

  return { next, nextMessage, cancel: () => reader.cancel().catch(() => undefined) };
}
