import { randomUUID } from 'node:crypto';
import type { GuichetApp } from '../../app.ts';
import { toPrincipal } from '../../features/comptes/index.ts';
import { equiperDoubleFacteur } from './double-facteur.ts';

export const AGENT_PASSWORD = 'une phrase de passe pour les agents';
export const USAGER_PASSWORD = 'mon chat aime les croquettes';

export function uniqueEmail(prefix = 'personne') {
  return `${prefix}.${randomUUID().slice(0, 8)}@exemple.fr`;
}

export async function createAdmin(app: GuichetApp, email = uniqueEmail('admin')) {
  const outcome = await app.comptes.createAdmin(email, 'Alice Administratrice', AGENT_PASSWORD);
  if (!outcome.ok) throw new Error(outcome.message);
  // Admins sign in with a second factor: the test's "phone" holds it (see double-facteur.ts).
  await equiperDoubleFacteur(app, toPrincipal(outcome.account), email);
  return { email, password: AGENT_PASSWORD, account: outcome.account };
}

export async function createUsager(app: GuichetApp, email = uniqueEmail('usager')) {
  const outcome = await app.comptes.createUsager(email, 'Camille Usagère', USAGER_PASSWORD);
  if (!outcome.ok) throw new Error(outcome.message);
  return { email, password: USAGER_PASSWORD, account: outcome.account };
}

/** An agent created the way an admin does it: invitation, then the link from the message. */
export async function createAgent(
  app: GuichetApp,
  role: 'agent_mairie' | 'agent_prefecture' | 'instructeur',
  rattachement: { communeInsee?: string; departement: string },
) {
  const admin = await createAdmin(app);
  const email = uniqueEmail(role);
  const adminPrincipal = { userId: admin.account.id, kind: 'agent' as const, role: 'admin' as const, communeInsee: null, departement: null, displayName: admin.account.displayName };
  const invited = await app.comptes.inviteAgent(adminPrincipal, {
    email,
    displayName: `Agent ${role}`,
    role,
    communeInsee: rattachement.communeInsee ?? null,
    departement: rattachement.departement,
  });
  if (!invited.ok) throw new Error(invited.reason);
  // A worker may also be running in the background (browser tests): wait for the delivery.
  let message: Awaited<ReturnType<typeof app.outbox.list>>[number] | undefined;
  for (let essai = 0; essai < 100 && !message; essai += 1) {
    await app.worker.runOnce();
    [message] = (await app.outbox.list({ deliveredBy: 'boite-dev', limit: 50 })).filter((row) => row.recipient === email);
    if (!message) await new Promise((resolve) => setTimeout(resolve, 100));
  }
  const token = /jeton=([\w-]+)/.exec(message?.rendered?.text ?? '')?.[1];
  if (!token) throw new Error('invitation introuvable (le canal courriel doit être la boîte de développement)');
  const accepted = await app.comptes.acceptInvitation(token, AGENT_PASSWORD);
  if (!accepted.ok) throw new Error(accepted.reason);
  const account = (await app.comptes.listAgents()).find((a) => a.email === email)!;
  const principal = toPrincipal(account);
  if (app.doubleFacteur.exige(principal)) await equiperDoubleFacteur(app, principal, email);
  return { email, password: AGENT_PASSWORD };
}
