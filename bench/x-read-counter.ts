/**
 * A `fetch` for the relay's X client that counts, per endpoint, the calls made and the posts
 * X returned: X bills reads per post (pay-per-use: $0.005 a post read, changelog of Oct 2025),
 * and the emulator's request journal counts calls but not what they returned.
 */
export interface EndpointReads {
  endpoint: string;
  calls: number;
  posts: number;
}

const STREAM_PATH = '/2/tweets/search/stream';

/** Endpoints whose `data` are posts: lookups, searches, timelines (not rules, not users). */
const readsPosts = (path: string) =>
  (path.startsWith('/2/tweets') && !path.endsWith('/rules')) ||
  /^\/2\/users\/\d+\/tweets$/.test(path);

/** `GET /2/tweets/123` -> `GET /2/tweets/:id`, so calls group by endpoint. */
function endpointOf(method: string, url: URL): string {
  return `${method} ${url.pathname.replace(/\/[0-9]{2,}(?=\/|$)/g, '/:id')}`;
}

export function createXReadCounter(inner: typeof fetch = fetch) {
  const counts = new Map<string, EndpointReads>();
  const entry = (endpoint: string) => {
    let found = counts.get(endpoint);
    if (!found) counts.set(endpoint, (found = { endpoint, calls: 0, posts: 0 }));
    return found;
  };

  const countingFetch: typeof fetch = async (input, init) => {
    const url = new URL(input instanceof Request ? input.url : String(input));
    const method = init?.method ?? (input instanceof Request ? input.method : 'GET');
    const counted = entry(endpointOf(method, url));
    counted.calls += 1;
    const response = await inner(input, init);
    if (!response.body) return response;

    if (url.pathname === STREAM_PATH) {
      // One post per line that carries `data`; keep-alives are bare line breaks.
      let tail = '';
      const decoder = new TextDecoder();
      const counter = new TransformStream<Uint8Array, Uint8Array>({
        transform(chunk, controller) {
          const lines = (tail + decoder.decode(chunk, { stream: true })).split('\n');
          tail = lines.pop() ?? '';
          counted.posts += lines.filter((line) => line.startsWith('{"data"')).length;
          controller.enqueue(chunk);
        },
      });
      const { status, statusText, headers } = response;
      return new Response(response.body.pipeThrough(counter), { status, statusText, headers });
    }

    if (readsPosts(url.pathname) && response.headers.get('content-type')?.includes('json')) {
      const body = (await response.clone().json()) as { data?: unknown };
      if (Array.isArray(body.data)) counted.posts += body.data.length;
      else if (body.data) counted.posts += 1;
    }
    return response;
  };

  return { fetch: countingFetch, counts: () => [...counts.values()] };
}
