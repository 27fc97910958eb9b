import type { ReactNode } from 'react';
import { fieldId } from '../lib/problems';

/** Field errors by API field name (`patient.nhsNumber`), from a problem or the form's own checks. */
export type FieldErrors = Record<string, string | undefined>;

interface FieldProps {
  field: string;
  label: string;
  hint?: ReactNode;
  errors: FieldErrors;
}

function ErrorMessage({ id, text }: { id: string; text: string | undefined }) {
  if (!text) return null;
  return (
    <span className="nhsuk-error-message" id={`${id}-error`}>
      <span className="nhsuk-u-visually-hidden">Error:</span> {text}
    </span>
  );
}

const describedBy = (id: string, hint: unknown, error: unknown) =>
  [hint ? `${id}-hint` : null, error ? `${id}-error` : null].filter(Boolean).join(' ') || undefined;

/**
 * The design system's form group around one control: label, hint and error message, and the control's id,
 * `aria-describedby` and error state handed to it — the same markup for every kind of field.
 */
function FormGroup(props: FieldProps & { control: (control: { id: string; describedBy: string | undefined; error: string | undefined }) => ReactNode }) {
  const id = fieldId(props.field);
  const error = props.errors[props.field];
  return (
    <div className={`nhsuk-form-group${error ? ' nhsuk-form-group--error' : ''}`}>
      <label className="nhsuk-label" htmlFor={id}>
        {props.label}
      </label>
      {props.hint ? (
        <div className="nhsuk-hint" id={`${id}-hint`}>
          {props.hint}
        </div>
      ) : null}
      <ErrorMessage id={id} text={error} />
      {props.control({ id, describedBy: describedBy(id, props.hint, error), error })}
    </div>
  );
}

export function TextField(
  props: FieldProps & { value: string; onChange: (value: string) => void; onBlur?: () => void; width?: 10 | 20 | 30; type?: string; autoComplete?: string; inputMode?: 'numeric' | 'text' | 'email' | 'tel' },
) {
  return (
    <FormGroup
      {...props}
      control={({ id, describedBy: described, error }) => (
        <input
          className={`nhsuk-input${props.width ? ` nhsuk-input--width-${props.width}` : ''}${error ? ' nhsuk-input--error' : ''}`}
          id={id}
          name={props.field}
          type={props.type ?? 'text'}
          value={props.value}
          autoComplete={props.autoComplete}
          inputMode={props.inputMode}
          aria-describedby={described}
          onChange={(event) => props.onChange(event.target.value)}
          onBlur={props.onBlur}
        />
      )}
    />
  );
}

export function TextArea(props: FieldProps & { value: string; onChange: (value: string) => void }) {
  return (
    <FormGroup
      {...props}
      control={({ id, describedBy: described, error }) => (
        <textarea
          className={`nhsuk-textarea${error ? ' nhsuk-textarea--error' : ''}`}
          id={id}
          name={props.field}
          rows={4}
          value={props.value}
          aria-describedby={described}
          onChange={(event) => props.onChange(event.target.value)}
        />
      )}
    />
  );
}

export function SelectField(props: FieldProps & { value: string; onChange: (value: string) => void; options: Array<{ value: string; text: string }> }) {
  return (
    <FormGroup
      {...props}
      control={({ id, describedBy: described, error }) => (
        <select
          className={`nhsuk-select${error ? ' nhsuk-select--error' : ''}`}
          id={id}
          name={props.field}
          value={props.value}
          aria-describedby={described}
          onChange={(event) => props.onChange(event.target.value)}
        >
          {props.options.map((option) => (
            <option key={option.value} value={option.value}>
              {option.text}
            </option>
          ))}
        </select>
      )}
    />
  );
}

/** Radios (one answer) or checkboxes (several): a fieldset whose first input carries the field's id. */
export function ChoiceField(
  props: FieldProps & { kind: 'radios' | 'checkboxes'; options: Array<{ value: string; text: string }>; selected: readonly string[]; onChange: (selected: string[]) => void; inline?: boolean },
) {
  const id = fieldId(props.field);
  const error = props.errors[props.field];
  const cls = props.kind === 'radios' ? 'nhsuk-radios' : 'nhsuk-checkboxes';
  return (
    <div className={`nhsuk-form-group${error ? ' nhsuk-form-group--error' : ''}`}>
      <fieldset className="nhsuk-fieldset" aria-describedby={describedBy(id, props.hint, error)}>
        <legend className="nhsuk-fieldset__legend nhsuk-fieldset__legend--s">{props.label}</legend>
        {props.hint ? (
          <div className="nhsuk-hint" id={`${id}-hint`}>
            {props.hint}
          </div>
        ) : null}
        <ErrorMessage id={id} text={error} />
        <div className={`${cls}${props.inline ? ` ${cls}--inline` : ''}`}>
          {props.options.map((option, i) => {
            const optionId = i === 0 ? id : `${id}-${i + 1}`;
            const checked = props.selected.includes(option.value);
            return (
              <div className={`${cls}__item`} key={option.value}>
                <input
                  className={`${cls}__input`}
                  id={optionId}
                  name={props.field}
                  type={props.kind === 'radios' ? 'radio' : 'checkbox'}
                  value={option.value}
                  checked={checked}
                  onChange={() =>
                    props.onChange(
                      props.kind === 'radios' ? [option.value] : checked ? props.selected.filter((v) => v !== option.value) : [...props.selected, option.value],
                    )
                  }
                />
                <label className={`nhsuk-label ${cls}__label`} htmlFor={optionId}>
                  {option.text}
                </label>
              </div>
            );
          })}
        </div>
      </fieldset>
    </div>
  );
}
