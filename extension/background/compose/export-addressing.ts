import twitterText from 'twitter-text';

/** What the export needs to know to address people and groups on X. */
export interface AddressingContext {
  /** Host of the StatusNet site, for `nick@host` (e.g. `social.example`). */
  siteHost: string;
  /** The X handle linked to a StatusNet nickname (as written in the notice), if known. */
  handleFor: (nick: string) => string | null | undefined;
}

type Range = readonly [start: number, end: number];

// GNU social nicknames (Nickname::DISPLAY_FMT).
const NICK_CHAR = /[0-9A-Za-z_]/;

// `@nick@host`: a federated address. GNU social links it to the remote profile; on X it must
// read as an address, not as an `@` that looks like a mention (X extracts a too-long nick as
// one). The look-behind is X's: only ASCII word characters and at signs keep an `@` inert.
const FEDERATED = /(?<![A-Za-z0-9_@＠])[@＠](?=[\p{L}\p{N}_.+-]+[@＠][\p{L}\p{N}-])/gu;
const AT_SIGN = /[@＠]/;

// `!group` where GNU social sees one: at the start or after a space or `.,:;`.
const GROUP_BANG = /(?<![^\s.,:;])!(?=[0-9A-Za-z_])/g;

const urlRanges = (text: string): Range[] =>
  twitterText.extractUrlsWithIndices(text).map((u) => u.indices);

function replaceOutsideUrls(text: string, pattern: RegExp, by: string): string {
  const urls = urlRanges(text);
  return text.replace(pattern, (match, offset: number) =>
    urls.some(([start, end]) => start <= offset && offset < end) ? match : by,
  );
}

function linkedHandle(nick: string, context: AddressingContext): string | undefined {
  const handle = context.handleFor(nick)?.replace(/^@/, '');
  // A malformed handle would be read by X up to its first odd character: someone else.
  return handle && twitterText.isValidUsername(`@${handle}`) ? handle : undefined;
}

function strangerAddress(nick: string, context: AddressingContext): string {
  // X reads `RT@host` as a retweet marker followed by a mention of `host`; the profile path
  // addresses that one nickname without an `@`.
  return /^rt$/i.test(nick) ? `${context.siteHost}/${nick}` : `${nick}@${context.siteHost}`;
}

/**
 * Rewrites every mention X would see: to `@handle` when the nickname is linked to an X account,
 * else to `nick@host`, which X links to no one. X reads at most 20 characters of a name, so the
 * whole GNU social nickname (up to 64) is taken, never only what X saw.
 */
function rewriteMentions(text: string, context: AddressingContext, handles: Set<string>): string {
  const mentions = twitterText
    .extractEntitiesWithIndices(text)
    .filter((entity) => 'screenName' in entity)
    .sort((a, b) => a.indices[0] - b.indices[0]);

  let out = '';
  let cursor = 0;
  for (const { indices } of mentions) {
    const [at] = indices;
    let end = at + 1;
    while (end < text.length && NICK_CHAR.test(text[end]!)) end++;
    const nick = text.slice(at + 1, end);
    if (AT_SIGN.test(text[end] ?? '')) {
      // The start of a federated address that FEDERATED could not see: keep it an address.
      out += text.slice(cursor, at) + nick;
      cursor = end;
      continue;
    }

    const handle = linkedHandle(nick, context);
    if (handle) handles.add(handle.toLowerCase());
    out += text.slice(cursor, at) + (handle ? `@${handle}` : strangerAddress(nick, context));
    cursor = end;
  }
  return out + text.slice(cursor);
}

/**
 * Turns GNU social addressing into X's: `!group` becomes `#group`, `@nick@host` becomes
 * `nick@host`, and `@nick` becomes the linked `@handle` or `nick@siteHost`. URLs are left as
 * they are. Returns the handles it wrote, in lower case: the only mentions the text may hold.
 */
export function addressForX(
  text: string,
  context: AddressingContext,
): { text: string; handles: Set<string> } {
  const handles = new Set<string>();
  let out = replaceOutsideUrls(text, FEDERATED, '');
  out = replaceOutsideUrls(out, GROUP_BANG, '#');
  out = rewriteMentions(out, context, handles);
  return { text: out, handles };
}

/** The mentions X would extract from the text, in lower case. */
export function xMentions(text: string): string[] {
  return twitterText
    .extractEntitiesWithIndices(text)
    .flatMap((entity) => ('screenName' in entity ? [entity.screenName.toLowerCase()] : []));
}
