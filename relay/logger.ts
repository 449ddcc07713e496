import type { DestinationStream, Logger } from 'pino';
import { pino } from 'pino';

/**
 * Paths pino blanks out wherever they appear in a log object: every name we give a secret, a
 * token or an Authorization header. A second line of defence: code logs ids, not secrets.
 */
export const REDACTED_PATHS = [
  'secret',
  '*.secret',
  'token',
  '*.token',
  'bearerToken',
  '*.bearerToken',
  'xBearerToken',
  '*.xBearerToken',
  'admissionCode',
  '*.admissionCode',
  'authorization',
  '*.authorization',
  'headers.authorization',
  '*.headers.authorization',
  'req.headers.authorization',
];

/**
 * The relay's structured logger: one JSON object a line on stdout (or `destination`), with
 * secrets redacted.
 */
export function createLogger(level: string, destination?: DestinationStream): Logger {
  return pino(
    {
      level,
      base: { service: 'relay' },
      redact: { paths: REDACTED_PATHS, censor: '[redacted]' },
      timestamp: pino.stdTimeFunctions.isoTime,
      formatters: { level: (label) => ({ level: label }) },
    },
    destination,
  );
}
