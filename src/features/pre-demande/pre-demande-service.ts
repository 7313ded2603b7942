import type { Principal } from '../../kernel/auth/principal.ts';
import type { Db } from '../../kernel/db/database.ts';
import type { InTransaction } from '../../kernel/db/transactions.ts';
import type { Pseudonymize } from '../../kernel/auth/pseudonym.ts';
import type { RateLimiter } from '../../kernel/http/rate-limit.ts';
import { EMPTY_STATE, kernelValidators, parisToday, progress, type Answers, type JourneyState } from '../../kernel/forms/index.ts';
import { enqueueNotification } from '../../kernel/notifications/outbox-repository.ts';
import { telephonesRepository } from '../compte-usager/index.ts';
import { comptesRepository } from '../comptes/index.ts';
import { compterPreDemandeAccompagnee } from '../pilotage/index.ts';
import { transition, type Acteur, type Evenement } from './cycle-de-vie.ts';
import { preDemandeValidee, rappelExpiration } from './messages.ts';
import { nouveauNumero } from './numero.ts';
import { parcoursPreDemande } from './parcours.ts';
import { preDemandeRepository, type Aide, type PreDemande, type RendezVous } from './pre-demande-repository.ts';
import { validateursPreDemande } from './validateurs.ts';

export interface PreDemandeDeps {
  db: Db;
  inTransaction: InTransaction;
  now: () => Date;
  publicUrl: URL;
  serviceName: string;
  rateLimiter: RateLimiter;
  pseudonymize: Pseudonymize;
  /** PRE_DEMANDE_VALIDITE_MOIS; the rule stated at the time of the kit is 6 months. */
  validiteMois?: number;
}

/** Who the pré-demande is for, as listed in "Mon espace identité". */
export function personneDe(answers: Answers): string {
  const nom = answers.nomUsage || answers.nomNaissance;
  return answers.prenom1 && nom ? `${answers.prenom1} ${nom.toUpperCase()}` : '';
}

export function ajouterMois(date: Date, mois: number): Date {
  const result = new Date(date);
  result.setUTCMonth(result.getUTCMonth() + mois);
  return result;
}

const VALIDATIONS_PAR_HEURE = 20;
export const RAPPEL_JOURS = 15;
const dateLongue = (date: Date) => date.toLocaleDateString('fr-FR', { timeZone: 'Europe/Paris', dateStyle: 'long' });

export function preDemandeService(deps: PreDemandeDeps) {
  const today = parisToday(deps.now);
  const journey = parcoursPreDemande(today);
  const validators = { ...kernelValidators(today), ...validateursPreDemande(today) };
  const repo = preDemandeRepository(deps.db);
  const validiteMois = deps.validiteMois ?? 6;

  async function changer(pd: PreDemande, evenement: Evenement, acteur: Acteur, principal: Principal | null, trx: Db) {
    const verdict = transition({ statut: pd.statut, expireLe: pd.expireLe, reponsesCompletes: false }, evenement, acteur, deps.now());
    if (!verdict.ok) return false;
    const txRepo = preDemandeRepository(trx);
    if (!(await txRepo.changerStatut(pd.id, verdict.de, verdict.vers, deps.now()))) return false;
    await txRepo.ajouterHistorique({ preDemandeId: pd.id, evenement, de: verdict.de, vers: verdict.vers, acteurId: principal?.userId ?? null, acteurRole: principal?.role ?? acteur, at: deps.now() });
    return true;
  }

  /** Expiry is applied when a pré-demande is read: whoever looks at it sees its true status. */
  async function aJour(pd: PreDemande): Promise<PreDemande> {
    if ((pd.statut !== 'validee' && pd.statut !== 'declaree') || !pd.expireLe || pd.expireLe > deps.now()) return pd;
    const expired = await deps.inTransaction((trx) => changer(pd, 'expirer', 'systeme', null, trx));
    return expired ? { ...pd, statut: 'expiree' } : ((await repo.trouver(pd.id, pd.userId)) ?? pd);
  }

  return {
    journey,
    validators,
    today,
    validiteMois,
    async lister(userId: string) {
      // One after the other: PGlite serves a single connection, and expiries are rare writes.
      const fresh: PreDemande[] = [];
      for (const pd of await repo.lister(userId)) fresh.push(await aJour(pd));
      return fresh;
    },
    trouver: async (id: string, userId: string) => {
      const pd = await repo.trouver(id, userId);
      return pd && aJour(pd);
    },
    historique: (id: string) => repo.historique(id),
    /** A new draft offers the account's address and mobile as contact (the person may change them). */
    /**
     * The mairie's lookup at the recueil. Refuses, with the reason, a number that is unknown,
     * expired, cancelled or already used.
     */
    async pourRecueil(numero: string): Promise<{ ok: true; preDemande: PreDemande } | { ok: false; raison: string }> {
      const trouvee = /^[A-Z0-9]{10}$/.test(numero) ? await repo.trouverParNumero(numero) : undefined;
      if (!trouvee || trouvee.statut === 'brouillon') return { ok: false, raison: 'Aucune pré-demande ne porte ce numéro. Vérifiez-le avec le demandeur.' };
      const pd = await aJour(trouvee);
      if (pd.statut === 'expiree') return { ok: false, raison: 'Cette pré-demande a expiré : le demandeur peut la renouveler en un clic depuis son espace, ou remplir un Cerfa papier.' };
      if (pd.statut === 'annulee') return { ok: false, raison: 'Cette pré-demande a été annulée par le demandeur.' };
      if (pd.statut === 'consommee') return { ok: false, raison: 'Cette pré-demande a déjà été utilisée pour une demande de titre.' };
      return { ok: true, preDemande: pd };
    },

    /** Whose pré-demande this number is, and its internal id, whatever its state (for the stamp shop). */
    async titulaireParNumero(numero: string): Promise<{ id: string; userId: string } | undefined> {
      const pd = /^[A-Z0-9]{10}$/.test(numero) ? await repo.trouverParNumero(numero) : undefined;
      return pd && { id: pd.id, userId: pd.userId };
    },

    /** Marks the pré-demande used, inside the transaction that opens the application(s). */
    async consommerAuRecueil(trx: Db, pd: PreDemande, agent: Principal): Promise<boolean> {
      return changer(pd, 'consommer', 'agent_mairie', agent, trx);
    },

    /** `aide`: started in an assisted session, the helping agent is recorded on the pré-demande. */
    async creer(principal: Principal, aide: Aide | null = null) {
      const [account, mobile] = await Promise.all([comptesRepository(deps.db).findById(principal.userId), telephonesRepository(deps.db).find(principal.userId)]);
      const answers: Record<string, string> = {};
      if (account) answers.email = account.email;
      if (mobile) answers.mobile = mobile;
      return repo.creer(principal.userId, { ...EMPTY_STATE, answers }, '', aide);
    },
    rendezVous: (ids: readonly string[]) => repo.rendezVous(ids),

    /**
     * For the appointment feature (or an editor's software through it): an appointment is
     * booked for this number. The first one turns a validated pré-demande into `declaree`;
     * later ones are added to the list. Refused for a number that is unknown or no longer usable.
     */
    async declarerRendezVous(numero: string, rdv: RendezVous, source: string): Promise<{ ok: true } | { ok: false; raison: string }> {
      // The management link is shown to the citizen as a link: only a web address is accepted.
      if (rdv.lienGestion && !/^https:\/\/[^\s"'<>]+$/.test(rdv.lienGestion)) return { ok: false, raison: 'lien-invalide' };
      const trouvee = /^[A-Z0-9]{10}$/.test(numero) ? await repo.trouverParNumero(numero) : undefined;
      if (!trouvee || trouvee.statut === 'brouillon') return { ok: false, raison: 'inconnue' };
      const pd = await aJour(trouvee);
      if (pd.statut !== 'validee' && pd.statut !== 'declaree') return { ok: false, raison: pd.statut };
      const ok = await deps.inTransaction(async (trx) => {
        if (pd.statut === 'validee' && !(await changer(pd, 'declarer', 'prise_de_rendez_vous', null, trx))) return false;
        await preDemandeRepository(trx).ajouterRendezVous(pd.id, rdv, source);
        return true;
      });
      return ok ? { ok: true } : { ok: false, raison: 'concurrence' };
    },
    enregistrer: (pd: PreDemande, state: JourneyState) => repo.enregistrerBrouillon(pd.id, pd.userId, state, personneDe(state.answers), deps.now()),
    supprimerBrouillon: (id: string, principal: Principal) => repo.supprimerBrouillon(id, principal.userId),

    /** Each validation sends an email: an account cannot turn the platform into a mail cannon. */
    async validationPermise(principal: Principal) {
      const verdict = await deps.rateLimiter.hit(`pre-demande-validation:${deps.pseudonymize('user', principal.userId)}`, VALIDATIONS_PAR_HEURE, 3600);
      return verdict.allowed;
    },

    /** Gives the number, freezes the answers, and emails the number with a link (nothing more). */
    async valider(principal: Principal, pd: PreDemande, answers: Answers): Promise<string | undefined> {
      const complete = progress(journey, pd.state, validators).current === journey.recap;
      const verdict = transition({ statut: pd.statut, expireLe: null, reponsesCompletes: complete }, 'valider', 'usager', deps.now());
      if (!verdict.ok || pd.userId !== principal.userId) return undefined;
      const now = deps.now();
      const expireLe = ajouterMois(now, validiteMois);
      return deps.inTransaction(async (trx) => {
        const txRepo = preDemandeRepository(trx);
        let numero = nouveauNumero();
        // 31^10 possible numbers: a collision is very unlikely, but the check costs nothing.
        for (let essai = 0; essai < 5 && (await txRepo.numeroExiste(numero)); essai += 1) numero = nouveauNumero();
        if (!(await txRepo.valider(pd.id, answers, numero, expireLe, now))) return undefined;
        await txRepo.ajouterHistorique({ preDemandeId: pd.id, evenement: 'valider', de: verdict.de, vers: verdict.vers, acteurId: principal.userId, acteurRole: 'usager', at: now });
        if (pd.aide) await compterPreDemandeAccompagnee(trx, pd.aide.commune, now);
        const account = await comptesRepository(trx).findById(principal.userId);
        if (account) {
          await enqueueNotification(trx, {
            template: preDemandeValidee,
            recipient: account.email,
            values: {
              service: deps.serviceName,
              numero,
              lien: new URL(`/pre-demande/${pd.id}`, deps.publicUrl).toString(),
              expiration: dateLongue(expireLe),
            },
            idempotencyKey: `pre-demande-validee:${pd.id}`,
          });
        }
        return numero;
      });
    },

    /** One click: the answers of an expired or cancelled pré-demande are copied into a new draft. */
    async renouveler(principal: Principal, pd: PreDemande): Promise<string | undefined> {
      if (pd.statut !== 'expiree' && pd.statut !== 'annulee') return undefined;
      return repo.creer(principal.userId, pd.state, pd.personne);
    },

    /**
     * The periodic sweep: records the expiry of overdue pré-demandes and reminds each owner
     * once, `RAPPEL_JOURS` days ahead (the idempotency key makes a second sweep, or a second
     * instance, send nothing more).
     */
    async balayer(): Promise<{ expirees: number; rappels: number }> {
      const now = deps.now();
      let [expirees, rappels] = [0, 0];
      for (const pd of await repo.expirantAvant(new Date(now.getTime() + RAPPEL_JOURS * 86_400_000))) {
        if (pd.expireLe! <= now) {
          if ((await aJour(pd)).statut === 'expiree') expirees += 1;
          continue;
        }
        await deps.inTransaction(async (trx) => {
          const account = await comptesRepository(trx).findById(pd.userId);
          if (!account || !pd.numero) return;
          await enqueueNotification(trx, {
            template: rappelExpiration,
            recipient: account.email,
            values: { service: deps.serviceName, numero: pd.numero, lien: new URL(`/pre-demande/${pd.id}`, deps.publicUrl).toString(), expiration: dateLongue(pd.expireLe!) },
            idempotencyKey: `pre-demande-rappel:${pd.id}`,
          });
          rappels += 1;
        });
      }
      return { expirees, rappels };
    },

    annuler: (principal: Principal, pd: PreDemande) => deps.inTransaction((trx) => changer(pd, 'annuler', 'usager', principal, trx)),
  };
}
export type PreDemandeService = ReturnType<typeof preDemandeService>;
