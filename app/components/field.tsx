import { useId } from 'react';

interface Labelled {
  label: string;
  name: string;
  errors?: string[];
  hint?: string;
}

/** What a control needs to be tied to its label, hint and errors. */
interface ControlProps {
  id: string;
  name: string;
  'aria-invalid': true | undefined;
  'aria-describedby': string | undefined;
}

/**
 * The frame every field shares: the label, an optional hint, the control, and its errors, tied to the control
 * (aria-describedby) so screen readers read them with it.
 */
function LabelledControl({
  label,
  name,
  errors,
  hint,
  control,
}: Labelled & { control: (props: ControlProps) => React.ReactNode }) {
  const id = useId();
  const errorId = `${id}-error`;
  const hintId = `${id}-hint`;
  const describedBy = [hint ? hintId : null, errors?.length ? errorId : null].filter(Boolean).join(' ') || undefined;
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      {hint ? (
        <p id={hintId} className="hint">
          {hint}
        </p>
      ) : null}
      {control({ id, name, 'aria-invalid': errors?.length ? true : undefined, 'aria-describedby': describedBy })}
      {errors?.length ? (
        <ul id={errorId} className="field-errors">
          {errors.map((error) => (
            <li key={error}>{error}</li>
          ))}
        </ul>
      ) : null}
    </div>
  );
}

type FieldProps = Labelled & Omit<React.InputHTMLAttributes<HTMLInputElement>, 'id' | 'name'>;

/** A labelled input. */
export function Field({ label, name, errors, hint, ...input }: FieldProps) {
  return (
    <LabelledControl
      label={label}
      name={name}
      errors={errors}
      hint={hint}
      control={(props) => <input {...props} {...input} />}
    />
  );
}

type TextAreaProps = Labelled & Omit<React.TextareaHTMLAttributes<HTMLTextAreaElement>, 'id' | 'name'>;

/** A labelled textarea. */
export function TextAreaField({ label, name, errors, hint, ...textarea }: TextAreaProps) {
  return (
    <LabelledControl
      label={label}
      name={name}
      errors={errors}
      hint={hint}
      control={(props) => <textarea {...props} {...textarea} />}
    />
  );
}

type SelectProps = Labelled &
  Omit<React.SelectHTMLAttributes<HTMLSelectElement>, 'id' | 'name'> & {
    options: Array<{ value: string; label: string }>;
    placeholder?: string;
  };

/** A labelled select, with an optional empty first choice. */
export function SelectField({ label, name, errors, options, placeholder, hint, ...select }: SelectProps) {
  return (
    <LabelledControl
      label={label}
      name={name}
      errors={errors}
      hint={hint}
      control={(props) => (
        <select {...props} {...select}>
          {placeholder !== undefined ? <option value="">{placeholder}</option> : null}
          {options.map((option) => (
            <option key={option.value} value={option.value}>
              {option.label}
            </option>
          ))}
        </select>
      )}
    />
  );
}

/** A form-level message, announced to screen readers when it appears. */
export function FormMessage({ tone, children }: { tone: 'error' | 'success' | 'info'; children: React.ReactNode }) {
  return (
    <div className={`form-message ${tone}`} role={tone === 'error' ? 'alert' : 'status'}>
      {children}
    </div>
  );
}
