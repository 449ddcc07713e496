import type { Settings } from '../../shared/settings.ts';
import { RelayLinkStatus } from '../health/relay-link-status.tsx';
import { FormMessage, TextField } from './field.tsx';
import { httpOrigin, requestOrigin } from './request-origin.ts';
import { useSettingsSection, type FieldErrors } from './use-settings-section.ts';

function validate(slice: Settings['relay']): FieldErrors {
  if (slice.url && !httpOrigin(slice.url)) {
    return { 'relay.url': "Enter the relay's address, like https://relay.example." };
  }
  return {};
}

/** Where posts from X come from: the relay's address, its admission code, and the link's state. */
export function RelaySettings() {
  const section = useSettingsSection('relay');
  const { value, errors, update } = section;

  return (
    <section aria-labelledby="relay-heading">
      <h2 id="relay-heading">Relay</h2>
      <p class="hint">
        The relay reads X once for everyone who uses it and passes on the posts of the accounts you
        follow. It never sees your passwords or tokens.
      </p>
      {value && (
        <form
          noValidate
          aria-labelledby="relay-heading"
          onSubmit={(event) => {
            event.preventDefault();
            // Ask before the first await: the prompt needs the user's click.
            const origin = httpOrigin(value.url);
            const permission =
              origin && !validate(value)['relay.url']
                ? { granted: requestOrigin(origin), field: 'relay.url', origin }
                : undefined;
            void section.save({ validate, ...(permission && { permission }) });
          }}
        >
          <TextField
            id="relay-url"
            label="Relay URL"
            type="url"
            value={value.url}
            onInput={(url) => update({ url: url.trim() })}
            error={errors['relay.url']}
            placeholder="https://relay.example"
            hint="Leave empty to bring nothing from X."
          />
          <TextField
            id="relay-admission-code"
            label="Admission code (optional)"
            type="password"
            value={value.admissionCode}
            onInput={(admissionCode) => update({ admissionCode })}
            error={errors['relay.admissionCode']}
            hint="Only if the relay's operator gave you one."
          />
          <button type="submit" disabled={section.busy}>
            Save relay
          </button>
          <FormMessage error={errors['form']} done={section.saved} />
        </form>
      )}
      <RelayLinkStatus />
    </section>
  );
}
