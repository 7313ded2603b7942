import type { Db } from '../../kernel/db/database.ts';
import type { InTransaction } from '../../kernel/db/transactions.ts';
import { enqueueNotification } from '../../kernel/notifications/outbox-repository.ts';
import { commandesRepository, type Commande } from './commandes-repository.ts';
import { ajouterMois } from './contenu.ts';
import { livraisonCourriel, livraisonSms, type ValeursLivraison } from './livraison/messages.ts';
import { rendreTimbresPdf } from './livraison/pdf.ts';
import { genererNumero } from './numero.ts';
import { panierRepository } from './panier-repository.ts';
import type { PrestatairePaiement } from './paiement/port.ts';
import { timbresRepository, type Timbre } from './timbres-repository.ts';

export interface PaiementDeps {
  db: Db;
  inTransaction: InTransaction;
  now: () => Date;
  prestataire: PrestatairePaiement | undefined;
  serviceName: string;
  validiteMois: number;
  remboursementMois: number;
}

export type IssueNotification = 'appliquee' | 'deja-recue' | 'signature' | 'perimee' | 'format' | 'inconnue' | 'incoherente';

/**
 * From "the provider says paid" to stamps in the buyer's hands, exactly once. Every path
 * (notification, browser return, reconciliation at start) goes through `confirmer`, whose
 * conditional update lets one caller win; stamps and the delivery message are written in
 * that same transaction, with keys that make a second set impossible.
 */
export function paiementService(deps: PaiementDeps) {
  async function emettre(trx: Db, commande: Commande, payeeLe: Date): Promise<Timbre[]> {
    const repo = timbresRepository(trx);
    const lignes = await commandesRepository(trx).lignes(commande.id);
    const expireLe = ajouterMois(payeeLe, deps.validiteMois);
    const remboursableJusquAu = ajouterMois(payeeLe, deps.remboursementMois);
    for (const ligne of lignes) {
      for (let exemplaire = 1; exemplaire <= ligne.quantite; exemplaire += 1) {
        const timbre = { commandeId: commande.id, ligne: ligne.rang, exemplaire, code: ligne.code, usage: ligne.usage, montantCentimes: ligne.montantCentimes, acheteLe: payeeLe, expireLe, remboursableJusquAu };
        let issue: 'emis' | 'existe' | 'collision' = 'collision';
        // A collision among 10^14 numbers is rare; drawing again is the whole remedy.
        for (let essai = 0; issue === 'collision' && essai < 5; essai += 1) {
          const numero = genererNumero();
          issue = await repo.emettre({ numero, ...timbre });
          if (issue === 'emis') await repo.historiser(numero, 'emettre', null, 'valide', 'systeme', payeeLe, { commande: commande.reference });
        }
        if (issue === 'collision') throw new Error('Impossible de tirer un numéro de timbre libre');
      }
    }
    const timbres = await repo.deLaCommande(commande.id);
    const libelles = new Map(lignes.map((l) => [l.rang, l.libelle]));
    const values: ValeursLivraison = {
      timbres: JSON.stringify(timbres.map((t) => ({ numero: t.numero, libelle: libelles.get(t.ligne) ?? t.code, montantCentimes: t.montantCentimes, expireLe: t.expireLe.toISOString() }))),
      transaction: commande.reference,
      montant: String(commande.montantCentimes),
      payeLe: payeeLe.toISOString(),
      service: deps.serviceName,
    };
    await enqueueNotification(trx, {
      template: commande.modeReception === 'sms' ? livraisonSms : livraisonCourriel,
      recipient: commande.destinataire,
      values,
      idempotencyKey: `timbre-livraison:${commande.id}`,
    });
    return timbres;
  }

  async function confirmer(commandeId: string): Promise<boolean> {
    return deps.inTransaction(async (trx) => {
      const at = deps.now();
      if (!(await commandesRepository(trx).marquerPayee(commandeId, at))) return false;
      const commande = (await commandesRepository(trx).trouver(commandeId))!;
      await emettre(trx, commande, at);
      await panierRepository(trx).vider(commande.panierId, at);
      return true;
    });
  }

  /** The most recent paid order of the cart: what the confirmation page and its PDF show. */
  async function derniere(panierId: string): Promise<Commande | undefined> {
    return (await commandesRepository(deps.db).duPanier(panierId)).find((c) => c.statut === 'payee');
  }

  return {
    confirmer,

    async recevoirNotification(corps: string, signature: string | undefined): Promise<IssueNotification> {
      if (!deps.prestataire) return 'inconnue';
      const verdict = deps.prestataire.verifierNotification(corps, signature);
      if (!verdict.ok) return verdict.motif;
      const e = verdict.evenement;
      const commande = await commandesRepository(deps.db).parPaiement(e.paiementId);
      if (!commande) return 'inconnue';
      // The signed amount must be the order's own: a mismatch is never taken as payment.
      if (commande.reference !== e.commandeReference || commande.montantCentimes !== e.montantCentimes) return 'incoherente';
      if (!(await deps.inTransaction((trx) => commandesRepository(trx).noterEvenement(e.id, e.paiementId, deps.now())))) return 'deja-recue';
      if (e.type === 'paiement.reussi') await confirmer(commande.id);
      else await commandesRepository(deps.db).marquerRefusee(commande.id);
      return 'appliquee';
    },

    /**
     * The browser came back: ask the provider rather than trusting anything in the request.
     * Every order of the cart still waiting is checked (two tabs may have paid two orders).
     */
    async retour(panierId: string): Promise<Commande | undefined> {
      for (const commande of await commandesRepository(deps.db).duPanier(panierId)) {
        if (commande.statut !== 'en_attente' || !commande.paiementId || !deps.prestataire) continue;
        const statut = await deps.prestataire.statut(commande.paiementId);
        if (statut === 'reussi') await confirmer(commande.id);
        if (statut === 'refuse') await commandesRepository(deps.db).marquerRefusee(commande.id);
      }
      const commandes = await commandesRepository(deps.db).duPanier(panierId);
      // A refusal of the latest attempt is shown as such; a latest still waiting yields to one just paid.
      return commandes[0]?.statut === 'en_attente' ? (commandes.find((c) => c.statut === 'payee') ?? commandes[0]) : commandes[0];
    },

    /** The paid stamps bought from a pré-demande, for that pré-demande's file. */
    async deLaPreDemande(preDemande: string) {
      const commandes = await commandesRepository(deps.db).payeesDeLaPreDemande(preDemande);
      const timbres = await Promise.all(commandes.map((c) => timbresRepository(deps.db).deLaCommande(c.id)));
      return timbres.flat().map((t) => ({ numero: t.numero, usage: t.usage, montantCentimes: t.montantCentimes, statut: t.statut }));
    },
    timbres: (commandeId: string) => timbresRepository(deps.db).deLaCommande(commandeId),
    derniereCommande: derniere,
    lignes: (commandeId: string) => commandesRepository(deps.db).lignes(commandeId),

    async pdf(commande: Commande): Promise<Buffer> {
      const lignes = new Map((await commandesRepository(deps.db).lignes(commande.id)).map((l) => [l.rang, l.libelle]));
      const timbres = await timbresRepository(deps.db).deLaCommande(commande.id);
      return rendreTimbresPdf(
        timbres.map((t) => ({ numero: t.numero, libelle: lignes.get(t.ligne) ?? t.code, montantCentimes: t.montantCentimes, expireLe: t.expireLe.toISOString() })),
        { transaction: commande.reference, montantCentimes: commande.montantCentimes, payeLe: (commande.payeeLe ?? commande.creeLe).toISOString(), service: deps.serviceName },
      );
    },

    /**
     * At start: orders paid without their stamps get them (one per item, one message);
     * orders still waiting whose payment succeeded at the provider are confirmed.
     */
    async reconcilier(): Promise<{ completees: number; confirmees: number }> {
      let completees = 0;
      for (const commande of await commandesRepository(deps.db).payeesSansTimbres()) {
        await deps.inTransaction((trx) => emettre(trx, commande, commande.payeeLe ?? deps.now()));
        completees += 1;
      }
      let confirmees = 0;
      if (deps.prestataire) {
        for (const commande of await commandesRepository(deps.db).enAttenteAvecPaiement()) {
          if ((await deps.prestataire.statut(commande.paiementId!)) === 'reussi' && (await confirmer(commande.id))) confirmees += 1;
        }
      }
      return { completees, confirmees };
    },
  };
}
export type PaiementService = ReturnType<typeof paiementService>;
