import { useState } from 'preact/hooks';
import { BridgeMessageError, sendMessage } from '../../shared/messages.ts';
import { loadSettings, type Settings } from '../../shared/settings.ts';
import { useStored } from '../use-stored.ts';

export type FieldErrors = Record<string, string>;

/**
 * One section of the settings (`export`, `relay`, ...) as a form: a draft of that slice over
 * the stored settings, saved through the background (which validates it and checks the host
 * permissions) with the answer's error placed beside its field, e.g. `relay.url`.
 */
export function useSettingsSection<K extends keyof Settings>(key: K) {
  const stored = useStored(['settings'], loadSettings);
  const [draft, setDraft] = useState<Settings[K]>();
  const [errors, setErrors] = useState<FieldErrors>({});
  const [saved, setSaved] = useState('');
  const [busy, setBusy] = useState(false);

  const value = draft ?? stored?.[key];

  function update(patch: Partial<Settings[K]>): void {
    if (!value) return;
    setDraft({ ...value, ...patch });
    setSaved('');
  }

  /**
   * Saves the draft. `validate` returns errors found on the page; `permission` is the pending
   * answer of a `permissions.request` the caller started in the click (before any await, or
   * the browser would refuse it for lack of a user gesture).
   */
  async function save(options: {
    validate?: (slice: Settings[K]) => FieldErrors;
    permission?: { granted: Promise<boolean>; field: string; origin: string };
  }): Promise<void> {
    if (!stored || !value) return;
    const found = options.validate?.(value) ?? {};
    setErrors(found);
    setSaved('');
    if (Object.keys(found).length) return;

    setBusy(true);
    try {
      if (options.permission && !(await options.permission.granted)) {
        const { field, origin } = options.permission;
        setErrors({ [field]: `The bridge needs access to ${origin}: save again and allow it.` });
        return;
      }
      await sendMessage('settings/save', { ...stored, [key]: value });
      setDraft(undefined);
      setSaved('Saved.');
    } catch (error) {
      const field = error instanceof BridgeMessageError ? error.field : undefined;
      const message = error instanceof Error ? error.message : String(error);
      setErrors({ [field ?? 'form']: message });
    } finally {
      setBusy(false);
    }
  }

  return { value, errors, saved, busy, dirty: draft !== undefined, update, save };
}
