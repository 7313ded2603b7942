import type { Children } from '../html.ts';

export interface AlertProps {
  type: 'error' | 'success' | 'info' | 'warning';
  title: string;
  children?: Children;
  id?: string;
}

export function Alert({ type, title, children, id }: AlertProps) {
  // role="alert" makes screen readers announce a form's errors as soon as the page loads.
  return (
    <div class={`fr-alert fr-alert--${type} fr-mb-3w`} id={id} role={type === 'error' ? 'alert' : undefined}>
      <h2 class="fr-alert__title">{title}</h2>
      {children}
    </div>
  );
}

/** The list of a form's errors, each linking to its field. */
export function ErrorSummary({ errors }: { errors: Record<string, string | undefined> }) {
  const entries = Object.entries(errors).filter((entry): entry is [string, string] => Boolean(entry[1]));
  if (entries.length === 0) return null;
  return (
    <Alert type="error" title={entries.length === 1 ? 'Une réponse est à corriger' : `${entries.length} réponses sont à corriger`}>
      <ul>
        {entries.map(([name, message]) => (
          <li>
            <a href={`#champ-${name}`}>{message}</a>
          </li>
        ))}
      </ul>
    </Alert>
  );
}
