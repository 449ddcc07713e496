import {
  xDeleteNoticeSchema,
  xLegacyDeleteNoticeSchema,
  xStreamLineSchema,
} from '../x/x-schemas.ts';
import type { XProblem } from '../x/x-schemas.ts';

/** What one line of the filtered stream says. */
export type StreamLine =
  | { kind: 'post'; data: unknown; includes: unknown }
  | { kind: 'delete'; postId: string }
  | { kind: 'error'; problems: XProblem[] }
  | { kind: 'other' }
  | { kind: 'malformed'; reason: string };

/**
 * Reads one line. X may add message types at any time and fields in any order
 * (consuming-streaming-data.mdx): unknown messages are `other`, never an error.
 */
export function readStreamLine(line: string): StreamLine {
  let json: unknown;
  try {
    json = JSON.parse(line);
  } catch {
    return { kind: 'malformed', reason: 'not JSON' };
  }

  const notice = xDeleteNoticeSchema.safeParse(json);
  if (notice.success) return { kind: 'delete', postId: notice.data.data.delete.tweet.id };
  const legacy = xLegacyDeleteNoticeSchema.safeParse(json);
  if (legacy.success) return { kind: 'delete', postId: legacy.data.delete.status.id_str };

  const parsed = xStreamLineSchema.safeParse(json);
  if (!parsed.success) return { kind: 'malformed', reason: 'not an object' };
  const { data, includes, errors } = parsed.data;
  if (data !== undefined) return { kind: 'post', data, includes };
  if (errors) return { kind: 'error', problems: errors };
  return { kind: 'other' };
}
