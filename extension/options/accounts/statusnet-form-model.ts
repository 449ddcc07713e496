import { parseSiteUrl, SiteUrlError } from '../../background/accounts/site-url.ts';
import type { StatusNetAccount } from '../../shared/db-schema.ts';
import type { StatusNetConnectRequest } from '../../shared/messages/accounts.ts';

/** The connect form as typed. Both credential kinds are kept, so switching loses nothing. */
export interface StatusNetFormValues {
  server: string;
  method: 'basic' | 'oauth1';
  username: string;
  password: string;
  consumerKey: string;
  consumerSecret: string;
}

export type StatusNetField = Exclude<keyof StatusNetFormValues, 'method'> | 'form';
export type StatusNetFormErrors = Partial<Record<StatusNetField, string>>;

export const emptyStatusNetForm = (): StatusNetFormValues => ({
  server: '',
  method: 'basic',
  username: '',
  password: '',
  consumerKey: '',
  consumerSecret: '',
});

export type CheckedForm =
  | { ok: true; request: StatusNetConnectRequest; origin: string }
  | { ok: false; errors: StatusNetFormErrors };

/**
 * Checks the form before anything is sent, and builds the connect request: every problem is
 * reported at once, beside its field. Only the chosen credential kind is sent.
 */
export function checkStatusNetForm(
  role: StatusNetAccount['role'],
  values: StatusNetFormValues,
): CheckedForm {
  const errors: StatusNetFormErrors = {};

  let origin = '';
  try {
    origin = parseSiteUrl(values.server).origin;
  } catch (error) {
    if (!(error instanceof SiteUrlError)) throw error;
    errors.server = error.message;
  }

  if (values.method === 'basic') {
    const username = values.username.trim().replace(/^@/, '');
    if (!username) errors.username = 'Enter your user name on the site.';
    else if (/[\s@/:]/.test(username)) {
      errors.username = 'Enter the user name alone, like alice (not an address).';
    }
    if (!values.password) errors.password = 'Enter the password.';
  } else {
    if (!values.consumerKey.trim()) errors.consumerKey = 'Enter the consumer key.';
    if (!values.consumerSecret.trim()) errors.consumerSecret = 'Enter the consumer secret.';
  }
  if (Object.keys(errors).length) return { ok: false, errors };

  const credentials: StatusNetConnectRequest['credentials'] =
    values.method === 'basic'
      ? {
          kind: 'basic',
          username: values.username.trim().replace(/^@/, ''),
          password: values.password,
        }
      : {
          kind: 'oauth1',
          consumerKey: values.consumerKey.trim(),
          consumerSecret: values.consumerSecret.trim(),
        };
  return { ok: true, origin, request: { role, server: values.server.trim(), credentials } };
}
