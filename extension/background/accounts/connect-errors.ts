import { StatusNetError } from '../clients/statusnet-error.ts';
import { UserFacingError } from '../router.ts';
import { DiscoveryError } from './api-root-discovery.ts';
import { SiteUrlError } from './site-url.ts';
import { OAuth1FlowError } from './statusnet-oauth1-flow.ts';
import { WebAuthFlowError } from './web-auth-flow.ts';

/** The field of the connect form a message is shown beside; `form` is the form as a whole. */
export type ConnectField = 'server' | 'username' | 'password' | 'consumerKey' | 'form';

/**
 * Turns what went wrong while connecting a StatusNet account into words beside the field the
 * user can fix: the address, the password (or consumer key), or the form as a whole.
 * `credentialField` is where a refusal of the credentials belongs.
 */
export function toUserFacing(
  error: unknown,
  credentialField: 'password' | 'consumerKey',
): UserFacingError {
  if (error instanceof UserFacingError) return error;
  if (error instanceof SiteUrlError || error instanceof DiscoveryError) {
    return new UserFacingError(error.message, 'server');
  }
  if (error instanceof OAuth1FlowError) {
    const field = { consumer: 'consumerKey', consent: 'form', network: 'server' } as const;
    return new UserFacingError(error.message, field[error.step]);
  }
  if (error instanceof WebAuthFlowError) return new UserFacingError(error.message, 'form');

  if (error instanceof StatusNetError) {
    switch (error.kind) {
      case 'auth': {
        const fix =
          credentialField === 'password'
            ? 'Check the user name and password.'
            : 'Check the consumer key and secret, then approve the bridge again.';
        return new UserFacingError(
          `The site said: "${error.serviceMessage}" ${fix}`,
          credentialField,
        );
      }
      case 'network':
      case 'not-api':
        return new UserFacingError(error.serviceMessage, 'server');
      default:
        return new UserFacingError(`The site said: "${error.serviceMessage}"`, 'form');
    }
  }
  const message = error instanceof Error ? error.message : String(error);
  return new UserFacingError(`Connecting failed: ${message}`, 'form');
}
