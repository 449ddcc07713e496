import { NOTICE_FORM } from './site-forms.ts';

const SWITCH_CLASS = 'bridge-x-switch';

/**
 * Adds the "Also post to X" switch to a notice form (once), checked by default when the user's
 * setting says so. It is a native checkbox with the `switch` role and a visible label, so
 * keyboards and screen readers use it like the form's own controls.
 */
export function addSwitch(form: HTMLFormElement, defaultOn: boolean): void {
  if (form.querySelector(`.${SWITCH_CLASS}`)) return;

  const label = document.createElement('label');
  label.className = SWITCH_CLASS;
  label.style.cssText = 'display:inline-flex;gap:0.3em;align-items:center;margin:0.3em 0.6em;';
  const input = document.createElement('input');
  input.type = 'checkbox';
  input.setAttribute('role', 'switch');
  input.checked = defaultOn;
  label.append(input, document.createTextNode('Also post to X'));

  const submit = form.querySelector(
    'input[type="submit"], button[type="submit"], button:not([type])',
  );
  if (submit?.parentNode) submit.parentNode.insertBefore(label, submit);
  else form.append(label);
}

/** Whether the form's switch is on (a form the script has not reached yet counts as on). */
export function switchOn(form: HTMLFormElement): boolean {
  const input = form.querySelector<HTMLInputElement>(`.${SWITCH_CLASS} input`);
  return input ? input.checked : true;
}

/** Adds the switch to every notice form now and to those the site adds later (inline replies). */
export function watchForms(defaultOn: boolean, signal: AbortSignal): void {
  const addAll = () =>
    document.querySelectorAll<HTMLFormElement>(NOTICE_FORM).forEach((f) => addSwitch(f, defaultOn));
  addAll();
  const observer = new MutationObserver(addAll);
  observer.observe(document.body, { childList: true, subtree: true });
  signal.addEventListener('abort', () => observer.disconnect(), { once: true });
}
