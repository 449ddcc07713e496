import browser from 'webextension-polyfill';
import type { Settings } from '../../shared/settings.ts';
import { FormMessage, TextField } from './field.tsx';
import { httpOrigin, requestOrigin } from './request-origin.ts';
import { useSettingsSection, type FieldErrors } from './use-settings-section.ts';

/** X's API is in the manifest's host permissions; any other base must be allowed by the user. */
const BUILT_IN_API_ORIGIN = 'https://api.x.com';

function validate(slice: Settings['x']): FieldErrors {
  const errors: FieldErrors = {};
  if (!slice.clientId.trim()) errors['x.clientId'] = 'Enter the client id of the X app.';
  if (!httpOrigin(slice.apiBase)) errors['x.apiBase'] = 'Enter an address like https://api.x.com.';
  if (!httpOrigin(slice.authorizeUrl)) {
    errors['x.authorizeUrl'] = 'Enter an address like https://x.com/i/oauth2/authorize.';
  }
  return errors;
}

/**
 * The X app the bridge signs in with, and where X is: an operator's own client id, or a local
 * X emulator for tests and demos. Saving a new API base asks for access to it.
 */
export function XAdvancedSettings() {
  const section = useSettingsSection('x');
  const { value, errors, update } = section;
  if (!value) return null;

  return (
    <details class="advanced" open={Object.keys(errors).length > 0 || undefined}>
      <summary>Advanced</summary>
      <form
        noValidate
        aria-label="Advanced X settings"
        onSubmit={(event) => {
          event.preventDefault();
          const origin = httpOrigin(value.apiBase);
          const permission =
            origin && origin !== BUILT_IN_API_ORIGIN
              ? { granted: requestOrigin(origin), field: 'x.apiBase', origin }
              : undefined;
          void section.save({ validate, ...(permission && { permission }) });
        }}
      >
        <TextField
          id="x-client-id"
          label="X client id"
          value={value.clientId}
          onInput={(clientId) => update({ clientId })}
          error={errors['x.clientId']}
          hint={
            <>
              From the X app’s “Keys and tokens” page. Register this callback URL with the app:{' '}
              <code>{browser.identity.getRedirectURL()}</code>
            </>
          }
        />
        <TextField
          id="x-api-base"
          label="X API base URL"
          type="url"
          value={value.apiBase}
          onInput={(apiBase) => update({ apiBase: apiBase.trim() })}
          error={errors['x.apiBase']}
        />
        <TextField
          id="x-authorize-url"
          label="X authorize URL"
          type="url"
          value={value.authorizeUrl}
          onInput={(authorizeUrl) => update({ authorizeUrl: authorizeUrl.trim() })}
          error={errors['x.authorizeUrl']}
        />
        <button type="submit" disabled={section.busy}>
          Save X settings
        </button>
        <FormMessage error={errors['form']} done={section.saved} />
      </form>
    </details>
  );
}
