import type { Context } from 'hono';
import { problems } from './errors.ts';

/** Reads a JSON request body; malformed JSON is X's invalid-request, never a crash. */
export async function readJsonBody(c: Context): Promise<unknown> {
  const text = await c.req.text();
  try {
    return JSON.parse(text) as unknown;
  } catch {
    throw problems.invalidRequest([{ message: 'Request body is not valid JSON.' }]);
  }
}
