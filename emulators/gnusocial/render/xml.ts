import type { JsonObject } from './format.ts';

/**
 * The `.xml` flavour of the API, written as GNU social's XMLWriter output is (captured:
 * `statuses_show_3_xml_format`): one-space indentation, `statusnet_x` keys as `statusnet:x`,
 * booleans as `true` / `false`, nulls as empty elements, attachments as `<enclosure>`s.
 */

const statusnetNs = 'http://status.net/schema/api/1/';

/** XML 1.0 forbids most control characters (`common_xml_safe_str`). */
function safe(text: string): string {
  // eslint-disable-next-line no-control-regex -- matching control characters is the point.
  return text.replace(/[\x00-\x08\x0b\x0c\x0e-\x1f]/g, '');
}

function escapeText(text: string): string {
  return safe(text)
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;');
}

function escapeAttr(text: string): string {
  return escapeText(text).replace(/\n/g, '&#10;').replace(/\r/g, '&#13;').replace(/\t/g, '&#9;');
}

function scalar(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'boolean') return value ? 'true' : 'false';
  return String(value);
}

function tagName(key: string): string {
  return key.startsWith('statusnet_') ? `statusnet:${key.slice(10)}` : key;
}

function attrs(values: Record<string, unknown>): string {
  return Object.entries(values)
    .map(([name, value]) => ` ${name}="${escapeAttr(scalar(value))}"`)
    .join('');
}

/** Builds a document line by line, as XMLWriter with indentation does. */
function createXmlWriter() {
  let out = '<?xml version="1.0" encoding="UTF-8"?>\n';
  const line = (depth: number, text: string) => {
    out += `${' '.repeat(depth)}${text}\n`;
  };

  return {
    element(depth: number, tag: string, value: unknown, attributes: Record<string, unknown> = {}) {
      line(depth, `<${tag}${attrs(attributes)}>${escapeText(scalar(value))}</${tag}>`);
    },
    open(depth: number, tag: string, attributes: Record<string, unknown> = {}) {
      line(depth, `<${tag}${attrs(attributes)}>`);
    },
    close(depth: number, tag: string) {
      line(depth, `</${tag}>`);
    },
    empty(depth: number, tag: string, attributes: Record<string, unknown> = {}) {
      line(depth, `<${tag}${attrs(attributes)}/>`);
    },
    toString: () => out,
  };
}
type XmlWriter = ReturnType<typeof createXmlWriter>;

// The objects come from render/format.ts: `user`, `status` and `retweeted_status` are objects,
// `attachments` an array of enclosures.
function writeStatus(w: XmlWriter, depth: number, status: JsonObject, tag: string, ns: boolean) {
  w.open(depth, tag, ns ? { 'xmlns:statusnet': statusnetNs } : {});
  for (const [key, value] of Object.entries(status)) {
    if (key === 'user') writeUser(w, depth + 1, value as JsonObject, 'user', false);
    else if (key === 'retweeted_status') writeStatus(w, depth + 1, value as JsonObject, key, false);
    else if (key === 'attachments') {
      w.open(depth + 1, 'attachments', { type: 'array' });
      for (const enclosure of value as Record<string, unknown>[]) {
        w.element(depth + 2, 'enclosure', '', enclosure);
      }
      w.close(depth + 1, 'attachments');
    } else w.element(depth + 1, tagName(key), value);
  }
  w.close(depth, tag);
}

function writeUser(w: XmlWriter, depth: number, user: JsonObject, tag: string, ns: boolean) {
  w.open(depth, tag, ns ? { 'xmlns:statusnet': statusnetNs } : {});
  for (const [key, value] of Object.entries(user)) {
    if (key === 'status') writeStatus(w, depth + 1, value as JsonObject, 'status', false);
    else w.element(depth + 1, tagName(key), value);
  }
  w.close(depth, tag);
}

/** A single notice: `<status xmlns:statusnet=...>`. */
export function statusXml(status: JsonObject): string {
  const w = createXmlWriter();
  writeStatus(w, 0, status, 'status', true);
  return w.toString();
}

/** A timeline: `<statuses type="array" ...>`, self-closing when empty as XMLWriter does. */
export function timelineXml(statuses: JsonObject[]): string {
  const w = createXmlWriter();
  const attributes = { type: 'array', 'xmlns:statusnet': statusnetNs };
  if (statuses.length === 0) w.empty(0, 'statuses', attributes);
  else {
    w.open(0, 'statuses', attributes);
    for (const status of statuses) writeStatus(w, 1, status, 'status', false);
    w.close(0, 'statuses');
  }
  return w.toString();
}

export function userXml(user: JsonObject): string {
  const w = createXmlWriter();
  writeUser(w, 0, user, 'user', true);
  return w.toString();
}

/** `clientError()` in XML: `<hash><error/><request/></hash>`. */
export function errorXml(message: string, request: string): string {
  const w = createXmlWriter();
  w.open(0, 'hash');
  w.element(1, 'error', message);
  w.element(1, 'request', request);
  w.close(0, 'hash');
  return w.toString();
}

/**
 * Sections of plain values (`statusnet/config`): nested objects become elements, arrays are
 * joined with commas, and 0 / 1 / booleans read `false` / `true`, as GNU social writes them.
 */
export function plainXml(root: string, value: unknown): string {
  const w = createXmlWriter();
  const write = (depth: number, tag: string, v: unknown) => {
    if (v !== null && typeof v === 'object' && !Array.isArray(v)) {
      w.open(depth, tag);
      for (const [key, inner] of Object.entries(v)) write(depth + 1, key, inner);
      w.close(depth, tag);
    } else if (Array.isArray(v)) w.element(depth, tag, v.join(','));
    else if (v === false || v === 0) w.element(depth, tag, 'false');
    else if (v === true || v === 1) w.element(depth, tag, 'true');
    else w.element(depth, tag, v);
  };
  write(0, root, value);
  return w.toString();
}
