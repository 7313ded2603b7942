import type { Answers } from './journey.ts';

/**
 * A validator is a tiny pure predicate: true when the value is acceptable. It receives the
 * value already normalised, the arguments written in the journey, and every answer (for
 * rules that compare two fields). Its French message comes from content, keyed by its name.
 */
export type Validator = (value: string, args: readonly (string | number)[], answers: Answers) => boolean;

/** Today's date as the engine sees it (ISO, Europe/Paris), passed so tests can fix it. */
export type Today = () => string;

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

export function isIsoDate(value: string): boolean {
  const match = ISO_DATE.exec(value);
  if (!match) return false;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const date = new Date(Date.UTC(year, month - 1, day));
  return date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
}

/** Accepts what people type (14/05/2010, 14-5-2010) as well as what a date input sends. */
export function normaliseDate(raw: string): string {
  const value = raw.trim();
  const french = /^(\d{1,2})[/.\- ](\d{1,2})[/.\- ](\d{4})$/.exec(value);
  if (french) return `${french[3]}-${french[2]!.padStart(2, '0')}-${french[1]!.padStart(2, '0')}`;
  return value;
}

/** Whole years between two ISO dates (the age reached on `on`). */
export function ageOn(birth: string, on: string): number {
  const [by, bm, bd] = birth.split('-').map(Number) as [number, number, number];
  const [oy, om, od] = on.split('-').map(Number) as [number, number, number];
  return oy - by - (om < bm || (om === bm && od < bd) ? 1 : 0);
}

export function parisToday(now: () => Date): Today {
  return () => new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Paris' }).format(now());
}

export function kernelValidators(today: Today): Record<string, Validator> {
  return {
    required: (value) => value.trim().length > 0,
    maxLength: (value, [max]) => [...value].length <= Number(max),
    minLength: (value, [min]) => [...value].length >= Number(min),
    email: (value) => value.length <= 254 && /^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(value),
    integer: (value) => /^-?\d+$/.test(value),
    between: (value, [min, max]) => /^-?\d+$/.test(value) && Number(value) >= Number(min) && Number(value) <= Number(max),
    date: (value) => isIsoDate(value),
    pastDate: (value) => isIsoDate(value) && value <= today(),
    after: (value, [min]) => !isIsoDate(value) || value >= String(min),
    /** Strictly before the date given in another field (when that one is known and valid). */
    beforeField: (value, [field], answers) => {
      const other = answers[String(field)] ?? '';
      return !isIsoDate(value) || !isIsoDate(other) || value < other;
    },
    /** Needed when another field has a value (e.g. the ground for a nom d'usage). */
    requiredWith: (value, [field], answers) => value.trim().length > 0 || (answers[String(field)] ?? '').trim().length === 0,
  };
}

/** Validators that must run even on an empty value: they decide whether empty is allowed. */
export const RUN_ON_EMPTY = new Set(['required', 'requiredWith']);
