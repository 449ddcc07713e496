import type { MiddlewareHandler } from 'hono';
import { z } from 'zod';

/**
 * A fault a test injects into an emulator. It applies to requests whose path starts with
 * `pathPrefix` (and whose method matches, when given), for the next `count` requests or until
 * `untilMs` (epoch ms), whichever is given; with neither it stays until cleared.
 */
export const faultSchema = z.object({
  pathPrefix: z.string().startsWith('/'),
  method: z.string().toUpperCase().optional(),
  /** Answer with this status (and `body`, JSON) instead of handling the request. */
  status: z.number().int().min(100).max(599).optional(),
  body: z.unknown().optional(),
  headers: z.record(z.string(), z.string()).optional(),
  /** Delay the (real or faulty) answer by this many milliseconds. */
  delayMs: z.number().int().min(0).max(600_000).optional(),
  /** Never answer: hold the request open until the client gives up or the fault is cleared. */
  hang: z.boolean().optional(),
  /** Handle the request for real, then hang instead of answering (the outcome is unknown). */
  hangAfterHandling: z.boolean().optional(),
  /** Destroy the connection without an answer. */
  drop: z.boolean().optional(),
  count: z.number().int().min(1).optional(),
  forMs: z.number().int().min(1).optional(),
});
export type FaultSpec = z.infer<typeof faultSchema>;

interface ActiveFault extends FaultSpec {
  id: number;
  remaining: number | undefined;
  untilMs: number | undefined;
}

/** The set of faults an emulator applies; shared by its middleware and its control API. */
export function createFaults() {
  let nextId = 1;
  let active: ActiveFault[] = [];
  const releasers = new Set<() => void>();

  function add(spec: FaultSpec): number {
    const id = nextId++;
    active.push({
      ...spec,
      id,
      remaining: spec.count,
      untilMs: spec.forMs === undefined ? undefined : Date.now() + spec.forMs,
    });
    return id;
  }

  function clear(): void {
    active = [];
    for (const release of releasers) release();
    releasers.clear();
  }

  /** Finds the fault for a request and consumes one of its uses. */
  function take(method: string, path: string): ActiveFault | undefined {
    const now = Date.now();
    active = active.filter(
      (f) => (f.untilMs === undefined || f.untilMs > now) && f.remaining !== 0,
    );
    const fault = active.find(
      (f) => path.startsWith(f.pathPrefix) && (f.method === undefined || f.method === method),
    );
    if (fault?.remaining !== undefined) fault.remaining -= 1;
    return fault;
  }

  /** Waits until the fault set is cleared or the request is aborted. */
  function hold(signal: AbortSignal): Promise<void> {
    return new Promise((resolve) => {
      const release = () => {
        releasers.delete(release);
        resolve();
      };
      releasers.add(release);
      signal.addEventListener('abort', release, { once: true });
    });
  }

  const middleware: MiddlewareHandler = async (c, next) => {
    const fault = take(c.req.method, c.req.path);
    if (!fault) return next();

    if (fault.delayMs) await new Promise((r) => setTimeout(r, fault.delayMs));
    if (fault.drop) {
      // The node adapter exposes the raw socket; destroying it is what a dropped link looks like.
      (
        c.env as { incoming?: { socket?: { destroy(): void } } } | undefined
      )?.incoming?.socket?.destroy();
      await hold(c.req.raw.signal);
      return c.body(null, 502);
    }
    if (fault.hang) {
      await hold(c.req.raw.signal);
      return c.body(null, 504);
    }
    if (fault.hangAfterHandling) {
      await next();
      await hold(c.req.raw.signal);
      return;
    }
    if (fault.status !== undefined) {
      const headers = fault.headers ?? {};
      return fault.body === undefined
        ? c.body(null, fault.status as 500, headers)
        : c.json(fault.body, fault.status as 500, headers);
    }
    return next();
  };

  return { add, clear, middleware, list: () => active.map((f) => ({ ...f })) };
}
export type Faults = ReturnType<typeof createFaults>;
