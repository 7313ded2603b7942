export type { Answers, Condition, FieldDef, FieldType, Journey, JourneyState, NextRule, StepDef, ValidatorRef } from './journey.ts';
export { checkJourney, EMPTY_STATE, findStep, holds, nextOf } from './journey.ts';
export { answersOnPath, applyStep, canOpen, fieldError, isComplete, normalise, progress, validateStep } from './progress.ts';
export { ageOn, isIsoDate, kernelValidators, normaliseDate, parisToday, type Today, type Validator } from './validators.ts';
export { displayValue, messageFor, type FieldContent, type JourneyContent, type StepContent } from './content.ts';
export { registerJourney, type JourneyRoutes } from './engine.tsx';
