import { sniffImageType } from './image-sniff.ts';
import { sizeWords, type ImageType } from './media-rules.ts';

/**
 * A file that could not be fetched as an image. `transient` failures (network, timeout, 5xx,
 * 429) may succeed later; the others (too large, not an image, gone) never will.
 */
export class MediaFetchError extends Error {
  constructor(
    message: string,
    readonly transient: boolean,
  ) {
    super(message);
    this.name = 'MediaFetchError';
  }
}

export interface FetchedImage {
  bytes: Uint8Array<ArrayBuffer>;
  type: ImageType;
}

export interface MediaFetchOptions {
  /** Larger files are refused without being read to the end. */
  maxBytes: number;
  /** What the limit is, for the refusal: `X's limit`, `the site's limit`. */
  limitName: string;
  timeoutMs?: number;
  signal?: AbortSignal;
  fetch?: typeof fetch;
}

/** `size` is undefined when the download was cut off at the limit: the real size is unknown. */
const tooLarge = (size: number | undefined, options: MediaFetchOptions) =>
  new MediaFetchError(
    `${size === undefined ? 'the file' : sizeWords(size)} is over ${options.limitName} of ${sizeWords(options.maxBytes)}`,
    false,
  );

/** Reads a body up to `maxBytes`, cancelling the download as soon as it goes past. */
async function readCapped(response: Response, options: MediaFetchOptions) {
  const reader = response.body?.getReader();
  if (!reader) return new Uint8Array(0);
  const chunks: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.byteLength;
    if (total > options.maxBytes) {
      await reader.cancel();
      throw tooLarge(undefined, options);
    }
    chunks.push(value);
  }
  const bytes = new Uint8Array(total);
  let at = 0;
  for (const chunk of chunks) {
    bytes.set(chunk, at);
    at += chunk.byteLength;
  }
  return bytes;
}

/**
 * Fetches an image from the background (anonymously: attachments are public) with a size cap
 * and a timeout, and checks by its bytes that it is an image X and GNU social take.
 */
export async function fetchImage(url: string, options: MediaFetchOptions): Promise<FetchedImage> {
  const timeout = AbortSignal.timeout(options.timeoutMs ?? 30_000);
  const signal = options.signal ? AbortSignal.any([options.signal, timeout]) : timeout;

  let response: Response;
  try {
    response = await (options.fetch ?? fetch)(url, { credentials: 'omit', signal });
  } catch (error) {
    if (options.signal?.aborted) throw error;
    const why = timeout.aborted ? 'timed out' : 'could not be reached';
    throw new MediaFetchError(`${new URL(url).host} ${why}`, true);
  }
  if (!response.ok) {
    await response.body?.cancel();
    const transient = response.status >= 500 || response.status === 429 || response.status === 408;
    throw new MediaFetchError(`the file could not be fetched (HTTP ${response.status})`, transient);
  }

  // A declared length over the cap spares the download; the count while reading is what holds.
  const declared = Number(response.headers.get('content-length'));
  if (Number.isFinite(declared) && declared > options.maxBytes) {
    await response.body?.cancel();
    throw tooLarge(declared, options);
  }

  let bytes: Uint8Array<ArrayBuffer>;
  try {
    bytes = await readCapped(response, options);
  } catch (error) {
    if (error instanceof MediaFetchError || options.signal?.aborted) throw error;
    throw new MediaFetchError(`the download of ${new URL(url).host} broke off`, true);
  }

  const type = sniffImageType(bytes);
  if (!type) {
    const declaredType = response.headers.get('content-type')?.split(';')[0] ?? 'unknown';
    throw new MediaFetchError(
      `the file is not a JPEG, PNG, WEBP or GIF image (${declaredType})`,
      false,
    );
  }
  return { bytes, type };
}
