import { describe, expect, it } from 'vitest';
import { fetchImage, MediaFetchError } from './media-fetch.ts';

const PNG_HEAD = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];
const png = (size: number) => {
  const bytes = new Uint8Array(size);
  bytes.set(PNG_HEAD);
  return bytes;
};
const serving = (response: () => Response) => (async () => response()) as unknown as typeof fetch;
const options = (fetcher: typeof fetch) => ({
  maxBytes: 1000,
  limitName: "X's limit",
  fetch: fetcher,
});

async function refusal(promise: Promise<unknown>): Promise<MediaFetchError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  if (!(error instanceof MediaFetchError)) throw new Error(`expected a refusal, got ${error}`);
  return error;
}

describe('fetchImage', () => {
  it('returns the bytes and the type read from them, not the declared one', async () => {
    const fetch = serving(
      () => new Response(png(100), { headers: { 'content-type': 'text/plain' } }),
    );
    const image = await fetchImage('https://site.example/a.png', options(fetch));
    expect(image.type).toBe('image/png');
    expect(image.bytes).toHaveLength(100);
  });

  it('refuses a file declared over the limit without reading it', async () => {
    const fetch = serving(() => new Response(png(2000), { headers: { 'content-length': '2000' } }));
    const error = await refusal(fetchImage('https://site.example/a.png', options(fetch)));
    expect(error).toMatchObject({
      transient: false,
      message: "2 kB is over X's limit of 1000 bytes",
    });
  });

  it('stops reading a file that grows past the limit whatever it declared', async () => {
    const body = new ReadableStream<Uint8Array>({
      pull(controller) {
        controller.enqueue(png(600));
      },
    });
    const fetch = serving(() => new Response(body));
    const error = await refusal(fetchImage('https://site.example/a.png', options(fetch)));
    expect(error).toMatchObject({
      transient: false,
      message: "the file is over X's limit of 1000 bytes",
    });
  });

  it('refuses what is not an image for good', async () => {
    const fetch = serving(
      () =>
        new Response('<html>not found</html>'.repeat(3), {
          headers: { 'content-type': 'text/html' },
        }),
    );
    const error = await refusal(fetchImage('https://site.example/a.png', options(fetch)));
    expect(error).toMatchObject({ transient: false });
    expect(error.message).toContain('text/html');
  });

  it('calls a server error or an unreachable host transient, a 404 permanent', async () => {
    const down = serving(() => new Response('', { status: 503 }));
    expect((await refusal(fetchImage('https://site.example/a', options(down)))).transient).toBe(
      true,
    );
    const gone = serving(() => new Response('', { status: 404 }));
    expect((await refusal(fetchImage('https://site.example/a', options(gone)))).transient).toBe(
      false,
    );
    const unreachable = (async () => {
      throw new TypeError('Failed to fetch');
    }) as unknown as typeof fetch;
    const error = await refusal(fetchImage('https://site.example/a', options(unreachable)));
    expect(error).toMatchObject({ transient: true, message: 'site.example could not be reached' });
  });
});
