import { recordAudit } from '../../kernel/audit/audit-repository.ts';
import { agentApiTokensRepository, type AgentApiToken } from '../../kernel/auth/agent-api-tokens-repository.ts';
import type { AgentRole, Principal } from '../../kernel/auth/principal.ts';
import type { Db } from '../../kernel/db/database.ts';
import type { InTransaction } from '../../kernel/db/transactions.ts';
import { newAgentApiToken } from '../../kernel/http/agent-api-auth.ts';
import type { RateLimiter } from '../../kernel/http/rate-limit.ts';
import { comptesRepository } from '../comptes/index.ts';
import { UUID } from '../../kernel/db/ids.ts';

/** Only the stamp API takes agent tokens today, and it is for mairie agents. */
export const ROLES_AVEC_API: readonly AgentRole[] = ['agent_mairie'];

export const DUREES = [
  { value: '30', label: '30 jours' },
  { value: '90', label: '90 jours (conseillé)' },
  { value: '180', label: '6 mois' },
  { value: '365', label: '1 an (au plus)' },
] as const;
export const DUREE_PAR_DEFAUT = '90';
const NOM_MAX = 80;
// A counter has one or two machines; ten live tokens per agent is already generous.
const JETONS_ACTIFS_MAX = 10;
const CREATIONS_PAR_HEURE = 10;

export interface Saisie {
  nom: string;
  duree: string;
  agent?: string;
}
export type Erreurs = Partial<Record<keyof Saisie, string>>;
export type Creation = { ok: true; jeton: string; nom: string; expireLe: Date; titulaire: string } | { ok: false; erreurs: Erreurs };

export function estActif(jeton: AgentApiToken, now: Date) {
  return !jeton.revokedAt && jeton.expiresAt > now;
}

/**
 * Personal API tokens: an agent makes their own, an administrator makes one for an agent.
 * The token is returned once and only its hash is kept; every change is audited with the
 * token's id, never the token.
 */
export function jetonsService(deps: { db: Db; inTransaction: InTransaction; rateLimiter: RateLimiter; now: () => Date }) {
  const repo = agentApiTokensRepository(deps.db);

  /** Active mairie agents an administrator may give a token to. */
  async function titulairesPossibles() {
    const agents = await comptesRepository(deps.db).listAgents();
    return agents.filter((a) => a.status === 'active' && a.role !== null && ROLES_AVEC_API.includes(a.role));
  }

  return {
    lister: (userId?: string) => repo.list(userId ? { userId } : {}),
    titulairesPossibles,

    async creer(auteur: Principal, saisie: Saisie): Promise<Creation> {
      const erreurs: Erreurs = {};
      const nom = saisie.nom.trim();
      if (!nom) erreurs.nom = 'Donnez un nom au jeton, par exemple le poste ou le logiciel qui l’utilisera.';
      else if ([...nom].length > NOM_MAX) erreurs.nom = `Le nom ne doit pas dépasser ${NOM_MAX} caractères.`;
      if (!DUREES.some((d) => d.value === saisie.duree)) erreurs.duree = 'Choisissez une durée de validité.';
      const pourAutrui = auteur.role === 'admin';
      const titulaire = pourAutrui ? (await titulairesPossibles()).find((a) => a.id === saisie.agent) : undefined;
      if (pourAutrui && !titulaire) erreurs.agent = 'Choisissez l’agent de mairie titulaire du jeton.';
      const userId = pourAutrui ? titulaire?.id : auteur.userId;
      if (userId && !erreurs.nom) {
        const actifs = (await repo.list({ userId })).filter((j) => estActif(j, deps.now()));
        if (actifs.length >= JETONS_ACTIFS_MAX) erreurs.nom = `Cet agent a déjà ${JETONS_ACTIFS_MAX} jetons actifs : révoquez ceux qui ne servent plus avant d’en créer un autre.`;
      }
      if (Object.keys(erreurs).length > 0 || !userId) return { ok: false, erreurs };
      const limite = await deps.rateLimiter.hit(`jeton-api-creation:${auteur.userId}`, CREATIONS_PAR_HEURE, 3600);
      if (!limite.allowed) return { ok: false, erreurs: { nom: 'Trop de jetons créés en une heure : réessayez plus tard.' } };

      const now = deps.now();
      const expireLe = new Date(now.getTime() + Number(saisie.duree) * 86_400_000);
      const { token, tokenHash } = newAgentApiToken();
      await deps.inTransaction(async (trx) => {
        const id = await agentApiTokensRepository(trx).create({ userId, nom, tokenHash, createdBy: auteur.userId, now, expiresAt: expireLe });
        await recordAudit(trx, auteur, { action: 'creer-jeton-api', objectType: 'jeton_api_agent', objectId: id, details: { titulaire: userId, dureeJours: Number(saisie.duree) } });
      });
      return { ok: true, jeton: token, nom, expireLe, titulaire: titulaire?.displayName ?? auteur.displayName };
    },

    /** An agent revokes their own tokens; an administrator, anyone's. */
    async revoquer(auteur: Principal, id: string): Promise<boolean> {
      if (!UUID.test(id)) return false;
      return deps.inTransaction(async (trx) => {
        const fait = await agentApiTokensRepository(trx).revoke(id, auteur.userId, deps.now(), auteur.role === 'admin' ? undefined : auteur.userId);
        if (fait) await recordAudit(trx, auteur, { action: 'revoquer-jeton-api', objectType: 'jeton_api_agent', objectId: id });
        return fait;
      });
    },
  };
}
export type JetonsService = ReturnType<typeof jetonsService>;
