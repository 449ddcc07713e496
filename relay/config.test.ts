import { describe, expect, it } from 'vitest';
import { ConfigError, envSchema, loadConfig } from './config.ts';

describe('loadConfig', () => {
  it('starts with no configuration at all', () => {
    expect(loadConfig({})).toMatchObject({
      port: 8787,
      host: '127.0.0.1',
      dataDir: './relay-data',
      databasePath: './relay-data/relay.sqlite',
      xBearerToken: undefined,
      xApiBase: 'https://api.x.com',
      admissionCode: undefined,
      ruleMaxLength: 1024,
      ruleMaxCount: 1000,
      streamStallSeconds: 20,
      backoff: { networkMs: 250, httpMs: 5000, rateLimitMs: 60_000 },
      trustProxy: false,
      logLevel: 'info',
    });
  });

  it('reads every variable it documents', () => {
    const config = loadConfig({
      PORT: '0',
      HOST: '0.0.0.0',
      RELAY_DATA_DIR: '/var/lib/relay',
      X_BEARER_TOKEN: 'AAAAAAAAAAAAAAAAtoken',
      X_API_BASE: 'http://127.0.0.1:9000/',
      RELAY_ADMISSION_CODE: 'code',
      RULE_MAX_LENGTH: '2048',
      RULE_MAX_COUNT: '25000',
      TRUST_PROXY: 'yes',
      LOG_LEVEL: 'debug',
    });
    expect(config).toMatchObject({
      port: 0,
      host: '0.0.0.0',
      databasePath: '/var/lib/relay/relay.sqlite',
      xBearerToken: 'AAAAAAAAAAAAAAAAtoken',
      xApiBase: 'http://127.0.0.1:9000',
      admissionCode: 'code',
      ruleMaxLength: 2048,
      ruleMaxCount: 25_000,
      trustProxy: true,
      logLevel: 'debug',
    });
  });

  it('treats an empty variable as unset', () => {
    expect(loadConfig({ X_BEARER_TOKEN: '', PORT: '' })).toMatchObject({
      xBearerToken: undefined,
      port: 8787,
    });
  });

  it.each([
    ['PORT', 'http'],
    ['PORT', '70000'],
    ['RULE_MAX_COUNT', '0'],
    ['RETENTION_HOURS', '1.5'],
    ['STREAM_STALL_SECONDS', '-1'],
    ['X_API_BASE', 'ftp://example.com'],
    ['TRUST_PROXY', 'maybe'],
    ['LOG_LEVEL', 'loud'],
  ])('names %s when its value (%s) is bad', (name, value) => {
    expect(() => loadConfig({ [name]: value })).toThrow(ConfigError);
    expect(() => loadConfig({ [name]: value })).toThrow(
      new RegExp(`^invalid configuration\\n  ${name}: `),
    );
  });

  it('never repeats a secret it refuses', () => {
    let message = '';
    try {
      loadConfig({ X_BEARER_TOKEN: 'short', PORT: 'x' });
    } catch (error) {
      message = String(error);
    }
    expect(message).toContain('X_BEARER_TOKEN');
    expect(message).toContain('PORT');
    expect(message).not.toContain('short');
  });

  it('ignores variables that are not its own', () => {
    expect(() => loadConfig({ PATH: '/bin', HOME: '/root' })).not.toThrow();
    expect(Object.keys(envSchema.shape)).not.toContain('PATH');
  });
});
