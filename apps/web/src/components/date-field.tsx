import type { DateParts } from '../lib/date-entry';
import { fieldId } from '../lib/problems';
import type { FieldErrors } from './fields';

/**
 * The design system's date input for one API field (`patient.dateOfBirth`): a fieldset of day, month and year. The
 * day box carries the field's id, so an error summary line for the field (from the form's check or the API's problem
 * document) links to it; the error marks the wrong box, or all three when the whole date is wrong.
 */
export function DateField(props: {
  field: string;
  label: string;
  hint?: string;
  value: DateParts;
  onChange: (value: DateParts) => void;
  errors: FieldErrors;
  /** The box the error is about (null or absent: the whole date). */
  errorPart?: keyof DateParts | null;
}) {
  const id = fieldId(props.field);
  const error = props.errors[props.field];
  const described = [props.hint ? `${id}-hint` : null, error ? `${id}-error` : null].filter(Boolean).join(' ') || undefined;
  const boxes = [
    ['day', 'Day', 2],
    ['month', 'Month', 2],
    ['year', 'Year', 4],
  ] as const;
  return (
    <div className={`nhsuk-form-group${error ? ' nhsuk-form-group--error' : ''}`}>
      <fieldset className="nhsuk-fieldset" role="group" aria-describedby={described}>
        <legend className="nhsuk-fieldset__legend nhsuk-fieldset__legend--s">{props.label}</legend>
        {props.hint ? (
          <div className="nhsuk-hint" id={`${id}-hint`}>
            {props.hint}
          </div>
        ) : null}
        {error ? (
          <span className="nhsuk-error-message" id={`${id}-error`}>
            <span className="nhsuk-u-visually-hidden">Error:</span> {error}
          </span>
        ) : null}
        <div className="nhsuk-date-input">
          {boxes.map(([part, text, width]) => {
            const boxId = part === 'day' ? id : `${id}-${part}`;
            const wrong = Boolean(error) && (props.errorPart == null || props.errorPart === part);
            return (
              <div className="nhsuk-date-input__item" key={part}>
                <div className="nhsuk-form-group">
                  <label className="nhsuk-label nhsuk-date-input__label" htmlFor={boxId}>
                    {text}
                  </label>
                  <input
                    className={`nhsuk-input nhsuk-date-input__input nhsuk-input--width-${width}${wrong ? ' nhsuk-input--error' : ''}`}
                    id={boxId}
                    name={`${props.field}-${part}`}
                    inputMode="numeric"
                    value={props.value[part]}
                    onChange={(event) => props.onChange({ ...props.value, [part]: event.target.value })}
                  />
                </div>
              </div>
            );
          })}
        </div>
      </fieldset>
    </div>
  );
}
