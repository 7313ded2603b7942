import { EMAIL_PATTERN } from '../comptes/index.ts';

/** A string field of a posted form, cut to a sane length (never trusted further). */
export function field(body: unknown, name: string, max = 256): string {
  const value = (body as Record<string, unknown> | undefined)?.[name];
  return typeof value === 'string' ? value.slice(0, max) : '';
}

export function emailProblem(email: string) {
  if (!email) return 'Saisissez votre adresse électronique.';
  if (email.length > 254 || !EMAIL_PATTERN.test(email)) return 'Saisissez une adresse électronique valide, par exemple nom@domaine.fr.';
  return undefined;
}
