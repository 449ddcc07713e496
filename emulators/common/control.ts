import { Hono } from 'hono';
import type { Faults } from './faults.ts';
import { faultSchema } from './faults.ts';
import type { Journal } from './journal.ts';

/**
 * The control routes both emulators share, mounted under `/_control`: inject and clear faults,
 * read and clear the request journal. Each emulator adds its own routes (users, posts) beside.
 */
export function controlRoutes(faults: Faults, journal: Journal): Hono {
  const control = new Hono();

  control.post('/faults', async (c) => {
    const parsed = faultSchema.safeParse(await c.req.json().catch(() => undefined));
    if (!parsed.success) return c.json({ error: parsed.error.message }, 400);
    return c.json({ id: faults.add(parsed.data) }, 201);
  });
  control.get('/faults', (c) => c.json(faults.list()));
  control.delete('/faults', (c) => {
    faults.clear();
    return c.body(null, 204);
  });

  control.get('/requests', (c) => c.json(journal.entries()));
  control.delete('/requests', (c) => {
    journal.clear();
    return c.body(null, 204);
  });

  return control;
}
