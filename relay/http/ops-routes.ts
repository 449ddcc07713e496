import { Hono } from 'hono';
import type { RelayDeps } from './deps.ts';

/** `GET /healthz` (503 while the stream is down) and `GET /metrics` (Prometheus text). */
export function opsRoutes(deps: RelayDeps): Hono {
  const routes = new Hono();

  routes.get('/healthz', (c) => {
    const health = deps.health();
    return c.json(health, health.ok ? 200 : 503);
  });

  routes.get('/metrics', async (c) => {
    const { registry } = deps.metrics;
    return c.body(await registry.metrics(), 200, { 'content-type': registry.contentType });
  });

  return routes;
}
