export interface SelectProps {
  name: string;
  label: string;
  hint?: string;
  options: ReadonlyArray<{ value: string; label: string }>;
  value?: string | undefined;
  error?: string | undefined;
  placeholder?: string;
}

export function Select(props: SelectProps) {
  const id = `champ-${props.name}`;
  const messageId = `${id}-messages`;
  const hasError = Boolean(props.error);
  return (
    <div class={`fr-select-group${hasError ? ' fr-select-group--error' : ''}`}>
      <label class="fr-label" for={id}>
        {props.label}
        {props.hint ? <span class="fr-hint-text">{props.hint}</span> : null}
      </label>
      <select
        class={`fr-select${hasError ? ' fr-select--error' : ''}`}
        id={id}
        name={props.name}
        aria-invalid={hasError ? 'true' : undefined}
        aria-describedby={hasError ? messageId : undefined}
      >
        <option value="" disabled selected={!props.value}>
          {props.placeholder ?? 'Sélectionner une option'}
        </option>
        {props.options.map((option) => (
          <option value={option.value} selected={option.value === props.value}>
            {option.label}
          </option>
        ))}
      </select>
      {hasError ? (
        <div class="fr-messages-group" id={messageId} aria-live="polite">
          <p class="fr-message fr-message--error">{props.error}</p>
        </div>
      ) : null}
    </div>
  );
}
