import { describe, expect, it, vi } from 'vitest';
import { StatusNetError } from '../clients/statusnet-error.ts';
import { UserFacingError } from '../router.ts';
import { DiscoveryError } from './api-root-discovery.ts';
import { toUserFacing } from './connect-errors.ts';
import { OAuth1FlowError } from './statusnet-oauth1-flow.ts';
import { WebAuthFlowError } from './web-auth-flow.ts';

// The router and the auth window live on the extension API, which node has not.
vi.mock('webextension-polyfill', () => ({ default: {} }));

describe('toUserFacing', () => {
  it("puts a refused password beside the password field, in the site's words", () => {
    const error = toUserFacing(
      new StatusNetError('auth', 'Could not authenticate you.', 401),
      'password',
    );
    expect(error).toMatchObject({
      field: 'password',
      message: 'The site said: "Could not authenticate you." Check the user name and password.',
    });
  });

  it('puts a refused OAuth token beside the consumer key', () => {
    expect(
      toUserFacing(new StatusNetError('auth', 'Invalid token', 401), 'consumerKey'),
    ).toMatchObject({
      field: 'consumerKey',
      message: expect.stringMatching(/approve the bridge again/),
    });
  });

  it('puts an unreachable site, or one that is no API, beside the server field', () => {
    expect(toUserFacing(new DiscoveryError('unreachable', 'down'), 'password').field).toBe(
      'server',
    );
    expect(toUserFacing(new StatusNetError('not-api', 'HTML page'), 'password').field).toBe(
      'server',
    );
    expect(toUserFacing(new OAuth1FlowError('network', 'gone'), 'consumerKey').field).toBe(
      'server',
    );
  });

  it('reports a closed consent window about the form as a whole', () => {
    expect(toUserFacing(new WebAuthFlowError('closed'), 'consumerKey').field).toBe('form');
    expect(toUserFacing(new OAuth1FlowError('consent', 'no'), 'consumerKey').field).toBe('form');
  });

  it('keeps an error that already names its field, and words anything else', () => {
    const given = new UserFacingError('taken', 'username');
    expect(toUserFacing(given, 'password')).toBe(given);
    expect(toUserFacing(new Error('boom'), 'password')).toMatchObject({
      field: 'form',
      message: 'Connecting failed: boom',
    });
  });
});
