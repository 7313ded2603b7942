import { findStep, nextOf, type Answers, type FieldDef, type Journey, type JourneyState, type StepDef, type ValidatorRef } from './journey.ts';
import { normaliseDate, RUN_ON_EMPTY, type Validator } from './validators.ts';

const DEFAULT_MAX_LENGTH = 200;

export interface StepOutcome {
  /** The step's answers as typed (normalised), kept to show again on error. */
  values: Record<string, string>;
  /** Field name → name of the first validator that refused it. */
  errors: Record<string, string>;
}

function refOf(ref: ValidatorRef): [string, readonly (string | number)[]] {
  return typeof ref === 'string' ? [ref, []] : [ref[0], ref.slice(1)];
}

export function normalise(field: FieldDef, raw: unknown): string {
  const text = typeof raw === 'string' ? raw.replace(/\s+/g, ' ').trim() : '';
  return field.type === 'date' ? normaliseDate(text) : text;
}

/** The name of the first validator refusing the value, or undefined when the field is acceptable. */
export function fieldError(name: string, field: FieldDef, value: string, answers: Answers, validators: Record<string, Validator>): string | undefined {
  if ([...value].length > (field.maxLength ?? DEFAULT_MAX_LENGTH)) return 'maxLength';
  if (value && field.options && !field.options.includes(value)) return 'options';
  for (const ref of field.validators ?? []) {
    const [validatorName, args] = refOf(ref);
    if (!value && !RUN_ON_EMPTY.has(validatorName)) continue;
    const validator = validators[validatorName];
    if (!validator) throw new Error(`${name} : validateur inconnu ${validatorName}`);
    if (!validator(value, args, answers)) return validatorName;
  }
  return undefined;
}

/** Validates one step's submission against the other answers already given. */
export function validateStep(journey: Journey, step: StepDef, input: Record<string, unknown>, state: JourneyState, validators: Record<string, Validator>): StepOutcome {
  const values: Record<string, string> = {};
  for (const name of step.fields) values[name] = normalise(journey.fields[name]!, input[name]);
  const merged = { ...state.answers, ...values };
  const errors: Record<string, string> = {};
  for (const name of step.fields) {
    const error = fieldError(name, journey.fields[name]!, values[name]!, merged, validators);
    if (error) errors[name] = error;
  }
  return { values, errors };
}

/**
 * Records a valid step. A changed answer drops the answers it invalidates, and the steps
 * that asked them must be submitted again.
 */
export function applyStep(journey: Journey, step: StepDef, values: Record<string, string>, state: JourneyState): JourneyState {
  const answers: Record<string, string> = { ...state.answers };
  const dropped = new Set<string>();
  for (const [name, value] of Object.entries(values)) {
    const before = state.answers[name];
    if (before !== undefined && before !== value) for (const target of journey.fields[name]?.invalidates ?? []) dropped.add(target);
    answers[name] = value;
  }
  for (const name of dropped) if (!(name in values)) delete answers[name];
  const reopened = new Set(journey.steps.filter((s) => s.path !== step.path && s.fields.some((f) => dropped.has(f))).map((s) => s.path));
  const completed = [...state.completed.filter((path) => !reopened.has(path) && path !== step.path), step.path];
  return { answers, completed };
}

export function isComplete(journey: Journey, step: StepDef, state: JourneyState, validators: Record<string, Validator>): boolean {
  if (!state.completed.includes(step.path)) return false;
  return step.fields.every((name) => !fieldError(name, journey.fields[name]!, state.answers[name] ?? '', state.answers, validators));
}

export interface Progress {
  /** Complete steps, in the order the answers lead through them. */
  done: StepDef[];
  /** Where the person must go now: the first incomplete step, or the recap. */
  current: string;
}

/** Walks the journey from its entry following the answers, as far as steps are complete. */
export function progress(journey: Journey, state: JourneyState, validators: Record<string, Validator>): Progress {
  const done: StepDef[] = [];
  let path = journey.steps[0]!.path;
  const seen = new Set<string>();
  while (path !== journey.recap && !seen.has(path)) {
    seen.add(path);
    const step = findStep(journey, path)!;
    if (!isComplete(journey, step, state, validators)) return { done, current: path };
    done.push(step);
    path = nextOf(step, state.answers);
  }
  return { done, current: path };
}

/** A step opens only once every step on the way to it (and its prerequisites) is complete. */
export function canOpen(journey: Journey, path: string, state: JourneyState, validators: Record<string, Validator>): boolean {
  const { done, current } = progress(journey, state, validators);
  if (path === current) return true;
  if (path === journey.recap) return false;
  const step = findStep(journey, path);
  if (!step || !done.includes(step)) return false;
  return (step.prerequisites ?? []).every((pre) => done.some((s) => s.path === pre));
}

/** Answers on the way through the journey only: those left on abandoned branches are not part of it. */
export function answersOnPath(journey: Journey, state: JourneyState, validators: Record<string, Validator>): Record<string, string> {
  const answers: Record<string, string> = {};
  for (const step of progress(journey, state, validators).done) {
    for (const name of step.fields) if (state.answers[name]) answers[name] = state.answers[name]!;
  }
  return answers;
}
