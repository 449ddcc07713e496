import { phpTrim } from '../domain/php.ts';

export interface UploadedFile {
  filename: string;
  type: string;
  bytes: Uint8Array<ArrayBuffer>;
}

/**
 * A request as PHP hands it to GNU social: `$_GET`, `$_POST` (filled only for form-encoded and
 * multipart POST bodies, never for JSON) and `$_FILES`, merged over the route's own arguments
 * into `$this->args`, so that `show.json?id=4` wins over `/show/3.json` as on the real site.
 */
export interface ApiRequest {
  method: string;
  url: URL;
  /** `$_SERVER['REQUEST_URI']`: path and query as sent, echoed in error bodies. */
  uri: string;
  headers: Headers;
  query: Record<string, string>;
  post: Record<string, string>;
  files: Record<string, UploadedFile>;
  /** Whether `post` came from an urlencoded body (such parameters are OAuth-signed). */
  formEncoded: boolean;
  /** `$_SERVER['CONTENT_LENGTH']`. */
  contentLength: number;
  args: Record<string, string>;
}

// PHP's default `post_max_size`: above it `$_POST` and `$_FILES` are silently empty.
const postMaxBytes = 8 * 1024 * 1024;

function fromSearch(params: URLSearchParams): Record<string, string> {
  // Last value wins for repeated keys, as PHP's parse_str does.
  const out: Record<string, string> = {};
  for (const [key, value] of params) out[key] = value;
  return out;
}

async function readBody(raw: Request, contentType: string) {
  const post: Record<string, string> = {};
  const files: Record<string, UploadedFile> = {};
  const bytes = new Uint8Array(await raw.arrayBuffer());
  const empty = { post, files, formEncoded: false, size: bytes.length };
  if (bytes.length > postMaxBytes) return empty;

  if (contentType.startsWith('application/x-www-form-urlencoded')) {
    const text = new TextDecoder().decode(bytes);
    return { ...empty, post: fromSearch(new URLSearchParams(text)), formEncoded: true };
  }
  if (!contentType.startsWith('multipart/form-data')) return empty;

  try {
    // The original header, not the lowercased one: the boundary is case-sensitive (Chrome's
    // `----WebKitFormBoundaryAbC…` would no longer match the body).
    const headers = { 'content-type': raw.headers.get('content-type') ?? contentType };
    const form = await new Response(bytes, { headers }).formData();
    for (const [key, value] of form) {
      if (typeof value === 'string') post[key] = value;
      else {
        const fileBytes = new Uint8Array(await value.arrayBuffer());
        files[key] = { filename: value.name, type: value.type, bytes: fileBytes };
      }
    }
  } catch {
    // A malformed multipart body leaves PHP with nothing parsed; so it does here.
    return empty;
  }
  return { ...empty, post, files };
}

export async function readApiRequest(
  raw: Request,
  routeArgs: Record<string, string>,
): Promise<ApiRequest> {
  const url = new URL(raw.url);
  const query = fromSearch(url.searchParams);
  const contentType = (raw.headers.get('content-type') ?? '').toLowerCase();

  const body =
    raw.method === 'POST'
      ? await readBody(raw, contentType)
      : { post: {}, files: {}, formEncoded: false, size: 0 };
  const declared = Number(raw.headers.get('content-length') ?? body.size);

  return {
    method: raw.method,
    url,
    uri: url.pathname + url.search,
    headers: raw.headers,
    query,
    post: body.post,
    files: body.files,
    formEncoded: body.formEncoded,
    contentLength: Number.isFinite(declared) ? declared : body.size,
    args: { ...routeArgs, ...query, ...body.post },
  };
}

/** `$this->trimmed($name)`. */
export function trimmed(req: ApiRequest, name: string): string {
  return phpTrim(req.args[name] ?? '');
}
