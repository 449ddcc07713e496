import { useState } from 'preact/hooks';
import type { StatusNetAccount } from '../../shared/db-schema.ts';
import { BridgeMessageError, sendMessage } from '../../shared/messages.ts';
import { FormMessage, TextField } from '../settings/field.tsx';
import { requestOrigin } from '../settings/request-origin.ts';
import { OAuth1Hint } from './oauth1-hint.tsx';
import {
  checkStatusNetForm,
  emptyStatusNetForm,
  type StatusNetField,
  type StatusNetFormErrors,
  type StatusNetFormValues,
} from './statusnet-form-model.ts';

const FIELDS = new Set<string>(['server', 'username', 'password', 'consumerKey', 'consumerSecret']);

/**
 * Connects a StatusNet account: the site, then a password or the site's OAuth. The background
 * checks everything with the site and stores nothing until it worked; its verdict lands
 * beside the field it concerns.
 */
export function StatusNetConnectForm({ role }: { role: StatusNetAccount['role'] }) {
  const [values, setValues] = useState<StatusNetFormValues>(emptyStatusNetForm);
  const [errors, setErrors] = useState<StatusNetFormErrors>({});
  const [busy, setBusy] = useState(false);

  const id = (field: string) => `${role}-${field}`;
  const set = (patch: Partial<StatusNetFormValues>) => setValues((v) => ({ ...v, ...patch }));

  async function connect(event: Event) {
    event.preventDefault();
    const checked = checkStatusNetForm(role, values);
    if (!checked.ok) {
      setErrors(checked.errors);
      return;
    }
    // First, in the gesture: the browser asks the user for access to the site.
    const granted = requestOrigin(checked.origin);
    setErrors({});
    setBusy(true);
    try {
      if (!(await granted)) {
        setErrors({
          server: `The bridge needs access to ${checked.origin} to talk to your site: click Connect again and allow it.`,
        });
        return;
      }
      await sendMessage('accounts/statusnet-connect', checked.request);
      // Connected: the account view replaces this form; the password leaves the page's memory.
      setValues(emptyStatusNetForm());
    } catch (error) {
      const field = error instanceof BridgeMessageError ? error.field : undefined;
      const key: StatusNetField = field && FIELDS.has(field) ? (field as StatusNetField) : 'form';
      setErrors({ [key]: error instanceof Error ? error.message : String(error) });
    } finally {
      setBusy(false);
    }
  }

  return (
    <form
      aria-label={
        role === 'import' ? 'Connect the import account' : 'Connect your StatusNet account'
      }
      onSubmit={connect}
      noValidate
    >
      <TextField
        id={id('server')}
        label="Server"
        type="url"
        value={values.server}
        onInput={(server) => set({ server })}
        error={errors.server}
        placeholder="https://social.example"
        hint="Your GNU social or StatusNet site, or its API address."
      />
      <fieldset>
        <legend>Sign in with</legend>
        <label class="inline">
          <input
            type="radio"
            name={id('method')}
            checked={values.method === 'basic'}
            onChange={() => set({ method: 'basic' })}
          />{' '}
          User name and password
        </label>
        <label class="inline">
          <input
            type="radio"
            name={id('method')}
            checked={values.method === 'oauth1'}
            onChange={() => set({ method: 'oauth1' })}
          />{' '}
          OAuth (an application registered on your site)
        </label>
      </fieldset>
      {values.method === 'basic' ? (
        <>
          <TextField
            id={id('username')}
            label="Username"
            value={values.username}
            onInput={(username) => set({ username })}
            error={errors.username}
            autoComplete="username"
          />
          <TextField
            id={id('password')}
            label="Password"
            type="password"
            value={values.password}
            onInput={(password) => set({ password })}
            error={errors.password}
            autoComplete="current-password"
            hint="Kept in this browser and sent only to your site."
          />
        </>
      ) : (
        <>
          <OAuth1Hint id={id('oauth-hint')} />
          <TextField
            id={id('consumerKey')}
            label="Consumer key"
            value={values.consumerKey}
            onInput={(consumerKey) => set({ consumerKey })}
            error={errors.consumerKey}
          />
          <TextField
            id={id('consumerSecret')}
            label="Consumer secret"
            type="password"
            value={values.consumerSecret}
            onInput={(consumerSecret) => set({ consumerSecret })}
            error={errors.consumerSecret}
          />
        </>
      )}
      <button type="submit" disabled={busy}>
        Connect
      </button>
      <FormMessage error={errors.form} done={busy ? 'Checking with the site…' : ''} />
    </form>
  );
}
