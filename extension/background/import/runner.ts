/**
 * Keeps one run of a long-lived loop (the relay link): `ensure` starts it unless it runs,
 * `restart` stops the current run and starts a fresh one (skipping any backoff it slept in).
 */
export function createRunner(
  run: (signal: AbortSignal) => Promise<void>,
  onError: (error: unknown) => void,
) {
  let controller: AbortController | undefined;
  let running: Promise<void> | undefined;

  function ensure(): void {
    if (running) return;
    const current = new AbortController();
    controller = current;
    running = run(current.signal)
      .catch(onError)
      .finally(() => {
        if (controller === current) running = undefined;
      });
  }

  return {
    ensure,
    /** Answers once the fresh run has started. */
    async restart(): Promise<boolean> {
      const previous = running;
      controller?.abort();
      running = undefined;
      // Let the old run close its socket, but never wait on it for long: a stuck request
      // must not keep the fresh start (and the page that asked for it) waiting.
      await Promise.race([previous, new Promise((resolve) => setTimeout(resolve, 3_000))]);
      ensure();
      return true;
    },
    get running(): boolean {
      return running !== undefined;
    },
  };
}
