/**
 * A form journey described as data, in the shape of HMPO's hmpo-form-wizard: steps (a
 * path, the fields it asks, where to go next and under which condition) and fields (a
 * type, named validators, the answers a change invalidates). Words shown to people live
 * in the feature's content file, keyed by field and by validator.
 */
export type Answers = Readonly<Record<string, string>>;

/** A condition on the answers: `{ field, is }` for the common case, a predicate otherwise. */
export type Condition = { readonly field: string; readonly is: string | readonly string[] } | ((answers: Answers) => boolean);

export type NextRule = string | { readonly to: string; readonly when: Condition };

export type ValidatorRef = string | readonly [name: string, ...args: readonly (string | number)[]];

export type FieldType = 'text' | 'email' | 'tel' | 'number' | 'date' | 'radio' | 'select';

export interface FieldDef {
  readonly type: FieldType;
  /** Optional unless `required` is listed; other validators only run on a non-empty value. */
  readonly validators?: readonly ValidatorRef[];
  /** Allowed values of a radio or select (their labels are in the content). */
  readonly options?: readonly string[];
  /** Answers dropped when this one changes: they were given for a situation that no longer holds. */
  readonly invalidates?: readonly string[];
  readonly maxLength?: number;
  readonly autocomplete?: string;
}

export interface StepDef {
  readonly path: string;
  readonly fields: readonly string[];
  /** First rule whose condition holds wins; a plain string always holds. */
  readonly next: readonly NextRule[];
  /** Steps that must be complete before this one opens (beyond those on the way to it). */
  readonly prerequisites?: readonly string[];
}

export interface Journey {
  readonly name: string;
  readonly fields: Readonly<Record<string, FieldDef>>;
  /** The first step is the entry; the journey ends on `recap` (check your answers). */
  readonly steps: readonly StepDef[];
  readonly recap: string;
}

/** What a draft keeps: the answers, and the steps the person has submitted. */
export interface JourneyState {
  readonly answers: Answers;
  readonly completed: readonly string[];
}

export const EMPTY_STATE: JourneyState = { answers: {}, completed: [] };

export function holds(condition: Condition, answers: Answers): boolean {
  if (typeof condition === 'function') return condition(answers);
  const value = answers[condition.field] ?? '';
  return typeof condition.is === 'string' ? value === condition.is : condition.is.includes(value);
}

export function findStep(journey: Journey, path: string): StepDef | undefined {
  return journey.steps.find((step) => step.path === path);
}

export function nextOf(step: StepDef, answers: Answers): string {
  for (const rule of step.next) {
    if (typeof rule === 'string') return rule;
    if (holds(rule.when, answers)) return rule.to;
  }
  throw new Error(`Étape ${step.path} : aucune suite possible`);
}

/** Checks a journey's wiring once, at start: every step, field and target exists. */
export function checkJourney(journey: Journey): string[] {
  const problems: string[] = [];
  const paths = new Set(journey.steps.map((step) => step.path));
  for (const step of journey.steps) {
    for (const field of step.fields) if (!journey.fields[field]) problems.push(`${step.path} : champ inconnu ${field}`);
    for (const rule of step.next) {
      const to = typeof rule === 'string' ? rule : rule.to;
      if (to !== journey.recap && !paths.has(to)) problems.push(`${step.path} : suite inconnue ${to}`);
    }
    for (const pre of step.prerequisites ?? []) if (!paths.has(pre)) problems.push(`${step.path} : prérequis inconnu ${pre}`);
  }
  for (const [name, field] of Object.entries(journey.fields)) {
    for (const target of field.invalidates ?? []) if (!journey.fields[target]) problems.push(`${name} : invalide un champ inconnu ${target}`);
    if ((field.type === 'radio' || field.type === 'select') && !field.options?.length) problems.push(`${name} : options manquantes`);
  }
  return problems;
}
