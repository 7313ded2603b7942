import QRCode from 'qrcode';
import { recordAudit } from '../../kernel/audit/audit-repository.ts';
import type { Principal } from '../../kernel/auth/principal.ts';
import { sessionRepository } from '../../kernel/auth/session-repository.ts';
import { hashToken, randomToken } from '../../kernel/auth/tokens.ts';
import { codesDeSecours, normaliserCodeSecours, nouveauSecretTotp, uriOtpauth, verifierTotp } from '../../kernel/auth/totp.ts';
import type { Db } from '../../kernel/db/database.ts';
import type { InTransaction } from '../../kernel/db/transactions.ts';
import type { RateLimiter } from '../../kernel/http/rate-limit.ts';
import { comptesRepository, toPrincipal } from './comptes-repository.ts';
import { doubleFacteurRepository } from './double-facteur-repository.ts';

/**
 * The agents' second factor. `roles-sensibles` (default): admins, instructeurs and préfecture
 * agents must use one, mairie agents may; `obligatoire`: every agent must. There is no
 * setting without it: a stolen password alone never opens an agent session.
 */
export type ExigenceDoubleFacteur = 'roles-sensibles' | 'obligatoire';
const ROLES_SENSIBLES = new Set(['admin', 'instructeur', 'agent_prefecture']);

/** A sign-in waiting for its second factor lasts this long. */
export const ATTENTE_MINUTES = 10;
/** Wrong codes per agent and 15 minutes, counted before the code is checked. */
export const ESSAIS_CODE = { limit: 5, windowSeconds: 15 * 60 };

export interface DoubleFacteurDeps {
  db: Db;
  inTransaction: InTransaction;
  rateLimiter: RateLimiter;
  now: () => Date;
  exigence: ExigenceDoubleFacteur;
  serviceName: string;
}

export type Verdict = { ok: true; principal: Principal; moyen: 'totp' | 'code-de-secours' } | { ok: false; raison: 'code' | 'throttled' | 'attente' };

export function doubleFacteurService(deps: DoubleFacteurDeps) {
  const repo = doubleFacteurRepository(deps.db);
  const exige = (principal: Principal) => principal.kind === 'agent' && (deps.exigence === 'obligatoire' || ROLES_SENSIBLES.has(principal.role ?? ''));

  async function compteActif(userId: string): Promise<Principal | undefined> {
    const account = await comptesRepository(deps.db).findById(userId);
    return account && account.kind === 'agent' && account.status === 'active' ? toPrincipal(account) : undefined;
  }

  /** Counts first (5 wrong codes per agent and 15 minutes), then checks. */
  async function limiter(userId: string, verifier: () => Promise<Verdict>): Promise<Verdict> {
    const essai = await deps.rateLimiter.attempt([{ key: `double-facteur:${userId}`, ...ESSAIS_CODE }], verifier, (v) => !v.ok);
    return essai.allowed ? essai.result : { ok: false, raison: 'throttled' };
  }

  return {
    exige,

    async etat(userId: string) {
      const secret = await repo.secret(userId);
      return { actif: Boolean(secret?.confirme), codesRestants: secret?.confirme ? await repo.codesSecoursRestants(userId) : 0 };
    },

    /**
     * After the password: no session yet when the agent has a second factor (then « code »)
     * or must have one (then « activation »). Answers the token of the waiting sign-in, for a
     * cookie, or undefined when the session may open at once.
     */
    async apresMotDePasse(principal: Principal): Promise<{ etape: 'code' | 'activation'; jeton: string } | undefined> {
      const secret = await repo.secret(principal.userId);
      if (!secret?.confirme && !exige(principal)) return undefined;
      const jeton = randomToken();
      await repo.purgerAttentes(deps.now());
      await repo.ouvrirAttente(hashToken(jeton), principal.userId, new Date(deps.now().getTime() + ATTENTE_MINUTES * 60_000));
      return { etape: secret?.confirme ? 'code' : 'activation', jeton };
    },

    /** The agent of a waiting sign-in, while it lasts. */
    async enAttente(jeton: string | undefined): Promise<Principal | undefined> {
      if (!jeton || jeton.length > 64) return undefined;
      const userId = await repo.attente(hashToken(jeton), deps.now());
      return userId ? compteActif(userId) : undefined;
    },

    /** The second step of a sign-in: a TOTP code, or one of the recovery codes. */
    async verifier(jeton: string | undefined, saisie: string): Promise<Verdict> {
      const agent = await this.enAttente(jeton);
      if (!agent) return { ok: false, raison: 'attente' };
      return limiter(agent.userId, async () => {
        const secret = await repo.secret(agent.userId);
        if (!secret?.confirme) return { ok: false, raison: 'code' };
        const at = deps.now();
        const pas = verifierTotp(secret.secret, saisie, at, secret.dernierPas);
        let moyen: 'totp' | 'code-de-secours' | undefined;
        if (pas !== undefined && (await repo.utiliserPas(agent.userId, pas, null))) moyen = 'totp';
        else if (normaliserCodeSecours(saisie).length === 8 && (await repo.utiliserCodeSecours(agent.userId, hashToken(normaliserCodeSecours(saisie)), at))) moyen = 'code-de-secours';
        await recordAudit(deps.db, agent, { action: 'connexion-double-facteur', objectType: 'compte', objectId: agent.userId, outcome: moyen ? 'succes' : 'refus', details: moyen ? { moyen } : {} });
        if (!moyen) return { ok: false, raison: 'code' };
        await repo.fermerAttente(hashToken(jeton!));
        return { ok: true, principal: agent, moyen };
      });
    },

    /** The QR code and secret to show while enrolling (a pending secret is kept until confirmed). */
    async proposerActivation(agent: Principal, email: string) {
      const secret = await repo.proposerSecret(agent.userId, nouveauSecretTotp(), deps.now());
      const uri = uriOtpauth(secret, email, deps.serviceName);
      return { secret, qr: await QRCode.toDataURL(uri, { margin: 2, width: 220 }) };
    },

    /** The first code proves the app holds the secret: the factor is on, ten recovery codes are given once. */
    async confirmerActivation(agent: Principal, saisie: string): Promise<{ ok: true; codes: string[] } | { ok: false; raison: 'code' | 'throttled' | 'deja-actif' }> {
      const existant = await repo.secret(agent.userId);
      if (existant?.confirme) return { ok: false, raison: 'deja-actif' };
      const codes = codesDeSecours();
      const verdict = await limiter(agent.userId, async () => {
        const secret = await repo.secret(agent.userId);
        const pas = secret && verifierTotp(secret.secret, saisie, deps.now(), null);
        if (pas === undefined || pas === null || !(await repo.utiliserPas(agent.userId, pas, deps.now()))) return { ok: false, raison: 'code' };
        await repo.remplacerCodesSecours(agent.userId, codes.map((c) => hashToken(normaliserCodeSecours(c))));
        await recordAudit(deps.db, agent, { action: 'activer-double-facteur', objectType: 'compte', objectId: agent.userId });
        return { ok: true, principal: agent, moyen: 'totp' };
      });
      if (!verdict.ok) return { ok: false, raison: verdict.raison === 'throttled' ? 'throttled' : 'code' };
      return { ok: true, codes };
    },

    /** Ends a waiting sign-in once the enrolment opened the session. */
    async terminerAttente(jeton: string | undefined) {
      if (jeton) await repo.fermerAttente(hashToken(jeton));
    },

    /** An admin resets an agent's second factor (lost phone): the agent enrolls again at the next sign-in. */
    async reinitialiser(admin: Principal, agentId: string): Promise<boolean> {
      const account = await comptesRepository(deps.db).findById(agentId);
      if (!account || account.kind !== 'agent') return false;
      return deps.inTransaction(async (trx) => {
        await doubleFacteurRepository(trx).supprimer(agentId);
        await sessionRepository(trx).deleteForUser(agentId);
        await recordAudit(trx, admin, { action: 'reinitialiser-double-facteur', objectType: 'compte', objectId: agentId });
        return true;
      });
    },
  };
}
export type DoubleFacteurService = ReturnType<typeof doubleFacteurService>;
