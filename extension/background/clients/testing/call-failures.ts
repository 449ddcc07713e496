import { afterAll, beforeAll, expect } from 'vitest';

/** The error a call ends in, checked to be a `type`; fails the test if the call succeeds. */
export async function failureOf<E extends Error>(
  call: Promise<unknown>,
  type: new (...args: never[]) => E,
): Promise<E> {
  const error = await call.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(type);
  return error as E;
}

/**
 * Fails the file if any promise was rejected with nobody to hear it: a client that races a
 * timeout against a read must not leave the loser's rejection behind.
 */
export function failOnUnhandledRejections(): void {
  const unhandled: unknown[] = [];
  const onUnhandled = (reason: unknown) => unhandled.push(reason);
  beforeAll(() => void process.on('unhandledRejection', onUnhandled));
  afterAll(() => {
    process.off('unhandledRejection', onUnhandled);
    expect(unhandled).toEqual([]);
  });
}
