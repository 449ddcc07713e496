import { Hono } from 'hono';
import { z } from 'zod';
import type { XContext } from '../context.ts';
import { DEFAULT_LIMITS } from '../rate-limit.ts';
import {
  applySettings,
  settingsPatchSchema,
  settingsSchema,
  type XSettingsPatch,
} from '../settings.ts';
import { WorldError } from '../world.ts';
import { parseBody } from './parse.ts';

/** Policy switches, stream behaviour, rate limits and the clock. */
export function settingsControl(ctx: XContext): Hono {
  const app = new Hono();

  const update = (patch: XSettingsPatch) => {
    applySettings(ctx.settings, patch);
    if (patch.stream?.keepAliveMs !== undefined) ctx.hub.applyKeepAlive();
    return ctx.settings;
  };

  app.get('/settings', (c) => c.json(ctx.settings));
  app.patch('/settings', async (c) => c.json(update(await parseBody(c, settingsPatchSchema))));
  app.get('/policy', (c) => c.json(ctx.settings.policy));
  app.put('/policy', async (c) => {
    const policy = await parseBody(c, settingsSchema.shape.policy.partial().strict());
    return c.json(update({ policy }).policy);
  });
  app.put('/stream', async (c) => {
    const stream = await parseBody(c, settingsSchema.shape.stream.partial().strict());
    return c.json(update({ stream }).stream);
  });

  app.get('/stream', (c) =>
    c.json({
      connections: ctx.hub.connections().map((conn) => ({ id: conn.id, stalled: conn.stalled })),
      rules: [...ctx.state.rules.values()].map(({ id, value, tag }) => ({ id, value, tag })),
    }),
  );
  app.post('/stream/disconnect', async (c) => {
    const { mode } = await parseBody(
      c,
      z.object({ mode: z.enum(['end', 'operational', 'drop']).default('drop') }),
    );
    return c.json({ disconnected: ctx.hub.disconnectAll(mode) });
  });
  app.post('/stream/stall', async (c) => {
    const { stalled } = await parseBody(c, z.object({ stalled: z.boolean() }));
    ctx.hub.stall(stalled);
    return c.json({ stalled });
  });

  app.get('/rate-limits', (c) =>
    c.json({ defaults: DEFAULT_LIMITS, overrides: ctx.limiter.overrides() }),
  );
  app.put('/rate-limits', async (c) => {
    const body = await parseBody(
      c,
      z.object({
        endpoint: z.string(),
        limit: z.number().int().min(0),
        windowMs: z
          .number()
          .int()
          .min(1)
          .default(15 * 60_000),
      }),
    );
    if (!DEFAULT_LIMITS[body.endpoint])
      throw new WorldError(
        `Unknown endpoint "${body.endpoint}"; one of: ${Object.keys(DEFAULT_LIMITS).join(', ')}`,
      );
    ctx.limiter.override(body.endpoint, { limit: body.limit, windowMs: body.windowMs });
    return c.json(ctx.limiter.overrides());
  });
  app.delete('/rate-limits', (c) => {
    ctx.limiter.reset(c.req.query('overrides') === 'true');
    return c.body(null, 204);
  });

  app.get('/clock', (c) => c.json({ now: ctx.clock.now() }));
  app.post('/clock/advance', async (c) => {
    const { ms } = await parseBody(c, z.object({ ms: z.number().int().min(0) }));
    ctx.clock.advance(ms);
    return c.json({ now: ctx.clock.now() });
  });

  return app;
}
