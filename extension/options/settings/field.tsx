import type { ComponentChildren } from 'preact';

/**
 * Form fields with a visible label, an optional hint, and an error shown beside the field
 * (announced with role="alert" and tied to the input with aria-describedby), so a user, a
 * screen reader and a test all find them by their label.
 */
interface FieldProps {
  id: string;
  label: string;
  error?: string | undefined;
  hint?: ComponentChildren;
}

function describedBy(id: string, error: string | undefined, hint: unknown): string | undefined {
  const ids = [error && `${id}-error`, hint && `${id}-hint`].filter(Boolean);
  return ids.length ? ids.join(' ') : undefined;
}

function Messages({ id, error, hint }: Omit<FieldProps, 'label'>) {
  return (
    <>
      {hint && (
        <p id={`${id}-hint`} class="hint">
          {hint}
        </p>
      )}
      {error && (
        <p id={`${id}-error`} class="field-error" role="alert">
          {error}
        </p>
      )}
    </>
  );
}

interface TextFieldProps extends FieldProps {
  value: string;
  onInput: (value: string) => void;
  type?: 'text' | 'url' | 'password' | 'number';
  autoComplete?: string;
  disabled?: boolean;
  placeholder?: string;
}

export function TextField(props: TextFieldProps) {
  const { id, label, error, hint } = props;
  const common = {
    id,
    value: props.value,
    onInput: (event: { currentTarget: HTMLInputElement }) =>
      props.onInput(event.currentTarget.value),
    'aria-invalid': error ? ('true' as const) : undefined,
    'aria-describedby': describedBy(id, error, hint),
    autoComplete: props.autoComplete ?? 'off',
    spellcheck: false,
    disabled: props.disabled,
    placeholder: props.placeholder,
  };
  return (
    <div class="field">
      <label for={id}>{label}</label>
      {/* Preact types each input type apart (which roles it may take): one element each. */}
      {props.type === 'password' && <input type="password" {...common} />}
      {props.type === 'url' && <input type="url" {...common} />}
      {props.type === 'number' && <input type="number" {...common} />}
      {(props.type ?? 'text') === 'text' && <input type="text" {...common} />}
      <Messages id={id} error={error} hint={hint} />
    </div>
  );
}

interface CheckboxProps extends FieldProps {
  checked: boolean;
  onChange: (checked: boolean) => void;
}

export function Checkbox(props: CheckboxProps) {
  const { id, label, error, hint } = props;
  return (
    <div class="field field-check">
      <input
        id={id}
        type="checkbox"
        checked={props.checked}
        onChange={(event) => props.onChange(event.currentTarget.checked)}
        aria-describedby={describedBy(id, error, hint)}
      />
      <label for={id}>{label}</label>
      <Messages id={id} error={error} hint={hint} />
    </div>
  );
}

interface SelectProps<T extends string> extends FieldProps {
  value: T;
  options: readonly { value: T; label: string }[];
  onChange: (value: T) => void;
}

export function Select<T extends string>(props: SelectProps<T>) {
  const { id, label, error, hint } = props;
  return (
    <div class="field">
      <label for={id}>{label}</label>
      <select
        id={id}
        value={props.value}
        // The options are exactly `props.options`, so the selected value is one of T.
        onChange={(event) => props.onChange(event.currentTarget.value as T)}
        aria-describedby={describedBy(id, error, hint)}
      >
        {props.options.map((option) => (
          <option key={option.value} value={option.value}>
            {option.label}
          </option>
        ))}
      </select>
      <Messages id={id} error={error} hint={hint} />
    </div>
  );
}

/**
 * An error about the form as a whole, or a confirmation, below its buttons. `label` names it
 * where a region holds more than one.
 */
export function FormMessage(props: { error?: string | undefined; done?: string; label?: string }) {
  if (props.error) {
    return (
      <p class="field-error" role="alert" aria-label={props.label}>
        {props.error}
      </p>
    );
  }
  return (
    <p role="status" aria-label={props.label}>
      {props.done ?? ''}
    </p>
  );
}
