import { Hono } from 'hono';
import { z } from 'zod';
import { APP_ONLY, guard } from './auth.ts';
import type { XContext, XEnv } from './context.ts';
import { problems } from './errors.ts';
import { ID_PATTERN } from './ids.ts';
import { offsetToken, readOffsetToken } from './pagination.ts';
import { idError, readQuery } from './params.ts';
import { isoTime } from './render.ts';
import { readJsonBody } from './body.ts';
import { addRules, deleteRules, ruleJson } from './rule-changes.ts';

const requestSchema = z.union([
  z
    .object({ add: z.array(z.object({ value: z.string(), tag: z.string().optional() }).strict()) })
    .strict(),
  z
    .object({
      delete: z
        .object({ ids: z.array(z.string()).optional(), values: z.array(z.string()).optional() })
        .strict(),
    })
    .strict(),
]);

/** `GET` and `POST /2/tweets/search/stream/rules` (app-only bearer token). */
export function rulesRoutes(ctx: XContext): Hono<XEnv> {
  const app = new Hono<XEnv>();

  app.get(
    '/2/tweets/search/stream/rules',
    guard(ctx, 'GET /2/tweets/search/stream/rules', APP_ONLY),
    (c) => {
      const q = readQuery(c, ['ids', 'max_results', 'pagination_token']);
      const ids = q.raw('ids')?.split(',');
      const max = q.integer('max_results', 1, 1000, 1000);
      for (const id of ids ?? []) if (!ID_PATTERN.test(id)) q.errors.push(idError('ids', id));
      const token = q.raw('pagination_token');
      const offset = token === undefined ? 0 : readOffsetToken(token);
      if (offset === undefined) {
        q.errors.push({
          parameters: { pagination_token: [token ?? ''] },
          message: `The \`pagination_token\` query parameter value [${token}] is not valid`,
        });
      }
      q.done();

      const start = offset ?? 0;
      const all = [...ctx.state.rules.values()].filter((r) => !ids || ids.includes(r.id));
      const page = all.slice(start, start + max);
      const meta = {
        sent: isoTime(ctx.clock.now()),
        result_count: page.length,
        ...(start + max < all.length ? { next_token: offsetToken(start + max) } : {}),
      };
      return c.json(page.length > 0 ? { data: page.map(ruleJson), meta } : { meta });
    },
  );

  app.post(
    '/2/tweets/search/stream/rules',
    guard(ctx, 'POST /2/tweets/search/stream/rules', APP_ONLY),
    async (c) => {
      const q = readQuery(c, ['dry_run', 'delete_all']);
      const dryRun = q.list('dry_run', ['true', 'false']).has('true');
      const deleteAll = q.list('delete_all', ['true', 'false']).has('true');
      q.done();
      if (deleteAll) return c.json(deleteRules(ctx, { ids: [...ctx.state.rules.keys()] }, dryRun));

      const parsed = requestSchema.safeParse(await readJsonBody(c));
      if (!parsed.success) {
        throw problems.invalidRequest([
          {
            message:
              'The request body must be {"add": [{"value", "tag"?}]} or {"delete": {"ids"|"values"}}.',
          },
        ]);
      }
      if ('delete' in parsed.data) return c.json(deleteRules(ctx, parsed.data.delete, dryRun));
      const { status, response } = addRules(ctx, parsed.data.add, dryRun);
      return c.json(response, status);
    },
  );

  return app;
}
