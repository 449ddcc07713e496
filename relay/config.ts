import { z } from 'zod';

/** A whole number read from an environment variable, within bounds. */
function integer(min: number, max: number, fallback: number) {
  return z
    .string()
    .regex(/^[0-9]+$/, `expected a whole number from ${min} to ${max}`)
    .transform(Number)
    .pipe(z.number().int().min(min).max(max))
    .default(fallback);
}

/** A yes/no switch; environment variables are strings, so accept the usual spellings. */
const flag = z
  .enum(['1', '0', 'true', 'false', 'yes', 'no', 'on', 'off'], {
    error: 'expected true or false',
  })
  .transform((value) => ['1', 'true', 'yes', 'on'].includes(value))
  .default(false);

/**
 * Every setting of the relay, from environment variables only. Names are the variables';
 * `docs/relay.md` has the table. An empty variable counts as unset (compose files write `X=`).
 */
export const envSchema = z.object({
  PORT: integer(0, 65_535, 8787),
  HOST: z.string().min(1).default('127.0.0.1'),
  RELAY_DATA_DIR: z.string().min(1).default('./relay-data'),
  X_BEARER_TOKEN: z.string().min(10, 'expected an X app-only bearer token').optional(),
  X_API_BASE: z
    .url({ protocol: /^https?$/, error: 'expected an http(s) URL' })
    .transform((url) => url.replace(/\/+$/, ''))
    .default('https://api.x.com'),
  RELAY_ADMISSION_CODE: z.string().min(1).max(200).optional(),
  // X's pay-per-use limits: 1,024 characters a rule, 1,000 rules a project.
  RULE_MAX_LENGTH: integer(64, 100_000, 1024),
  RULE_MAX_COUNT: integer(1, 1_000_000, 1000),
  // Recent search takes 512 characters a query on self-serve access.
  SEARCH_QUERY_MAX_LENGTH: integer(64, 100_000, 512),
  RETENTION_HOURS: integer(1, 24 * 365, 72),
  DELETE_SWEEP_INTERVAL_SECONDS: integer(0, 7 * 86_400, 900),
  DELETE_SWEEP_REACH_HOURS: integer(0, 24 * 30, 24),
  OVERFLOW_POLL_SECONDS: integer(1, 86_400, 120),
  STREAM_STALL_SECONDS: integer(1, 3600, 20),
  // X's reconnect policy (handling-disconnections.mdx); only tests should change these.
  STREAM_BACKOFF_NETWORK_MS: integer(1, 60_000, 250),
  STREAM_BACKOFF_HTTP_MS: integer(1, 600_000, 5000),
  STREAM_BACKOFF_RATE_LIMIT_MS: integer(1, 3_600_000, 60_000),
  REGISTRATIONS_PER_HOUR_PER_ADDRESS: integer(0, 1_000_000, 10),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  TRUST_PROXY: flag,
});

/** The relay's settings, with defaults applied. */
export interface RelayConfig {
  port: number;
  host: string;
  dataDir: string;
  /** `:memory:` keeps the log in memory (tests); otherwise the SQLite file's path. */
  databasePath: string;
  xBearerToken: string | undefined;
  xApiBase: string;
  admissionCode: string | undefined;
  ruleMaxLength: number;
  ruleMaxCount: number;
  searchQueryMaxLength: number;
  retentionHours: number;
  deleteSweepIntervalSeconds: number;
  deleteSweepReachHours: number;
  overflowPollSeconds: number;
  streamStallSeconds: number;
  backoff: { networkMs: number; httpMs: number; rateLimitMs: number };
  registrationsPerHourPerAddress: number;
  logLevel: z.infer<typeof envSchema>['LOG_LEVEL'];
  trustProxy: boolean;
}

/** A configuration error; its message names every bad variable and never echoes a value. */
export class ConfigError extends Error {
  override name = 'ConfigError';
}

/**
 * Reads the relay's configuration from environment variables.
 *
 * @example
 * const config = loadConfig(process.env); // throws ConfigError naming the bad variable
 */
export function loadConfig(env: Record<string, string | undefined>): RelayConfig {
  const known = Object.fromEntries(
    Object.keys(envSchema.shape)
      .map((name) => [name, env[name]])
      .filter(([, value]) => value !== undefined && value !== ''),
  );
  const parsed = envSchema.safeParse(known);
  if (!parsed.success) {
    // Issues carry the variable as their path; values are left out, since one may be a secret.
    const lines = parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`);
    throw new ConfigError(`invalid configuration\n  ${lines.join('\n  ')}`);
  }

  const e = parsed.data;
  return {
    port: e.PORT,
    host: e.HOST,
    dataDir: e.RELAY_DATA_DIR,
    databasePath: e.RELAY_DATA_DIR === ':memory:' ? ':memory:' : `${e.RELAY_DATA_DIR}/relay.sqlite`,
    xBearerToken: e.X_BEARER_TOKEN,
    xApiBase: e.X_API_BASE,
    admissionCode: e.RELAY_ADMISSION_CODE,
    ruleMaxLength: e.RULE_MAX_LENGTH,
    ruleMaxCount: e.RULE_MAX_COUNT,
    searchQueryMaxLength: e.SEARCH_QUERY_MAX_LENGTH,
    retentionHours: e.RETENTION_HOURS,
    deleteSweepIntervalSeconds: e.DELETE_SWEEP_INTERVAL_SECONDS,
    deleteSweepReachHours: e.DELETE_SWEEP_REACH_HOURS,
    overflowPollSeconds: e.OVERFLOW_POLL_SECONDS,
    streamStallSeconds: e.STREAM_STALL_SECONDS,
    backoff: {
      networkMs: e.STREAM_BACKOFF_NETWORK_MS,
      httpMs: e.STREAM_BACKOFF_HTTP_MS,
      rateLimitMs: e.STREAM_BACKOFF_RATE_LIMIT_MS,
    },
    registrationsPerHourPerAddress: e.REGISTRATIONS_PER_HOUR_PER_ADDRESS,
    logLevel: e.LOG_LEVEL,
    trustProxy: e.TRUST_PROXY,
  };
}
