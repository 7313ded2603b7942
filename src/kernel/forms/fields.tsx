import { Input } from '../views/components/input.tsx';
import { Select } from '../views/components/select.tsx';
import type { FieldContent } from './content.ts';
import type { FieldDef } from './journey.ts';

export interface FieldViewProps {
  name: string;
  def: FieldDef;
  content: FieldContent;
  value: string | undefined;
  error: string | undefined;
}

/** One field of a journey, drawn with the DSFR component matching its type. */
export function FieldView({ name, def, content, value, error }: FieldViewProps) {
  const options = (def.options ?? []).map((option) => ({ value: option, label: content.options?.[option] ?? option }));
  if (def.type === 'radio') return <Radios name={name} legend={content.label} hint={content.hint} options={options} value={value} error={error} />;
  if (def.type === 'select') return <Select name={name} label={content.label} hint={content.hint} options={options} value={value} error={error} />;
  return (
    <Input
      name={name}
      label={content.label}
      hint={content.hint}
      type={def.type}
      value={value}
      error={error}
      autocomplete={def.autocomplete}
      maxlength={def.maxLength ?? 200}
      inputmode={def.type === 'number' ? 'numeric' : undefined}
    />
  );
}

interface RadiosProps {
  name: string;
  legend: string;
  hint: string | undefined;
  options: ReadonlyArray<{ value: string; label: string }>;
  value: string | undefined;
  error: string | undefined;
}

/**
 * DSFR radio group. The legend names the question for screen readers, and the error is
 * tied to the fieldset so it is read out with the question.
 */
export function Radios({ name, legend, hint, options, value, error }: RadiosProps) {
  const id = `champ-${name}`;
  const messageId = `${id}-messages`;
  return (
    <fieldset class={`fr-fieldset${error ? ' fr-fieldset--error' : ''}`} id={id} aria-labelledby={`${id}-legend${error ? ` ${messageId}` : ''}`}>
      <legend class="fr-fieldset__legend fr-fieldset__legend--regular" id={`${id}-legend`}>
        {legend}
        {hint ? <span class="fr-hint-text">{hint}</span> : null}
      </legend>
      {options.map((option, index) => (
        <div class="fr-fieldset__element">
          <div class="fr-radio-group">
            <input type="radio" id={`${id}-${index}`} name={name} value={option.value} checked={option.value === value} />
            <label class="fr-label" for={`${id}-${index}`}>
              {option.label}
            </label>
          </div>
        </div>
      ))}
      {error ? (
        <div class="fr-messages-group" id={messageId} aria-live="polite">
          <p class="fr-message fr-message--error">{error}</p>
        </div>
      ) : null}
    </fieldset>
  );
}
