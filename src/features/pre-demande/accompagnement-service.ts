import { randomInt } from 'node:crypto';
import { recordAudit } from '../../kernel/audit/audit-repository.ts';
import type { Principal } from '../../kernel/auth/principal.ts';
import type { Pseudonymize } from '../../kernel/auth/pseudonym.ts';
import { hashToken } from '../../kernel/auth/tokens.ts';
import type { Db } from '../../kernel/db/database.ts';
import type { InTransaction } from '../../kernel/db/transactions.ts';
import type { RateLimiter } from '../../kernel/http/rate-limit.ts';
import { accompagnementRepository, type Accompagnement } from './accompagnement-repository.ts';
import { ALPHABET } from './numero.ts';
import { preDemandeRepository, type Aide, type PreDemande } from './pre-demande-repository.ts';

export interface AccompagnementDeps {
  db: Db;
  inTransaction: InTransaction;
  now: () => Date;
  rateLimiter: RateLimiter;
  pseudonymize: Pseudonymize;
  /** Equipment level of a commune (territory): only an espace numérique helps in assisted mode. */
  niveauCommune: (code: string) => Promise<string | null>;
}

/** The code is read aloud or shown across the counter: short, and only for a few minutes. */
export const CODE_MINUTES = 15;
export const CODE_LONGUEUR = 8;
/** An assisted session ends by itself after this time, even if nobody closes it. */
export const SESSION_MINUTES = 120;
const ESSAIS = { limite: 5, fenetreSecondes: 900 };

export const formaterCode = (code: string) => `${code.slice(0, 4)}-${code.slice(4)}`;
export const normaliserCode = (saisie: string) => saisie.toUpperCase().replace(/[^A-Z0-9]/g, '');

export function accompagnementService(deps: AccompagnementDeps) {
  const repo = accompagnementRepository(deps.db);
  const depuis = () => new Date(deps.now().getTime() - SESSION_MINUTES * 60_000);

  return {
    async estEspaceNumerique(agent: Principal): Promise<boolean> {
      return Boolean(agent.communeInsee) && (await deps.niveauCommune(agent.communeInsee!)) === 'espace_numerique';
    },

    /** The agent opens an assisted session; the code is returned once and only its hash is kept. */
    async demarrer(agent: Principal): Promise<{ id: string; code: string; expireLe: Date }> {
      let code = '';
      for (let i = 0; i < CODE_LONGUEUR; i += 1) code += ALPHABET[randomInt(ALPHABET.length)];
      const now = deps.now();
      const expireLe = new Date(now.getTime() + CODE_MINUTES * 60_000);
      const id = await deps.inTransaction(async (trx) => {
        const created = await accompagnementRepository(trx).creer({ agentId: agent.userId, agentNom: agent.displayName, commune: agent.communeInsee!, codeHash: hashToken(code), now, codeExpireLe: expireLe });
        await recordAudit(trx, agent, { action: 'demarrer-accompagnement', objectType: 'accompagnement', objectId: created });
        return created;
      });
      return { id, code, expireLe };
    },

    /**
     * The citizen, signed in on the counter computer, types the code: their own session becomes
     * the assisted one. Attempts are limited: a code cannot be found by trying.
     */
    async rejoindre(usager: Principal, sessionHash: string, saisie: string): Promise<{ ok: true; accompagnement: Accompagnement } | { ok: false; raison: 'invalide' | 'throttled' }> {
      const cle = `accompagnement:${deps.pseudonymize('user', usager.userId)}`;
      const code = normaliserCode(saisie);
      const essai = await deps.rateLimiter.attempt(
        [{ key: cle, limit: ESSAIS.limite, windowSeconds: ESSAIS.fenetreSecondes }],
        () =>
          code.length === CODE_LONGUEUR
            ? deps.inTransaction(async (trx) => {
                const a = await accompagnementRepository(trx).rejoindre(hashToken(code), usager.userId, sessionHash, deps.now());
                if (a) await recordAudit(trx, usager, { action: 'rejoindre-accompagnement', objectType: 'accompagnement', objectId: a.id, details: { commune: a.commune } });
                return a;
              })
            : Promise.resolve(undefined),
        (rejoint) => !rejoint,
      );
      if (!essai.allowed) return { ok: false, raison: 'throttled' };
      if (essai.result) return { ok: true, accompagnement: essai.result };
      return { ok: false, raison: 'invalide' };
    },

    /** The assisted session bound to this citizen session, while it lasts. */
    enCours: (sessionHash: string | null) => (sessionHash ? repo.dansLaSession(sessionHash, depuis()) : Promise.resolve(undefined)),

    aideDe: (a: Accompagnement): Aide => ({ accompagnementId: a.id, agentId: a.agentId, agentNom: a.agentNom, commune: a.commune, le: deps.now() }),

    async terminerParLUsager(usager: Principal, sessionHash: string | null): Promise<boolean> {
      const a = sessionHash ? await repo.dansLaSession(sessionHash, depuis()) : undefined;
      if (!a) return false;
      return deps.inTransaction(async (trx) => {
        if (!(await accompagnementRepository(trx).terminer(a.id, deps.now()))) return false;
        await recordAudit(trx, usager, { action: 'terminer-accompagnement', objectType: 'accompagnement', objectId: a.id });
        return true;
      });
    },

    async terminerParLAgent(agent: Principal, id: string): Promise<boolean> {
      const a = await repo.deLAgent(id, agent.userId);
      if (!a) return false;
      return deps.inTransaction(async (trx) => {
        const fait = await accompagnementRepository(trx).terminer(a.id, deps.now());
        if (fait) await recordAudit(trx, agent, { action: 'terminer-accompagnement', objectType: 'accompagnement', objectId: a.id });
        return fait;
      });
    },

    recents: (agent: Principal) => repo.recentsDeLAgent(agent.userId),

    /**
     * What the agent may see of one of their sessions: while it lasts, the pré-demandes started
     * in it (never the account's others); once over, only how many.
     */
    async pourLAgent(agent: Principal, id: string): Promise<{ accompagnement: Accompagnement; enCours: boolean; preDemandes: PreDemande[] } | undefined> {
      const a = await repo.deLAgent(id, agent.userId);
      if (!a) return undefined;
      const enCours = !a.termineLe && (a.rejointLe ? a.rejointLe > depuis() : a.codeExpireLe > deps.now());
      const preDemandes = await preDemandeRepository(deps.db).delAccompagnement(a.id);
      await recordAudit(deps.db, agent, { action: 'consulter-accompagnement', objectType: 'accompagnement', objectId: a.id, details: { enCours, preDemandes: preDemandes.length } });
      return { accompagnement: a, enCours, preDemandes };
    },
  };
}
export type AccompagnementService = ReturnType<typeof accompagnementService>;
