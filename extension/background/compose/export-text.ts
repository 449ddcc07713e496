import { addressForX, type AddressingContext, xMentions } from './export-addressing.ts';
import { removeHashtag } from './hashtags.ts';
import { cutToFit } from './word-cut.ts';
import { isValidXText } from './x-length.ts';

/** The part of a StatusNet notice its X text is made from. */
export interface ExportNotice {
  /** GNU social's `text`: already plain text, never HTML. */
  text: string;
}

export interface ExportTextContext extends AddressingContext {
  /** The notice's permalink, appended when the text had to be cut. */
  noticeUrl: string;
  /** Tags to leave out of the post, e.g. the opt-in tag `#x` (with or without `#`). */
  stripTags?: readonly string[];
}

export interface ExportText {
  text: string;
  /** The text was cut; it then ends with ` … ` and the notice's URL. */
  truncated: boolean;
}

// X refuses these outright (twitter-text's invalid characters); a lone surrogate would reach X
// as invalid UTF-8, so it becomes U+FFFD as any decoder would make it.
const REFUSED_BY_X = /[\uFFFE\uFEFF\uFFFF]/g;
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

function plain(text: string): string {
  return text.replace(/\r\n?/g, '\n').replace(REFUSED_BY_X, '').replace(LONE_SURROGATE, '\uFFFD');
}

const strangersIn = (text: string, handles: Set<string>) =>
  xMentions(text).filter((name) => !handles.has(name));

/** Ready for X: accepted as a post, and mentioning no one but the linked handles. */
const postable = (text: string, handles: Set<string>) =>
  isValidXText(text) && strangersIn(text, handles).length === 0;

function fitOnX(body: string, url: string, handles: Set<string>): ExportText {
  // Nothing left once the tags are gone: the post still points to the notice.
  if (body === '') return { text: url, truncated: false };
  if (isValidXText(body)) return { text: body, truncated: false };

  // A cut can turn inert text into a mention (`RT@bob@host` cut after `bob`): such a cut does
  // not fit either.
  const cut = cutToFit(body, (prefix) => postable(`${prefix} … ${url}`, handles));
  const text = cut === '' ? `… ${url}` : `${cut} … ${url}`;
  if (!isValidXText(text)) throw new Error(`The notice's URL is too long for an X post: ${url}`);
  return { text, truncated: true };
}

/**
 * The X post text for a StatusNet notice: GNU social addressing rewritten so that no one on X
 * is mentioned unless linked (see {@link addressForX}), the strip tags removed, and, over X's
 * 280 weighted characters, cut at a word boundary with ` … ` and the notice's URL appended.
 * Throws if a stranger would still be mentioned: posting that must never happen.
 *
 * @example
 * composeExportText({ text: 'hi @bob !linux' }, { siteHost: 'social.example',
 *   handleFor: () => undefined, noticeUrl: 'https://social.example/notice/1' })
 * // { text: 'hi bob@social.example #linux', truncated: false }
 */
export function composeExportText(notice: ExportNotice, context: ExportTextContext): ExportText {
  let text = plain(notice.text);
  for (const tag of context.stripTags ?? []) text = removeHashtag(text, tag);

  const { text: addressed, handles } = addressForX(text.trim(), context);
  const result = fitOnX(addressed.trim(), context.noticeUrl, handles);

  const strangers = strangersIn(result.text, handles);
  if (strangers.length > 0) {
    throw new Error(`Refusing to post a text that mentions @${strangers.join(', @')} on X.`);
  }
  return result;
}
