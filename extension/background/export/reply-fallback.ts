import { cutToFit } from '../compose/word-cut.ts';
import { isValidXText } from '../compose/x-length.ts';

/**
 * The text of a reply X refused, as a post of its own that links its parent (X shows the link
 * as a card, so readers still find the conversation). The reply's text is cut at a word
 * boundary, with ` … `, if the link does not fit beside it.
 */
export function replyFallbackText(text: string, parentUrl: string): string {
  const whole = `${text} ${parentUrl}`;
  if (isValidXText(whole)) return whole;

  const cut = cutToFit(text, (prefix) => isValidXText(`${prefix} … ${parentUrl}`));
  return cut === '' ? parentUrl : `${cut} … ${parentUrl}`;
}
