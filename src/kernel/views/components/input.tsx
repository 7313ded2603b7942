export interface InputProps {
  name: string;
  label: string;
  hint?: string;
  value?: string | undefined;
  error?: string | undefined;
  type?: 'text' | 'email' | 'password' | 'tel' | 'number' | 'date' | 'search';
  autocomplete?: string;
  required?: boolean;
  inputmode?: 'numeric' | 'tel' | 'email' | 'text';
  maxlength?: number;
}

/**
 * DSFR text input. The error message sits next to the field and is tied to it with
 * `aria-describedby`, so a screen reader announces it when the field takes focus.
 */
export function Input(props: InputProps) {
  const id = `champ-${props.name}`;
  const messageId = `${id}-messages`;
  const hasError = Boolean(props.error);
  return (
    <div class={`fr-input-group${hasError ? ' fr-input-group--error' : ''}`}>
      <label class="fr-label" for={id}>
        {props.label}
        {props.hint ? <span class="fr-hint-text">{props.hint}</span> : null}
      </label>
      <input
        {...{
          class: `fr-input${hasError ? ' fr-input--error' : ''}`,
          id,
          name: props.name,
          // Preact types each input type separately; the union is built at run time.
          type: (props.type ?? 'text') as 'text',
          value: props.type === 'password' ? undefined : props.value,
          autocomplete: props.autocomplete,
          required: props.required,
          inputmode: props.inputmode,
          maxlength: props.maxlength,
          'aria-invalid': hasError ? ('true' as const) : undefined,
          'aria-describedby': hasError ? messageId : undefined,
        }}
      />
      {hasError ? (
        <div class="fr-messages-group" id={messageId} aria-live="polite">
          <p class="fr-message fr-message--error">{props.error}</p>
        </div>
      ) : null}
    </div>
  );
}
