import { EMAIL_PATTERN } from '../comptes/index.ts';

export function emailProblem(email: string) {
  if (!email) return 'Saisissez votre adresse électronique.';
  if (email.length > 254 || !EMAIL_PATTERN.test(email)) return 'Saisissez une adresse électronique valide, par exemple nom@domaine.fr.';
  return undefined;
}
