import { hashPassword, passwordProblem, verifyPassword } from '../../kernel/auth/passwords.ts';
import type { Principal } from '../../kernel/auth/principal.ts';
import type { Pseudonymize } from '../../kernel/auth/pseudonym.ts';
import { sessionRepository } from '../../kernel/auth/session-repository.ts';
import { hashToken, randomToken } from '../../kernel/auth/tokens.ts';
import type { Db } from '../../kernel/db/database.ts';
import type { InTransaction } from '../../kernel/db/transactions.ts';
import type { RateLimiter } from '../../kernel/http/rate-limit.ts';
import { enqueueNotification } from '../../kernel/notifications/outbox-repository.ts';
import { comptesRepository } from '../comptes/index.ts';
import { changementsEmailRepository, telephonesRepository } from './compte-usager-repository.ts';
import { activation, changementAdresseDemande, compteSupprime, confirmationAdresse, coordonneesModifiees, dateFr, inscriptionExistante, motDePasseModifie, reinitialisation } from './messages.ts';

export interface CompteUsagerDeps {
  db: Db;
  inTransaction: InTransaction;
  rateLimiter: RateLimiter;
  pseudonymize: Pseudonymize;
  now: () => Date;
  publicUrl: URL;
  serviceName: string;
}

/** How long the links stay valid: stated in the message and on the page. */
export const ACTIVATION_HOURS = 24;
export const REINITIALISATION_MINUTES = 30;
export const CHANGEMENT_EMAIL_HEURES = 24;

// Anything that sends a message is limited per client and per address, so the platform
// cannot be used to flood someone's mailbox.
const PER_CLIENT = { limit: 10, windowSeconds: 3600 };
const PER_ADDRESS = { limit: 3, windowSeconds: 3600 };

export type Envoi = { ok: true } | { ok: false; reason: 'throttled' };

export function compteUsagerService(deps: CompteUsagerDeps) {
  const link = (path: string, token?: string) => new URL(`${path}${token ? `?jeton=${token}` : ''}`, deps.publicUrl).toString();

  async function allowed(action: string, email: string, clientIp: string) {
    const [client, address] = await Promise.all([
      deps.rateLimiter.hit(`${action}:${deps.pseudonymize('ip', clientIp)}`, PER_CLIENT.limit, PER_CLIENT.windowSeconds),
      deps.rateLimiter.hit(`${action}:${deps.pseudonymize('email', email)}`, PER_ADDRESS.limit, PER_ADDRESS.windowSeconds),
    ]);
    return client.allowed && address.allowed;
  }

  async function sendActivation(trx: Db, userId: string, email: string) {
    const token = randomToken();
    const expiresAt = new Date(deps.now().getTime() + ACTIVATION_HOURS * 3_600_000);
    const repo = comptesRepository(trx);
    await repo.revokeTokens(userId, 'activation', deps.now());
    await repo.insertToken(hashToken(token), userId, 'activation', expiresAt);
    await enqueueNotification(trx, {
      template: activation,
      recipient: email,
      values: { service: deps.serviceName, lien: link('/inscription/activation', token), expiration: dateFr(expiresAt) },
    });
  }

  return {
    /**
     * Same answer whether or not the address has an account: a new address gets its
     * activation link, a pending one a fresh link, an active one a warning to its owner.
     */
    async inscrire(email: string, password: string, clientIp: string): Promise<Envoi> {
      const passwordHash = await hashPassword(password);
      if (!(await allowed('inscription', email, clientIp))) return { ok: false, reason: 'throttled' };
      await deps.inTransaction(async (trx) => {
        const repo = comptesRepository(trx);
        const created = await repo.insert({ kind: 'usager', email, displayName: email.trim(), passwordHash, status: 'pending' });
        if (created) return sendActivation(trx, created.id, created.email);
        const existing = (await repo.findByEmail(email))!;
        if (existing.kind === 'usager' && existing.status === 'pending') return sendActivation(trx, existing.id, existing.email);
        await enqueueNotification(trx, {
          template: inscriptionExistante,
          recipient: existing.email,
          values: { service: deps.serviceName, connexion: link(existing.kind === 'agent' ? '/agent/connexion' : '/connexion'), oubli: link('/mot-de-passe-oublie') },
        });
      });
      return { ok: true };
    },

    async renvoyerActivation(email: string, clientIp: string): Promise<Envoi> {
      if (!(await allowed('activation', email, clientIp))) return { ok: false, reason: 'throttled' };
      await deps.inTransaction(async (trx) => {
        const account = await comptesRepository(trx).findByEmail(email);
        if (account?.kind === 'usager' && account.status === 'pending') await sendActivation(trx, account.id, account.email);
      });
      return { ok: true };
    },

    async activationEstValide(token: string) {
      return Boolean(await comptesRepository(deps.db).findValidToken(hashToken(token), 'activation', deps.now()));
    },

    async activer(token: string): Promise<boolean> {
      return deps.inTransaction(async (trx) => {
        const repo = comptesRepository(trx);
        const userId = await repo.consumeToken(hashToken(token), 'activation', deps.now());
        return userId ? repo.activatePending(userId, deps.now()) : false;
      });
    },

    async demanderReinitialisation(email: string, clientIp: string): Promise<Envoi> {
      if (!(await allowed('reinitialisation', email, clientIp))) return { ok: false, reason: 'throttled' };
      await deps.inTransaction(async (trx) => {
        const repo = comptesRepository(trx);
        const account = await repo.findByEmail(email);
        if (account?.kind !== 'usager' || account.status !== 'active') return;
        const token = randomToken();
        const expiresAt = new Date(deps.now().getTime() + REINITIALISATION_MINUTES * 60_000);
        await repo.revokeTokens(account.id, 'reinitialisation', deps.now());
        await repo.insertToken(hashToken(token), account.id, 'reinitialisation', expiresAt);
        await enqueueNotification(trx, {
          template: reinitialisation,
          recipient: account.email,
          values: { service: deps.serviceName, lien: link('/mot-de-passe/nouveau', token), expiration: dateFr(expiresAt) },
        });
      });
      return { ok: true };
    },

    async reinitialisationEstValide(token: string) {
      return Boolean(await comptesRepository(deps.db).findValidToken(hashToken(token), 'reinitialisation', deps.now()));
    },

    /** Sets the new password and closes every session of the account: whoever held one is out. */
    async reinitialiser(token: string, password: string): Promise<{ ok: true } | { ok: false; reason: 'invalid' } | { ok: false; reason: 'weak'; message: string }> {
      const pending = await comptesRepository(deps.db).findValidToken(hashToken(token), 'reinitialisation', deps.now());
      if (!pending) return { ok: false, reason: 'invalid' };
      const account = await comptesRepository(deps.db).findById(pending.user_id);
      const problem = passwordProblem(password, 'usager', [account?.email ?? '']);
      if (problem) return { ok: false, reason: 'weak', message: problem };
      const passwordHash = await hashPassword(password);
      return deps.inTransaction(async (trx) => {
        const repo = comptesRepository(trx);
        const userId = await repo.consumeToken(hashToken(token), 'reinitialisation', deps.now());
        const owner = userId && (await repo.findById(userId));
        if (!owner) return { ok: false as const, reason: 'invalid' as const };
        await repo.setPassword(owner.id, passwordHash, deps.now());
        await sessionRepository(trx).deleteForUser(owner.id);
        await changementsEmailRepository(trx).annulerEnAttente(owner.id);
        await enqueueNotification(trx, { template: motDePasseModifie, recipient: owner.email, values: { service: deps.serviceName, date: dateFr(deps.now()) } });
        return { ok: true as const };
      });
    },

    /** Asked again before a sensitive change; a session thief cannot try passwords without limit. */
    async verifierMotDePasse(principal: Principal, password: string): Promise<'ok' | 'faux' | 'throttled'> {
      const key = `reverification:${deps.pseudonymize('user', principal.userId)}`;
      const essai = await deps.rateLimiter.attempt(
        [{ key, limit: 5, windowSeconds: 900 }],
        async () => {
          const account = await comptesRepository(deps.db).findById(principal.userId);
          return account !== undefined && (await verifyPassword(account.passwordHash, password));
        },
        (bon) => !bon,
      );
      if (!essai.allowed) return 'throttled';
      return essai.result ? 'ok' : 'faux';
    },

    /**
     * Asks for a change of address (the password was checked before): a single-use link goes
     * to the new address, and the old one is told. Nothing changes until the link is opened,
     * so a mistyped or stolen-session address never takes the account over.
     */
    async demanderChangementEmail(principal: Principal, nouvelle: string): Promise<'ok' | 'pris' | 'throttled'> {
      const limite = await deps.rateLimiter.hit(`changement-email:${deps.pseudonymize('user', principal.userId)}`, PER_ADDRESS.limit, PER_ADDRESS.windowSeconds);
      if (!limite.allowed) return 'throttled';
      return deps.inTransaction(async (trx) => {
        const repo = comptesRepository(trx);
        const account = await repo.findById(principal.userId);
        if (!account) return 'pris';
        const prise = await repo.findByEmail(nouvelle);
        if (prise && prise.id !== account.id) return 'pris';
        const token = randomToken();
        const expiresAt = new Date(deps.now().getTime() + CHANGEMENT_EMAIL_HEURES * 3_600_000);
        await changementsEmailRepository(trx).creer(hashToken(token), account.id, nouvelle.trim(), deps.now(), expiresAt);
        await enqueueNotification(trx, {
          template: confirmationAdresse,
          recipient: nouvelle.trim(),
          values: { service: deps.serviceName, lien: link('/mon-compte/adresse/confirmer', token), expiration: dateFr(expiresAt) },
        });
        await enqueueNotification(trx, { template: changementAdresseDemande, recipient: account.email, values: { service: deps.serviceName, date: dateFr(deps.now()) } });
        return 'ok';
      });
    },

    async changementEmailEstValide(token: string) {
      return Boolean(await changementsEmailRepository(deps.db).valide(hashToken(token), deps.now()));
    },

    /** Opening the link (then its button) applies the change; the old address is told it is done. */
    async confirmerChangementEmail(token: string): Promise<boolean> {
      return deps.inTransaction(async (trx) => {
        const demande = await changementsEmailRepository(trx).consommer(hashToken(token), deps.now());
        const repo = comptesRepository(trx);
        const account = demande && (await repo.findById(demande.userId));
        if (!demande || !account || !(await repo.setEmail(account.id, demande.nouvelle, deps.now(), demande.nouvelle))) return false;
        await enqueueNotification(trx, {
          template: coordonneesModifiees,
          recipient: account.email,
          values: { service: deps.serviceName, date: dateFr(deps.now()), quoi: 'l’adresse électronique' },
        });
        return true;
      });
    },

    async changerTelephone(principal: Principal, mobile: string) {
      await deps.inTransaction(async (trx) => {
        const account = await comptesRepository(trx).findById(principal.userId);
        await telephonesRepository(trx).set(principal.userId, mobile, deps.now());
        if (account) {
          await enqueueNotification(trx, {
            template: coordonneesModifiees,
            recipient: account.email,
            values: { service: deps.serviceName, date: dateFr(deps.now()), quoi: 'le numéro de mobile' },
          });
        }
      });
    },

    telephone: (userId: string) => telephonesRepository(deps.db).find(userId),
    compte: (userId: string) => comptesRepository(deps.db).findById(userId),

    async supprimer(principal: Principal) {
      return deps.inTransaction(async (trx) => {
        const account = await comptesRepository(trx).findById(principal.userId);
        if (!account || !(await comptesRepository(trx).deleteUsager(account.id))) return false;
        await enqueueNotification(trx, { template: compteSupprime, recipient: account.email, values: { service: deps.serviceName, date: dateFr(deps.now()) } });
        return true;
      });
    },
  };
}
export type CompteUsagerService = ReturnType<typeof compteUsagerService>;
