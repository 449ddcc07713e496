import { setTimeout as sleep } from 'node:timers/promises';
import type { Logger } from 'pino';
import type { Ingest } from '../ingest.ts';
import type { Metrics } from '../metrics.ts';
import type { XClient } from '../x/x-client.ts';
import { XApiError } from '../x/x-client.ts';
import { POST_FIELDS } from '../x/x-fields.ts';
import type { Backfill } from './backfill.ts';
import type { BackoffBases, FailureKind } from './backoff.ts';
import { createBackoff } from './backoff.ts';
import { createLineSplitter } from './line-splitter.ts';
import { readStreamLine } from './stream-line.ts';
import type { SearchCursor } from './stream-cursor.ts';

export type StreamState =
  'idle' | 'waiting-for-rules' | 'connecting' | 'connected' | 'backing-off' | 'stopped';

export interface StreamHolderOptions {
  client: XClient;
  ingest: Ingest;
  cursor: SearchCursor;
  backfill: Backfill;
  rules: { waitForRules(signal: AbortSignal): Promise<void>; invalidate(): void };
  /** Silence (not a byte, not a keep-alive) after which the connection counts as dead. */
  stallMs: number;
  backoff: BackoffBases;
  logger: Logger;
  metrics: Metrics;
}

// A connection that lasted this long was a real one: its loss earns an immediate reconnect
// (handling-disconnections.mdx) and resets the backoff. Shorter ones count as failures, so
// a server that accepts and drops at once is not hammered.
const STABLE_MS = 10_000;

type Outcome =
  | { kind: 'ended'; connectedMs: number }
  | { kind: FailureKind; error: unknown; resetAtMs?: number };

/**
 * Holds the one filtered-stream connection X allows: connects when there are rules, reads
 * lines into the log, reconnects with X's backoff, treats silence as a dead connection, and
 * has every gap (the first connection included) backfilled by recent search.
 */
export class StreamHolder {
  state: StreamState = 'stopped';
  lastByteAt: number | undefined;
  lastPostAt: number | undefined;
  /** Milliseconds between the newest stream post's creation and its arrival. */
  lagMs: number | undefined;
  connectedSince: number | undefined;
  lastError: string | undefined;
  private controller: AbortController | undefined;
  private loop: Promise<void> | undefined;
  private readonly backoff;

  constructor(private readonly options: StreamHolderOptions) {
    this.backoff = createBackoff(options.backoff);
  }

  start(): void {
    if (this.loop) return;
    this.controller = new AbortController();
    this.loop = this.run(this.controller.signal);
  }

  async stop(): Promise<void> {
    this.controller?.abort();
    await this.loop;
    this.loop = undefined;
    this.state = 'stopped';
  }

  private async run(signal: AbortSignal): Promise<void> {
    const { logger, metrics } = this.options;
    while (!signal.aborted) {
      this.state = 'waiting-for-rules';
      await this.options.rules.waitForRules(signal);
      if (signal.aborted) break;

      // Taken before connecting: posts arriving on the new connection move the cursor past
      // the gap, which must still be searched.
      const from = this.options.cursor.snapshot();
      const outcome = await this.connectOnce(signal, () => {
        void this.options.backfill.request(from, signal);
      });
      metrics.streamConnected.set(0);
      this.connectedSince = undefined;
      if (signal.aborted) break;

      const delay = this.delayAfter(outcome);
      metrics.reconnects.inc({ cause: outcome.kind });
      logger.warn(
        {
          cause: outcome.kind,
          err: 'error' in outcome ? outcome.error : undefined,
          retryInMs: delay,
        },
        'stream disconnected',
      );
      this.state = 'backing-off';
      await sleep(delay, undefined, { signal }).catch(() => undefined);
    }
  }

  private delayAfter(outcome: Outcome): number {
    if (outcome.kind === 'ended') {
      if (outcome.connectedMs >= STABLE_MS) {
        this.backoff.reset();
        return 0;
      }
      return this.backoff.next('network');
    }
    if (outcome.error instanceof XApiError && outcome.error.status === 409) {
      // No rules on X although we think there are: have them read and written again.
      this.options.rules.invalidate();
    }
    return this.backoff.next(outcome.kind, outcome.resetAtMs);
  }

  /** One connection, from request to end; never throws. */
  private async connectOnce(signal: AbortSignal, onConnected: () => void): Promise<Outcome> {
    const connection = new AbortController();
    const abort = () => connection.abort();
    signal.addEventListener('abort', abort, { once: true });
    let stalled = false;
    let watchdog: NodeJS.Timeout | undefined;
    const feed = () => {
      clearTimeout(watchdog);
      watchdog = setTimeout(() => {
        stalled = true;
        connection.abort();
      }, this.options.stallMs);
    };

    let connectedAt: number | undefined;
    try {
      this.state = 'connecting';
      feed();
      const body = await this.options.client.openStream(
        '/2/tweets/search/stream',
        POST_FIELDS,
        connection.signal,
      );
      connectedAt = Date.now();
      this.state = 'connected';
      this.connectedSince = connectedAt;
      this.lastError = undefined;
      this.options.metrics.streamConnected.set(1);
      this.options.logger.info('stream connected');
      onConnected();
      feed();
      const splitter = createLineSplitter();
      for await (const chunk of body) {
        feed();
        this.lastByteAt = Date.now();
        const { lines, overflowed } = splitter.push(chunk);
        if (overflowed) this.malformed('line over the length cap');
        for (const line of lines) this.handleLine(line);
      }
      return { kind: 'ended', connectedMs: Date.now() - connectedAt };
    } catch (error) {
      if (connectedAt !== undefined && !(error instanceof XApiError)) {
        this.lastError = stalled ? 'stalled' : String(error);
        // A stall or a dropped connection after success is a lost connection, not a refusal.
        return stalled
          ? { kind: 'network', error: 'stalled' }
          : { kind: 'ended', connectedMs: Date.now() - connectedAt };
      }
      this.lastError = error instanceof Error ? error.message : String(error);
      if (error instanceof XApiError) {
        const kind = error.status === 429 ? 'rate-limit' : 'http';
        return error.resetAtMs === undefined
          ? { kind, error }
          : { kind, error, resetAtMs: error.resetAtMs };
      }
      return { kind: 'network', error: stalled ? 'stalled' : error };
    } finally {
      clearTimeout(watchdog);
      signal.removeEventListener('abort', abort);
      connection.abort();
    }
  }

  private handleLine(line: string): void {
    const read = readStreamLine(line);
    switch (read.kind) {
      case 'post': {
        const { newestId } = this.options.ingest.ingestPosts([read.data], read.includes, 'stream');
        this.options.cursor.advance(newestId);
        if (newestId !== undefined) this.notePost(read.data);
        return;
      }
      case 'delete':
        return this.options.ingest.ingestDelete(read.postId);
      case 'error':
        // In-stream errors (operational-disconnect and the like) precede a disconnect.
        return this.options.logger.warn(
          { problems: read.problems },
          'X sent an error on the stream',
        );
      case 'malformed':
        return this.malformed(read.reason);
      case 'other':
        return;
    }
  }

  private notePost(data: unknown): void {
    this.lastPostAt = Date.now();
    // mapPost accepted it, so it is an object; created_at is optional in X's schema.
    const createdAt = Date.parse(String((data as { created_at?: unknown }).created_at));
    if (Number.isFinite(createdAt)) this.lagMs = Math.max(0, this.lastPostAt - createdAt);
  }

  private malformed(reason: string): void {
    this.options.metrics.malformedLines.inc();
    this.options.logger.warn({ reason }, 'skipped a malformed stream line');
  }
}
