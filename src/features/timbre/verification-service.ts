import { recordAudit } from '../../kernel/audit/audit-repository.ts';
import type { Principal } from '../../kernel/auth/principal.ts';
import type { Db } from '../../kernel/db/database.ts';
import type { InTransaction } from '../../kernel/db/transactions.ts';
import type { RateLimiter } from '../../kernel/http/rate-limit.ts';
import { statutEffectif, transition, type MotifRefus, type StatutTimbre } from './cycle-de-vie.ts';
import { MOTIFS } from './contenu.ts';
import { normaliserNumero, problemeNumero, type ProblemeNumero } from './numero.ts';
import { timbresRepository, type Timbre } from './timbres-repository.ts';

export interface VerificationDeps {
  db: Db;
  inTransaction: InTransaction;
  now: () => Date;
  rateLimiter: RateLimiter;
  /**
   * Is this commune's mairie equipped with a dispositif de recueil? A stamp is consumed by the
   * application it pays for, at the DR counter: other agents may look a stamp up, not use it.
   */
  estMairieDR: (commune: string) => Promise<boolean>;
}

export interface FicheTimbre {
  numero: string;
  statut: StatutTimbre;
  usage: string;
  montantCentimes: number;
  acheteLe: Date;
  expireLe: Date;
  consommation: { referenceDossier: string; consommeLe: Date; commune: string | null } | null;
}

export type MotifVerification = MotifRefus | ProblemeNumero | 'inconnu' | 'reference' | 'trop-de-consultations' | 'mairie-sans-dr';
export type Verification = { ok: true; fiche: FicheTimbre } | { ok: false; motif: MotifVerification; message: string; fiche?: FicheTimbre };

// A counter agent checks a few stamps an hour; 30 a minute is far above that and far below enumeration.
export const CONSULTATIONS_PAR_MINUTE = 30;
// Unknown numbers, looked up or consumed, from one agent: typos happen, enumeration must not.
export const NUMEROS_INCONNUS = { limit: 20, windowSeconds: 600 };
const REFERENCE_DOSSIER = /^[A-Za-z0-9][A-Za-z0-9/_-]{2,39}$/;

const refus = (motif: MotifVerification, fiche?: FicheTimbre): Verification => ({ ok: false, motif, message: messageRefus(motif), ...(fiche ? { fiche } : {}) });

export function messageRefus(motif: MotifVerification): string {
  if (motif === 'reference') return 'Saisissez la référence du dossier (3 à 40 lettres, chiffres ou tirets).';
  if (motif === 'trop-de-consultations') return 'Trop de vérifications en peu de temps : patientez quelques minutes.';
  if (motif === 'mairie-sans-dr') return 'Seule une mairie équipée d’un dispositif de recueil consomme un timbre, au recueil de la demande qu’il paie.';
  return MOTIFS[motif];
}

/**
 * The mairie's side: look a stamp up, and consume it exactly once. Consumption locks the
 * stamp row, lets the state table decide, and writes status, consumption row, history
 * and audit together; the consumption table's primary key is a second lock on the door.
 */
export function verificationService(deps: VerificationDeps) {
  async function fiche(db: Db, t: Timbre): Promise<FicheTimbre> {
    const c = await timbresRepository(db).consommation(t.numero);
    return {
      numero: t.numero,
      statut: statutEffectif(t, deps.now()),
      usage: t.usage,
      montantCentimes: t.montantCentimes,
      acheteLe: t.acheteLe,
      expireLe: t.expireLe,
      consommation: c ? { referenceDossier: c.reference_dossier, consommeLe: c.consomme_le, commune: c.commune } : null,
    };
  }

  /** For other features (pré-demande, recueil): can this stamp pay for this usage today? */
  async function verifierTimbre(saisie: string, usage: string): Promise<Verification> {
    const probleme = problemeNumero(saisie);
    if (probleme) return refus(probleme);
    const timbre = await timbresRepository(deps.db).trouver(normaliserNumero(saisie)!);
    if (!timbre) return refus('inconnu');
    const f = await fiche(deps.db, timbre);
    const essai = transition(timbre, 'consommer', { nom: 'verification', at: deps.now(), usageAttendu: usage });
    return essai.ok ? { ok: true, fiche: f } : refus(essai.motif, f);
  }

  /** Counts the attempt on the agent's unknown-number allowance first; over it, nothing is looked up. */
  async function limiterInconnus(agent: Principal, essai: () => Promise<Verification>): Promise<Verification> {
    const resultat = await deps.rateLimiter.attempt([{ key: `timbre-inconnu:${agent.userId}`, ...NUMEROS_INCONNUS }], essai, (r) => !r.ok && r.motif === 'inconnu');
    return resultat.allowed ? resultat.result : refus('trop-de-consultations');
  }

  /**
   * A number typed by an agent on the counter page or sent by the counter's software: only a
   * DR mairie consumes, and unknown numbers count against the agent's allowance. (The recueil
   * consumes through `consommerTimbre`, behind its own DR-only route.)
   */
  async function consommerAuGuichet(saisie: string, usage: string, referenceDossier: string, agent: Principal): Promise<Verification> {
    if (!agent.communeInsee || !(await deps.estMairieDR(agent.communeInsee))) {
      await recordAudit(deps.db, agent, { action: 'consommer-timbre', objectType: 'timbre', objectId: null, outcome: 'refus', details: { motif: 'mairie-sans-dr' } });
      return refus('mairie-sans-dr');
    }
    return limiterInconnus(agent, () => consommerTimbre(saisie, usage, referenceDossier, agent));
  }

  async function consommerTimbre(saisie: string, usage: string, referenceDossier: string, agent: Principal): Promise<Verification> {
    const probleme = problemeNumero(saisie);
    const reference = referenceDossier.trim();
    const numero = normaliserNumero(saisie);
    return deps.inTransaction(async (trx) => {
      const audit = (outcome: 'succes' | 'refus', motif?: MotifVerification) =>
        recordAudit(trx, agent, { action: 'consommer-timbre', objectType: 'timbre', objectId: numero && !probleme ? numero : null, outcome, details: { usage, referenceDossier: reference.slice(0, 40), ...(motif ? { motif } : {}) } });
      if (probleme || !numero) return audit('refus', probleme).then(() => refus(probleme ?? 'format'));
      if (!REFERENCE_DOSSIER.test(reference)) return audit('refus', 'reference').then(() => refus('reference'));
      const repo = timbresRepository(trx);
      const timbre = await repo.verrouiller(numero);
      if (!timbre) return audit('refus', 'inconnu').then(() => refus('inconnu'));
      const at = deps.now();
      const acteur = `agent:${agent.userId}`;
      const essai = transition(timbre, 'consommer', { nom: acteur, at, usageAttendu: usage });
      if (!essai.ok) {
        // A stamp found past its date is recorded as expired, so the history says when it was seen so.
        if (essai.motif === 'expire' && transition(timbre, 'expirer', { nom: 'systeme', at }).ok) {
          await repo.changerStatut(numero, 'valide', 'expire');
          await repo.historiser(numero, 'expirer', 'valide', 'expire', 'systeme', at);
        }
        await audit('refus', essai.motif);
        return refus(essai.motif, await fiche(trx, { ...timbre, statut: essai.motif === 'expire' ? 'expire' : timbre.statut }));
      }
      await repo.changerStatut(numero, essai.de, essai.vers);
      await repo.enregistrerConsommation(numero, reference, agent.userId, agent.communeInsee, at);
      await repo.historiser(numero, 'consommer', essai.de, essai.vers, acteur, at, { referenceDossier: reference });
      await audit('succes');
      return { ok: true as const, fiche: await fiche(trx, { ...timbre, statut: essai.vers }) };
    });
  }

  return {
    verifierTimbre,
    consommerTimbre,
    consommerAuGuichet,

    /** The agent page's lookup: rate-limited per agent; the burst that crosses the limit is a security event. */
    async consulter(saisie: string, agent: Principal): Promise<Verification> {
      const cle = `timbre-consultation:${agent.userId}`;
      const limite = await deps.rateLimiter.hit(cle, CONSULTATIONS_PAR_MINUTE, 60);
      if (!limite.allowed) {
        if (limite.hits === CONSULTATIONS_PAR_MINUTE + 1) {
          await recordAudit(deps.db, agent, { action: 'consultations-timbres-en-rafale', objectType: 'securite', outcome: 'refus', details: { limite: CONSULTATIONS_PAR_MINUTE, fenetreSecondes: 60 } });
        }
        return refus('trop-de-consultations');
      }
      const probleme = problemeNumero(saisie);
      if (probleme) return refus(probleme);
      const numero = normaliserNumero(saisie)!;
      return limiterInconnus(agent, async () => {
        const timbre = await timbresRepository(deps.db).trouver(numero);
        await recordAudit(deps.db, agent, { action: 'consulter-timbre', objectType: 'timbre', objectId: numero, outcome: timbre ? 'succes' : 'refus' });
        if (!timbre) return refus('inconnu');
        return { ok: true, fiche: await fiche(deps.db, timbre) };
      });
    },
  };
}
export type VerificationService = ReturnType<typeof verificationService>;
