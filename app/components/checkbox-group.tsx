import { useId } from 'react';

/** The errors of one field, tied to its control by id (aria-describedby). */
export function ErrorList({ id, errors }: { id: string; errors?: string[] }) {
  if (!errors?.length) return null;
  return (
    <ul id={id} className="field-errors">
      {errors.map((e) => (
        <li key={e}>{e}</li>
      ))}
    </ul>
  );
}

/** The ids an element is described by, leaving out the ones not shown. */
export function describedBy(...ids: Array<string | false | 0 | undefined>) {
  return ids.filter(Boolean).join(' ') || undefined;
}

interface CheckboxGroupProps {
  legend: string;
  name: string;
  options: Array<{ value: string; label: string; lang?: string }>;
  selected: string[];
  errors?: string[];
  hint?: string;
  className?: string;
}

/** A fieldset of checkboxes sharing one name, with its legend, hint and errors. */
export function CheckboxGroup({ legend, name, options, selected, errors, hint, className }: CheckboxGroupProps) {
  const id = useId();
  const errorId = `${id}-error`;
  const hintId = `${id}-hint`;
  return (
    <fieldset
      className={`field-group ${className ?? ''}`}
      aria-describedby={describedBy(hint && hintId, errors?.length && errorId)}
      aria-invalid={errors?.length ? true : undefined}
    >
      <legend>{legend}</legend>
      {hint ? (
        <p id={hintId} className="hint">
          {hint}
        </p>
      ) : null}
      <div className="choices">
        {options.map((o) => (
          <label key={o.value} className="choice">
            <input type="checkbox" name={name} value={o.value} defaultChecked={selected.includes(o.value)} />
            <span lang={o.lang}>{o.label}</span>
          </label>
        ))}
      </div>
      <ErrorList id={errorId} errors={errors} />
    </fieldset>
  );
}
