import type { Children } from '../../kernel/views/html.ts';

export interface RadiosProps {
  name: string;
  legend: string;
  hint?: string;
  options: ReadonlyArray<{ value: string; label: string; hint?: string }>;
  value?: string | undefined;
  error?: string | undefined;
}

/**
 * DSFR radio group. The first input carries `champ-<name>` so the error summary's link
 * lands on the group; the legend and the error are tied to the fieldset so a screen
 * reader reads the question and what is wrong with the answer together.
 */
export function Radios(props: RadiosProps) {
  const id = `groupe-${props.name}`;
  const hasError = Boolean(props.error);
  return (
    <fieldset
      class={`fr-fieldset${hasError ? ' fr-fieldset--error' : ''}`}
      id={id}
      aria-labelledby={`${id}-legend${hasError ? ` ${id}-messages` : ''}`}
      role={hasError ? 'group' : undefined}
    >
      <legend class="fr-fieldset__legend fr-fieldset__legend--regular" id={`${id}-legend`}>
        {props.legend}
        {props.hint ? <span class="fr-hint-text">{props.hint}</span> : null}
      </legend>
      {props.options.map((option, index) => (
        <div class="fr-fieldset__element">
          <div class="fr-radio-group">
            <input type="radio" id={index === 0 ? `champ-${props.name}` : `champ-${props.name}-${option.value}`} name={props.name} value={option.value} checked={option.value === props.value} />
            <label class="fr-label" for={index === 0 ? `champ-${props.name}` : `champ-${props.name}-${option.value}`}>
              {option.label}
              {option.hint ? <span class="fr-hint-text">{option.hint}</span> : null}
            </label>
          </div>
        </div>
      ))}
      {hasError ? (
        <div class="fr-messages-group" id={`${id}-messages`} aria-live="polite">
          <p class="fr-message fr-message--error">{props.error}</p>
        </div>
      ) : null}
    </fieldset>
  );
}

/** DSFR stepper: where the buyer is among the kit's steps, announced as text, not only drawn. */
export function Etapes({ courante, total, titre, suivante }: { courante: number; total: number; titre: string; suivante?: string }) {
  return (
    <div class="fr-stepper">
      <h2 class="fr-stepper__title">
        {titre}
        <span class="fr-stepper__state">
          Étape {courante} sur {total}
        </span>
      </h2>
      <div class="fr-stepper__steps" data-fr-current-step={String(courante)} data-fr-steps={String(total)} />
      {suivante ? (
        <p class="fr-stepper__details">
          <span class="fr-text--bold">Étape suivante :</span> {suivante}
        </p>
      ) : null}
    </div>
  );
}

export function Bouton({ children, secondaire, name, value }: { children: Children; secondaire?: boolean; name?: string; value?: string }) {
  return (
    <button class={`fr-btn${secondaire ? ' fr-btn--secondary' : ''}`} type="submit" name={name} value={value}>
      {children}
    </button>
  );
}
