import { randomInt } from 'node:crypto';
import { recordAudit } from '../../kernel/audit/audit-repository.ts';
import type { Principal } from '../../kernel/auth/principal.ts';
import type { Db } from '../../kernel/db/database.ts';
import type { InTransaction } from '../../kernel/db/transactions.ts';
import { enqueueNotification } from '../../kernel/notifications/outbox-repository.ts';
import { compterTransition } from '../pilotage/index.ts';
import type { CaptureBiometrique } from './dispositif-recueil.ts';
import { transition, type Acteur, type ContexteTransition, type Etat, type Evenement, type RefusTransition } from './cycle-de-vie.ts';
import { demandesRepository, type AncienTitre, type DemandeRow, type NouvelleDemande, type Perimetre } from './demandes-repository.ts';
import { controleReussi, type ControleIdentite } from './remise.ts';
import { complementDemande, decisionRendue, titreDisponibleEmail, titreDisponibleSms } from './messages.ts';

export interface DemandesDeps {
  db: Db;
  inTransaction: InTransaction;
  now: () => Date;
  nomCommune: (code: string) => string | undefined;
}

// Unambiguous characters only: a number read out on the phone must not confuse 0/O or 1/I.
const ALPHABET = 'ABCDEFGHJKLMNPQRSTUVWXYZ23456789';

export function nouveauNumeroDemande(departement: string) {
  let suffixe = '';
  for (let i = 0; i < 8; i += 1) suffixe += ALPHABET[randomInt(ALPHABET.length)];
  return `D-${departement}-${suffixe}`;
}

export function acteurDe(principal: Principal | 'systeme'): Acteur {
  if (principal === 'systeme') return { role: 'systeme' };
  return { role: principal.kind === 'usager' ? 'usager' : (principal.role ?? 'usager'), communeInsee: principal.communeInsee, departement: principal.departement };
}

/** What an agent may see: never wider than their own commune or département. */
export function perimetreDe(principal: Principal): Perimetre | undefined {
  if (principal.role === 'agent_mairie' && principal.communeInsee) return { commune: principal.communeInsee };
  if ((principal.role === 'instructeur' || principal.role === 'agent_prefecture') && principal.departement) return { departement: principal.departement };
  return undefined;
}

const TITRES = { cni: 'carte d’identité', passeport: 'passeport' } as const;

/** What the mairie keys in (or takes from the pré-demande), plus a note of any correction made. */
export type DonneesRecueil = Omit<NouvelleDemande, 'numero' | 'commune_recueil' | 'departement'> & { correction?: string };

export function demandesService(deps: DemandesDeps) {
  const valeurs = (d: DemandeRow) => ({ numero: d.numero, titre: TITRES[d.titre], mairie: deps.nomCommune(d.commune_remise) ?? d.commune_remise });

  /**
   * Opens one application per titre (a pré-demande for both gives two) in one transaction,
   * with `avantCommit` (consuming the pré-demande) in it too: all happen, or none.
   */
  async function recueillirPlusieurs(agent: Principal, liste: DonneesRecueil[], avantCommit?: (trx: Db) => Promise<void>) {
    if (agent.role !== 'agent_mairie' || !agent.communeInsee || !agent.departement) throw new Error('Seul un agent de mairie recueille une demande.');
    const maintenant = deps.now();
    return deps.inTransaction(async (trx) => {
      const repo = demandesRepository(trx);
      const creees: DemandeRow[] = [];
      for (const donnees of liste) {
        const demande = await repo.inserer({ ...donnees, numero: nouveauNumeroDemande(agent.departement!), commune_recueil: agent.communeInsee!, departement: agent.departement! }, maintenant);
        await repo.ajouterHistorique({ demande_id: demande.id, at: maintenant, evenement: 'recueillir', de: null, vers: 'recueillie', acteur_id: agent.userId, acteur_role: 'agent_mairie', acteur_commune: agent.communeInsee, motif: donnees.correction ?? null });
        await repo.compterRecueil(agent.communeInsee!, `${maintenant.toISOString().slice(0, 7)}-01`, demande.titre, demande.origine);
        await recordAudit(trx, agent, { action: 'recueillir', objectType: 'demande_titre', objectId: demande.id, details: { origine: demande.origine, titre: demande.titre, corrige: Boolean(donnees.correction) } });
        creees.push(demande);
      }
      await avantCommit?.(trx);
      return creees;
    });
  }

  return {
    /** Opens an application at the recueil; counted in the monthly aggregates in the same transaction. */
    async recueillir(agent: Principal, donnees: DonneesRecueil) {
      const [demande] = await recueillirPlusieurs(agent, [donnees]);
      return demande!;
    },

    recueillirPlusieurs,

    /**
     * Applies one lifecycle event: the guarded transition, the new state, its history row
     * and the audit entry in one transaction; the citizen's messages leave after commit.
     */
    async appliquer(
      principal: Principal | 'systeme',
      id: string,
      evenement: Evenement,
      contexte: Omit<ContexteTransition, 'maintenant'> & { numeroTitre?: string; ancienTitre?: AncienTitre; controle?: ControleIdentite } = {},
    ): Promise<{ ok: true; demande: DemandeRow; vers: Etat } | RefusTransition | { ok: false; code: 'INTROUVABLE'; raison: string }> {
      const maintenant = deps.now();
      const acteur = acteurDe(principal);
      return deps.inTransaction(async (trx) => {
        const repo = demandesRepository(trx);
        const visible = principal === 'systeme' ? true : perimetreDe(principal) && (await repo.trouverDansPerimetre(perimetreDe(principal)!, id));
        const demande = visible ? await repo.verrouiller(id) : undefined;
        if (!demande) {
          if (principal !== 'systeme') await recordAudit(trx, principal, { action: evenement, objectType: 'demande_titre', objectId: id, outcome: 'refus' });
          return { ok: false as const, code: 'INTROUVABLE' as const, raison: 'Demande introuvable.' };
        }
        // The identity check done at the counter is kept with the remise it allows, in the same transaction.
        if (contexte.controle && principal !== 'systeme') await enregistrerControleDans(trx, principal, demande, contexte.controle, maintenant);
        const identiteVerifiee = contexte.controle ? controleReussi(contexte.controle) : contexte.identiteVerifiee;
        const resultat = transition(
          {
            etat: demande.etat,
            communeRecueil: demande.commune_recueil,
            communeRemise: demande.commune_remise,
            departement: demande.departement,
            timbreRequis: demande.timbre_requis,
            timbreConsomme: demande.timbre_consomme,
            capturesFaites: demande.capture !== null,
            disponibleDepuis: demande.disponible_depuis,
          },
          evenement,
          acteur,
          { ...contexte, identiteVerifiee, maintenant },
        );
        if (principal !== 'systeme') {
          await recordAudit(trx, principal, { action: evenement, objectType: 'demande_titre', objectId: id, outcome: resultat.ok ? 'succes' : 'refus', details: resultat.ok ? {} : { code: resultat.code } });
        }
        if (!resultat.ok) return resultat;
        const autres =
          resultat.vers === 'disponible'
            ? { disponible_depuis: maintenant }
            : resultat.vers === 'remise'
              ? { remise_le: maintenant, ...(contexte.ancienTitre ? { ancien_titre: contexte.ancienTitre } : {}) }
              : evenement === 'lancer_production' && contexte.numeroTitre
                ? { numero_titre: contexte.numeroTitre }
                : {};
        await repo.changerEtat(id, resultat.vers, maintenant, autres);
        await repo.ajouterHistorique({
          demande_id: id,
          at: maintenant,
          evenement,
          de: resultat.de,
          vers: resultat.vers,
          acteur_id: principal === 'systeme' ? null : principal.userId,
          acteur_role: acteur.role,
          acteur_commune: acteur.communeInsee ?? null,
          motif: contexte.motif?.trim() || null,
        });
        await compterTransition(trx, demande, resultat.vers, maintenant);
        const apres = { ...demande, etat: resultat.vers, ...autres };
        await notifier(trx, apres, resultat.vers, contexte.motif);
        return { ok: true as const, demande: apres, vers: resultat.vers };
      });
    },

    /** A check that did not allow the remise (no match, device down) is kept too, with its audit entry. */
    async enregistrerControle(agent: Principal, id: string, controle: ControleIdentite) {
      return deps.inTransaction(async (trx) => {
        const demande = await demandesRepository(trx).trouverDansPerimetre({ commune: agent.communeInsee ?? '' }, id);
        if (!demande || demande.commune_remise !== agent.communeInsee) return false;
        await enregistrerControleDans(trx, agent, demande, controle, deps.now());
        return true;
      });
    },
    controles: (id: string) => demandesRepository(deps.db).controles(id),
    /** The remise counter's lookup: titles waiting in the agent's commune for someone born that day. */
    aRemettreNesLe: (commune: string, dateNaissance: string) => demandesRepository(deps.db).aRemettreNesLe(commune, dateNaissance),

    /** Records that the DR captured photo and fingerprints (metadata only). */
    async enregistrerCapture(agent: Principal, id: string, capture: CaptureBiometrique) {
      return deps.inTransaction(async (trx) => {
        const repo = demandesRepository(trx);
        const demande = await repo.trouverDansPerimetre({ commune: agent.communeInsee ?? '' }, id);
        if (!demande || demande.commune_recueil !== agent.communeInsee) return false;
        await repo.enregistrerCapture(id, capture, deps.now());
        await recordAudit(trx, agent, { action: 'capturer', objectType: 'demande_titre', objectId: id, details: { dispositif: capture.dispositif, qualitePhoto: capture.qualitePhoto, qualiteEmpreintes: capture.qualiteEmpreintes } });
        return true;
      });
    },

    /** Claims the stamp slot of an application in the agent's commune (see the repository). */
    async reserverTimbre(agent: Principal, id: string, numero: string) {
      const demande = await demandesRepository(deps.db).trouverDansPerimetre({ commune: agent.communeInsee ?? '' }, id);
      if (!demande || demande.commune_recueil !== agent.communeInsee) return false;
      return demandesRepository(deps.db).reserverTimbre(id, numero, deps.now());
    },
    libererTimbre: (id: string, numero: string) => demandesRepository(deps.db).libererTimbre(id, numero),

    /** Records the stamp consumed for this application (the stamp module did the consumption). */
    async enregistrerTimbre(agent: Principal, id: string, numero: string) {
      return deps.inTransaction(async (trx) => {
        const repo = demandesRepository(trx);
        const demande = await repo.trouverDansPerimetre({ commune: agent.communeInsee ?? '' }, id);
        if (!demande || demande.commune_recueil !== agent.communeInsee) return false;
        await repo.enregistrerTimbre(id, numero, deps.now());
        await recordAudit(trx, agent, { action: 'enregistrer-timbre', objectType: 'demande_titre', objectId: id });
        return true;
      });
    },

    accordeesAvant: (limite: Date, nombre: number) => demandesRepository(deps.db).accordeesAvant(limite, nombre),
    trouverParNumeroTitre: (commune: string, numeroTitre: string) => demandesRepository(deps.db).trouverParNumeroTitre(commune, numeroTitre),
    /** The citizen's own applications, each with its history, for "Mon espace identité". */
    async suiviUsager(usagerId: string) {
      const repo = demandesRepository(deps.db);
      const demandes = await repo.deLUsager(usagerId);
      return Promise.all(demandes.map(async (demande) => ({ demande, historique: await repo.historique(demande.id) })));
    },
    historique: (id: string) => demandesRepository(deps.db).historique(id),
    lister: (perimetre: Perimetre, etats: readonly Etat[]) => demandesRepository(deps.db).lister(perimetre, etats),
    trouver: (perimetre: Perimetre, id: string) => demandesRepository(deps.db).trouverDansPerimetre(perimetre, id),
    trouverParNumero: (perimetre: Perimetre, numero: string) => demandesRepository(deps.db).trouverParNumero(perimetre, numero),
    suivre: (numero: string, dateNaissance: string) => demandesRepository(deps.db).trouverPourSuivi(numero, dateNaissance),
  };

  async function enregistrerControleDans(trx: Db, agent: Principal, demande: DemandeRow, controle: ControleIdentite, maintenant: Date) {
    await demandesRepository(trx).ajouterControle({
      demande_id: demande.id,
      at: maintenant,
      agent_id: agent.userId,
      commune: agent.communeInsee ?? demande.commune_remise,
      methode: controle.methode,
      resultat: controle.resultat,
      dispositif: controle.methode === 'empreintes' ? controle.dispositif : null,
      representant_nom: controle.methode === 'representant_legal' ? controle.representantNom : null,
      representant_qualite: controle.methode === 'representant_legal' ? controle.representantQualite : null,
    });
    const outcome = controleReussi(controle) ? 'succes' : controle.resultat === 'discordance' ? 'refus' : 'echec';
    await recordAudit(trx, agent, { action: 'controler-identite-remise', objectType: 'demande_titre', objectId: demande.id, outcome, details: { methode: controle.methode, resultat: controle.resultat } });
  }

  async function notifier(trx: Db, demande: DemandeRow, vers: Etat, motif: string | undefined) {
    const v = valeurs(demande);
    // Keys make each message unique per application and step: one SMS per title, never twice.
    if (vers === 'disponible') {
      if (demande.mobile) await enqueueNotification(trx, { template: titreDisponibleSms, recipient: demande.mobile, values: v, idempotencyKey: `disponible-sms:${demande.id}` });
      if (demande.email) await enqueueNotification(trx, { template: titreDisponibleEmail, recipient: demande.email, values: v, idempotencyKey: `disponible-email:${demande.id}` });
    }
    if (!demande.email) return;
    if (vers === 'complement_demande') {
      await enqueueNotification(trx, { template: complementDemande, recipient: demande.email, values: { ...v, motif: motif ?? '' } });
    }
    if (vers === 'accordee' || vers === 'refusee' || vers === 'classee_sans_suite') {
      const decision = vers === 'accordee' ? 'accordée' : vers === 'refusee' ? 'refusée' : 'classée sans suite';
      await enqueueNotification(trx, { template: decisionRendue, recipient: demande.email, values: { ...v, decision, motif: motif ?? '' }, idempotencyKey: `decision:${demande.id}` });
    }
  }
}
export type DemandesService = ReturnType<typeof demandesService>;
