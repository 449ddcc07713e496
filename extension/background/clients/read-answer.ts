/**
 * The largest answer the clients read. The biggest real ones are a 200-notice StatusNet
 * timeline (about 1 MB) and a page of 1,000 followed X accounts (about 200 kB); anything far
 * past that is a proxy, a wrong URL or a broken server, and reading it whole would only cost
 * the service worker its memory.
 */
export const MAX_ANSWER_BYTES = 8 * 1024 * 1024;

/** Why an answer's body could not be read in full. */
export type AnswerFailure = 'cut-off' | 'timed-out' | 'too-large';

/** A failure in words that finish "The site's answer ..." or "X's answer ...". */
export const answerFailureWords: Record<AnswerFailure, string> = {
  'cut-off': 'was cut off before its end',
  'timed-out': 'did not finish in time',
  'too-large': `is larger than ${MAX_ANSWER_BYTES / 1024 / 1024} MB`,
};

/**
 * Reads a response's body as text, at most `maxBytes` of it. A body that breaks off, runs
 * past the timeout or past the cap is a failure the caller turns into its own error, rather
 * than an empty string that would pass for a malformed answer. When the caller's own signal
 * aborted the read, its reason is thrown, as `fetch` does.
 */
export async function readAnswer(
  response: Response,
  signals: { caller?: AbortSignal | undefined; timeout: AbortSignal },
  maxBytes = MAX_ANSWER_BYTES,
): Promise<{ text: string } | { failure: AnswerFailure }> {
  const declared = Number(response.headers.get('content-length'));
  if (declared > maxBytes) {
    await response.body?.cancel().catch(() => undefined);
    return { failure: 'too-large' };
  }
  if (!response.body) return { text: '' };

  const reader = response.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      size += value.byteLength;
      if (size > maxBytes) {
        await reader.cancel().catch(() => undefined);
        return { failure: 'too-large' };
      }
      chunks.push(value);
    }
  } catch (error) {
    if (signals.caller?.aborted) throw signals.caller.reason ?? error;
    return { failure: signals.timeout.aborted ? 'timed-out' : 'cut-off' };
  }

  const decoder = new TextDecoder();
  return {
    text:
      chunks.map((chunk) => decoder.decode(chunk, { stream: true })).join('') + decoder.decode(),
  };
}
