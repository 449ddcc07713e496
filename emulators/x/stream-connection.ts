import { PROBLEM_URI } from './errors.ts';

/** How a connection ends: cleanly, after X's operational-disconnect message, or by a cut. */
export type DisconnectMode = 'end' | 'operational' | 'drop';

const encoder = new TextEncoder();

/** X's in-stream message before it closes a connection for operational reasons. */
export const OPERATIONAL_DISCONNECT = {
  errors: [
    {
      title: 'operational-disconnect',
      disconnect_type: 'UpstreamOperationalDisconnect',
      detail: 'This stream has been disconnected upstream for operational reasons.',
      type: `${PROBLEM_URI}operational-disconnect`,
    },
  ],
};

/**
 * One open filtered-stream connection: a body that never ends on its own, messages separated
 * by `\r\n`, and a bare `\r\n` keep-alive whenever `keepAliveMs` passes.
 */
export class StreamConnection {
  readonly body: ReadableStream<Uint8Array>;
  #controller: ReadableStreamDefaultController<Uint8Array> | undefined;
  #timer: ReturnType<typeof setInterval> | undefined;
  #closed = false;
  /** While stalled the connection stays open but sends nothing, posts included (they are lost). */
  stalled = false;

  constructor(
    readonly id: number,
    keepAliveMs: number,
    /** Cuts the TCP connection (the node adapter's socket), for `drop`. */
    private readonly destroySocket: (() => void) | undefined,
    private readonly onClosed: (connection: StreamConnection) => void,
  ) {
    this.body = new ReadableStream<Uint8Array>({
      start: (controller) => {
        this.#controller = controller;
      },
      // The client went away (node-server cancels the body when the socket closes).
      cancel: () => this.#dispose(),
    });
    this.setKeepAlive(keepAliveMs);
  }

  get closed(): boolean {
    return this.#closed;
  }

  setKeepAlive(ms: number): void {
    clearInterval(this.#timer);
    this.#timer = setInterval(() => {
      if (!this.stalled) this.#write('\r\n');
    }, ms);
  }

  /** Sends one JSON message. */
  send(message: unknown): void {
    if (!this.stalled) this.#write(`${JSON.stringify(message)}\r\n`);
  }

  close(mode: DisconnectMode = 'end'): void {
    if (this.#closed) return;
    if (mode === 'operational') this.#write(`${JSON.stringify(OPERATIONAL_DISCONNECT)}\r\n`);
    try {
      if (mode === 'drop' && this.destroySocket) this.destroySocket();
      // No socket (in-process app.request): an errored body is the closest thing to a cut.
      else if (mode === 'drop') this.#controller?.error(new Error('connection dropped'));
      else this.#controller?.close();
    } catch {
      // The body was already cancelled by the client: nothing left to end.
    }
    this.#dispose();
  }

  #write(text: string): void {
    if (this.#closed) return;
    try {
      this.#controller?.enqueue(encoder.encode(text));
    } catch {
      // The body was closed under us (client gone between two ticks): same as a cancel.
      this.#dispose();
    }
  }

  #dispose(): void {
    if (this.#closed) return;
    this.#closed = true;
    clearInterval(this.#timer);
    this.onClosed(this);
  }
}
