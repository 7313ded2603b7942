/** The words of a journey, kept apart from its logic: one content file per feature. */
export interface FieldContent {
  readonly label: string;
  readonly hint?: string;
  /** Labels of a radio's or select's values. */
  readonly options?: Readonly<Record<string, string>>;
  /** Messages keyed by validator name; missing ones fall back to the journey's, then the kernel's. */
  readonly messages?: Readonly<Record<string, string>>;
}

export interface StepContent {
  readonly title: string;
  readonly lead?: string;
}

export interface JourneyContent {
  readonly title: string;
  readonly steps: Readonly<Record<string, StepContent>>;
  readonly fields: Readonly<Record<string, FieldContent>>;
  readonly messages?: Readonly<Record<string, string>>;
  readonly recap: { readonly title: string; readonly lead: string; readonly submit: string };
}

const KERNEL_MESSAGES: Record<string, string> = {
  required: 'Ce champ est obligatoire.',
  maxLength: 'Cette réponse est trop longue.',
  minLength: 'Cette réponse est trop courte.',
  options: 'Choisissez une des réponses proposées.',
  email: 'Saisissez une adresse électronique valide, par exemple nom@domaine.fr.',
  integer: 'Saisissez un nombre entier.',
  between: 'Saisissez un nombre dans les limites indiquées.',
  date: 'Saisissez une date valide, par exemple 14/05/2010.',
  pastDate: 'La date ne peut pas être dans le futur.',
  after: 'La date est trop ancienne.',
  beforeField: 'La date doit être antérieure.',
  requiredWith: 'Ce champ est obligatoire avec la réponse précédente.',
};

export function messageFor(content: JourneyContent, field: string, validator: string): string {
  return content.fields[field]?.messages?.[validator] ?? content.messages?.[validator] ?? KERNEL_MESSAGES[validator] ?? 'Réponse invalide.';
}

/** The answer as a person reads it: the label of a chosen option, a date in French order. */
export function displayValue(content: JourneyContent, field: string, value: string): string {
  const option = content.fields[field]?.options?.[value];
  if (option) return option;
  const date = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  return date ? `${date[3]}/${date[2]}/${date[1]}` : value;
}
