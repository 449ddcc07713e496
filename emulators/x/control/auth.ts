import { Hono } from 'hono';
import { z } from 'zod';
import type { XContext } from '../context.ts';
import type { World } from '../world.ts';
import { WorldError } from '../world.ts';
import { parseBody } from './parse.ts';

const tokenTarget = z.union([z.object({ token: z.string() }), z.object({ userId: z.string() })]);

/** Tokens minted without the consent flow, their expiry and revocation, clients, sign-in. */
export function authControl(ctx: XContext, world: World): Hono {
  const app = new Hono();

  app.post('/tokens', async (c) => {
    const body = await parseBody(
      c,
      z.object({
        userId: z.string(),
        scopes: z.array(z.string()).optional(),
        expiresInSeconds: z.number().int().positive().optional(),
        clientId: z.string().optional(),
      }),
    );
    return c.json(
      world.mintToken(body.userId, body.scopes, body.expiresInSeconds, body.clientId),
      201,
    );
  });

  app.post('/tokens/expire', async (c) => {
    const target = await parseBody(c, tokenTarget);
    const hits =
      'token' in target
        ? [ctx.tokens.expire(target.token)]
        : ctx.tokens.forUser(target.userId).expire();
    return c.json({ expired: hits.filter(Boolean).length });
  });

  app.post('/tokens/revoke', async (c) => {
    const target = await parseBody(c, tokenTarget);
    const hits =
      'token' in target
        ? [ctx.tokens.revoke(target.token)]
        : ctx.tokens.forUser(target.userId).revoke();
    return c.json({ revoked: hits.filter(Boolean).length });
  });

  app.put('/signed-in-user', async (c) => {
    const { userId } = await parseBody(c, z.object({ userId: z.string().nullable() }));
    if (userId !== null) world.user(userId);
    ctx.settings.signedInUserId = userId;
    return c.json({ userId });
  });

  app.get('/oauth/clients', (c) => c.json(ctx.clients.list()));
  app.post('/oauth/clients', async (c) => {
    const body = await parseBody(
      c,
      z.object({
        clientId: z.string().min(1).optional(),
        name: z.string().optional(),
        redirectUris: z.array(z.string()).min(1),
      }),
    );
    const client = ctx.clients.register({
      id: body.clientId ?? Buffer.from(`${ctx.nextId()}:1:ci`).toString('base64url'),
      name: body.name,
      redirectUris: body.redirectUris,
    });
    return c.json(client, 201);
  });
  app.post('/oauth/clients/:clientId/redirect-uris', async (c) => {
    const { uri } = await parseBody(c, z.object({ uri: z.string().min(1) }));
    const client = ctx.clients.get(c.req.param('clientId'));
    if (!client) throw new WorldError(`Unknown client ${c.req.param('clientId')}`, 404);
    client.redirectUris.push(uri);
    return c.json(client, 201);
  });

  return app;
}
