import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * One capture of `shared/fixtures/gnusocial-api/`: the curl command, the request as sent, and
 * the real site's answer. Captures are read at test time from the shared folder, never copied.
 */
export interface Capture {
  file: string;
  /** `Date` of the answer, in ms: the replay runs the emulator's clock at this time. */
  at: number;
  request: {
    method: string;
    /** Path and query, as sent. */
    target: string;
    host: string;
    headers: Record<string, string>;
    body:
      | { kind: 'none' }
      | { kind: 'raw'; text: string }
      | { kind: 'multipart'; fields: [string, string][] };
  };
  response: {
    status: number;
    headers: Record<string, string>;
    body: string;
  };
}

export const capturesDir = join(import.meta.dirname, '../../../../shared/fixtures/gnusocial-api');

function sections(text: string): Map<string, string> {
  const out = new Map<string, string>();
  const parts = text.split(/^### (.+)$/m);
  for (let i = 1; i < parts.length; i += 2) out.set(parts[i] ?? '', parts[i + 1] ?? '');
  return out;
}

/** Shell words of a one-line command: backslash escapes and quotes, as the captures use them. */
export function shellWords(line: string): string[] {
  const words: string[] = [];
  let word = '';
  let inWord = false;
  let quote: '"' | "'" | null = null;
  for (let i = 0; i < line.length; i++) {
    const char = line[i] ?? '';
    if (quote) {
      if (char === quote) quote = null;
      else if (char === '\\' && quote === '"' && i + 1 < line.length) word += line[++i];
      else word += char;
    } else if (char === '\\' && i + 1 < line.length) {
      word += line[++i];
      inWord = true;
    } else if (char === '"' || char === "'") {
      quote = char;
      inWord = true;
    } else if (/\s/.test(char)) {
      if (inWord) words.push(word);
      word = '';
      inWord = false;
    } else {
      word += char;
      inWord = true;
    }
  }
  if (inWord) words.push(word);
  return words;
}

/** curl's `--data-urlencode name=content`: everything but unreserved characters escaped. */
function curlEscape(text: string): string {
  return encodeURIComponent(text).replace(
    /[!'()*]/g,
    (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`,
  );
}

function bodyOf(words: string[]): Capture['request']['body'] {
  const data: string[] = [];
  const fields: [string, string][] = [];
  for (let i = 0; i < words.length; i++) {
    const [flag, value = ''] = [words[i], words[i + 1]];
    if (flag === '-d' || flag === '--data') data.push(value);
    else if (flag === '--data-urlencode') {
      const eq = value.indexOf('=');
      data.push(
        eq < 0 ? curlEscape(value) : `${value.slice(0, eq)}=${curlEscape(value.slice(eq + 1))}`,
      );
    } else if (flag === '-F') {
      const eq = value.indexOf('=');
      fields.push([value.slice(0, eq), value.slice(eq + 1)]);
    } else continue;
    i++;
  }
  if (fields.length > 0) return { kind: 'multipart', fields };
  return data.length > 0 ? { kind: 'raw', text: data.join('&') } : { kind: 'none' };
}

function headerMap(lines: string[]): Record<string, string> {
  const out: Record<string, string> = {};
  for (const line of lines) {
    const colon = line.indexOf(':');
    if (colon > 0) out[line.slice(0, colon).trim().toLowerCase()] = line.slice(colon + 1).trim();
  }
  return out;
}

export function parseCapture(file: string, text: string): Capture {
  const parts = sections(text);
  const command = (parts.get('COMMAND') ?? '').trim();
  const sent = (parts.get('REQUEST (as sent, from curl -v)') ?? '')
    .replace(/\r/g, '')
    .trim()
    .split('\n');
  const answered = (parts.get('RESPONSE HEADERS') ?? '').trim().split('\n');

  const [method = 'GET', target = '/'] = (sent[0] ?? '').split(' ');
  const requestHeaders = headerMap(sent.slice(1));
  const responseHeaders = headerMap(answered.slice(1));
  // The capture script printed bodies through `$(...)`, which drops trailing newlines.
  const body = (parts.get('RESPONSE BODY (raw)') ?? '').replace(/^\n/, '').replace(/\n+$/, '');

  return {
    file,
    at: Date.parse(responseHeaders.date ?? ''),
    request: {
      method,
      target,
      host: requestHeaders.host ?? '127.0.0.1:8088',
      headers: requestHeaders,
      body: bodyOf(shellWords(command)),
    },
    response: {
      status: Number((answered[0] ?? '').split(' ')[1]),
      headers: responseHeaders,
      body,
    },
  };
}

/** Every capture, in the order they were made (answer time, then file name). */
export function loadCaptures(): Capture[] {
  return readdirSync(capturesDir)
    .filter((file) => file.endsWith('.txt'))
    .map((file) => parseCapture(file, readFileSync(join(capturesDir, file), 'utf8')))
    .sort((a, b) => a.at - b.at || (a.file < b.file ? -1 : 1));
}
