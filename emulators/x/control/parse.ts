import type { Context } from 'hono';
import type { z } from 'zod';
import { WorldError } from '../world.ts';

/** Reads a control request body against a schema; a bad body is a 400 with zod's words. */
export async function parseBody<T extends z.ZodType>(c: Context, schema: T): Promise<z.infer<T>> {
  const raw: unknown = await c.req.json().catch(() => undefined);
  const parsed = schema.safeParse(raw ?? {});
  if (!parsed.success)
    throw new WorldError(
      parsed.error.issues.map((i) => `${i.path.join('.') || 'body'}: ${i.message}`).join('; '),
    );
  return parsed.data;
}
