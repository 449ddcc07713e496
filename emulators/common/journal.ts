import type { MiddlewareHandler } from 'hono';

/** One request an emulator received, as a test reads it back. */
export interface JournalEntry {
  at: number;
  method: string;
  path: string;
  query: string;
  status: number;
  /** The Authorization scheme only (`Basic`, `Bearer`, `OAuth`): never the credential. */
  authScheme: string | undefined;
}

/**
 * Records every request (but the control API's own) so tests can count calls and check what
 * was done, e.g. "no post was made twice" or "StatusNet calls per idle hour".
 */
export function createJournal(limit = 50_000) {
  const entries: JournalEntry[] = [];

  const middleware: MiddlewareHandler = async (c, next) => {
    const url = new URL(c.req.url);
    await next();
    if (url.pathname.startsWith('/_control')) return;
    entries.push({
      at: Date.now(),
      method: c.req.method,
      path: url.pathname,
      query: url.search,
      status: c.res.status,
      authScheme: c.req.header('authorization')?.split(' ')[0],
    });
    if (entries.length > limit) entries.splice(0, entries.length - limit);
  };

  return {
    middleware,
    entries: (): readonly JournalEntry[] => entries,
    clear: () => void entries.splice(0),
  };
}
export type Journal = ReturnType<typeof createJournal>;
