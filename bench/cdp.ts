import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { WebSocket } from 'ws';

/**
 * A bare Chrome DevTools Protocol client on the browser's debugging port. Playwright opens CDP
 * sessions on pages and frames only, and the extension's service worker is neither; the
 * browser endpoint can attach to any target (flat sessions).
 */
export interface Cdp {
  send<T>(method: string, params?: Record<string, unknown>, sessionId?: string): Promise<T>;
  close(): void;
}

/** The browser endpoint Chromium wrote to `DevToolsActivePort` (launched with a port of 0). */
export function devToolsUrl(profileDir: string): string {
  const [port, path] = readFileSync(join(profileDir, 'DevToolsActivePort'), 'utf8').split('\n');
  return `ws://127.0.0.1:${port}${path}`;
}

export async function connectCdp(url: string): Promise<Cdp> {
  const ws = new WebSocket(url, { perMessageDeflate: false });
  await new Promise((resolve, reject) => {
    ws.once('open', resolve);
    ws.once('error', reject);
  });
  let nextId = 1;
  const waiting = new Map<number, { resolve: (v: unknown) => void; reject: (e: Error) => void }>();
  ws.on('message', (data) => {
    const message = JSON.parse(data.toString()) as {
      id?: number;
      result?: unknown;
      error?: { message: string };
    };
    if (message.id === undefined) return;
    const call = waiting.get(message.id);
    waiting.delete(message.id);
    if (message.error) call?.reject(new Error(`CDP: ${message.error.message}`));
    else call?.resolve(message.result);
  });
  return {
    send<T>(method: string, params: Record<string, unknown> = {}, sessionId?: string) {
      const id = nextId++;
      ws.send(JSON.stringify({ id, method, params, ...(sessionId && { sessionId }) }));
      return new Promise<T>((resolve, reject) =>
        waiting.set(id, { resolve: resolve as (v: unknown) => void, reject }),
      );
    },
    close: () => ws.close(),
  };
}

interface TargetInfo {
  targetId: string;
  type: string;
  url: string;
}

/** The JS heap of the extension's service worker, as it is and after a full collection. */
export async function workerHeap(cdp: Cdp, extensionId: string) {
  const { targetInfos } = await cdp.send<{ targetInfos: TargetInfo[] }>('Target.getTargets');
  const worker = targetInfos.find(
    (t) => t.type === 'service_worker' && t.url.startsWith(`chrome-extension://${extensionId}/`),
  );
  if (!worker) throw new Error('the extension has no running service worker');
  const { sessionId } = await cdp.send<{ sessionId: string }>('Target.attachToTarget', {
    targetId: worker.targetId,
    flatten: true,
  });
  type Usage = { usedSize: number; totalSize: number };
  const before = await cdp.send<Usage>('Runtime.getHeapUsage', {}, sessionId);
  await cdp.send('HeapProfiler.collectGarbage', {}, sessionId);
  const after = await cdp.send<Usage>('Runtime.getHeapUsage', {}, sessionId);
  await cdp.send('Target.detachFromTarget', { sessionId });
  return { targetId: worker.targetId, used: before.usedSize, retained: after.usedSize };
}
