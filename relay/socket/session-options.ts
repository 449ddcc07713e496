/** Tunables of WebSocket sessions; tests shrink the times. */
export interface SessionOptions {
  /** The client must say `hello` within this time (protocol: 10 s). */
  helloTimeoutMs: number;
  /** A `ping` message (and a protocol ping) this often (protocol: 20 s). */
  pingIntervalMs: number;
  /** Events read from the log a page at a time, when replaying a backlog. */
  pageSize: number;
  /** Stop sending when this many bytes wait in the socket's buffer... */
  highWaterBytes: number;
  /** ...and resume from the cursor once it drained below this. */
  lowWaterBytes: number;
  /** A client that does not drain for this long is closed with 1013. */
  stuckMs: number;
}

export const defaultSessionOptions: SessionOptions = {
  helloTimeoutMs: 10_000,
  pingIntervalMs: 20_000,
  pageSize: 100,
  highWaterBytes: 1024 * 1024,
  lowWaterBytes: 256 * 1024,
  stuckMs: 60_000,
};
