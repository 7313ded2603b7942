import { randomUUID } from 'node:crypto';
import type { GuichetApp } from '../../app.ts';

export const AGENT_PASSWORD = 'une phrase de passe pour les agents';
export const USAGER_PASSWORD = 'mon chat aime les croquettes';

export function uniqueEmail(prefix = 'personne') {
  return `${prefix}.${randomUUID().slice(0, 8)}@exemple.fr`;
}

export async function createAdmin(app: GuichetApp, email = uniqueEmail('admin')) {
  const outcome = await app.comptes.createAdmin(email, 'Alice Administratrice', AGENT_PASSWORD);
  if (!outcome.ok) throw new Error(outcome.message);
  return { email, password: AGENT_PASSWORD, account: outcome.account };
}

export async function createUsager(app: GuichetApp, email = uniqueEmail('usager')) {
  const outcome = await app.comptes.createUsager(email, 'Camille Usagère', USAGER_PASSWORD);
  if (!outcome.ok) throw new Error(outcome.message);
  return { email, password: USAGER_PASSWORD, account: outcome.account };
}
