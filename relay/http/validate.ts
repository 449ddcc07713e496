import type { Context } from 'hono';
import type { z } from 'zod';
import { describeIssues, fail } from './http-error.ts';

/** The request's JSON body, validated; 400 naming the field otherwise. Empty reads as `{}`. */
export async function readBody<S extends z.ZodType>(c: Context, schema: S): Promise<z.output<S>> {
  const text = await c.req.text();
  let json: unknown = {};
  if (text.trim() !== '') {
    try {
      json = JSON.parse(text);
    } catch {
      fail(400, 'the body is not valid JSON');
    }
  }
  const parsed = schema.safeParse(json);
  if (!parsed.success) fail(400, describeIssues(parsed.error, 'body'));
  return parsed.data;
}

/** The query string, validated; 400 naming the parameter otherwise. */
export function readQuery<S extends z.ZodType>(c: Context, schema: S): z.output<S> {
  const parsed = schema.safeParse(c.req.query());
  if (!parsed.success) fail(400, describeIssues(parsed.error, 'query'));
  return parsed.data;
}
