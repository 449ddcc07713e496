import { describe, expect, it } from 'vitest';
import { createLogger } from './logger.ts';
import { memoryLog } from './testing/memory-log.ts';

describe('createLogger', () => {
  it('writes one JSON object a line with an ISO time and a level name', () => {
    const log = memoryLog();
    createLogger('info', log.stream).info({ subscriptionId: 'abc' }, 'hello');
    expect(log.entries()).toEqual([
      expect.objectContaining({
        level: 'info',
        service: 'relay',
        subscriptionId: 'abc',
        msg: 'hello',
        time: expect.any(String),
      }),
    ]);
  });

  it('redacts secrets, tokens and Authorization headers wherever they sit', () => {
    const log = memoryLog();
    const logger = createLogger('info', log.stream);
    logger.info({ secret: 's3cret', admissionCode: 'c0de' }, 'top level');
    logger.info(
      { request: { token: 't0ken', headers: { authorization: 'Bearer b3arer' } } },
      'nested',
    );
    logger.info({ config: { xBearerToken: 'x-t0ken' } }, 'config');
    expect(log.text()).not.toMatch(/s3cret|c0de|t0ken|b3arer/);
    expect(log.text()).toContain('[redacted]');
  });
});
