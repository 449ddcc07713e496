import type { Settings } from '../../shared/settings.ts';
import { Checkbox, FormMessage, TextField } from './field.tsx';
import { useSettingsSection, type FieldErrors } from './use-settings-section.ts';

const MAX_HOURS = 24 * 14;

function validate(slice: Settings['import']): FieldErrors {
  const hours = slice.catchUpHours;
  return Number.isInteger(hours) && hours >= 0 && hours <= MAX_HOURS
    ? {}
    : { 'import.catchUpHours': `Enter a whole number of hours from 0 to ${MAX_HOURS}.` };
}

/** Whether posts from X come in, and how far back to catch up after the browser was closed. */
export function ImportSettings() {
  const section = useSettingsSection('import');
  const { value, errors, update } = section;
  if (!value) return null;

  return (
    <form
      noValidate
      aria-labelledby="mirror-import-heading"
      onSubmit={(event) => {
        event.preventDefault();
        void section.save({ validate });
      }}
    >
      <h3 id="mirror-import-heading">From X to StatusNet</h3>
      <Checkbox
        id="import-enabled"
        label="Import the posts of the accounts I follow on X"
        checked={value.enabled}
        onChange={(enabled) => update({ enabled })}
        hint="They are written as the import account, through the relay."
      />
      <TextField
        id="import-catch-up"
        label="Catch up after the browser was closed (hours)"
        type="number"
        value={Number.isNaN(value.catchUpHours) ? '' : String(value.catchUpHours)}
        onInput={(hours) => update({ catchUpHours: hours === '' ? NaN : Number(hours) })}
        error={errors['import.catchUpHours']}
        hint="Older posts are left out, and the activity log says how many."
      />
      <button type="submit" disabled={section.busy}>
        Save import settings
      </button>
      <FormMessage error={errors['form']} done={section.saved} />
    </form>
  );
}
