import { randomBytes } from 'node:crypto';
import { hashToken, randomToken } from '../../kernel/auth/tokens.ts';
import type { Db } from '../../kernel/db/database.ts';
import type { InTransaction } from '../../kernel/db/transactions.ts';
import { catalogueRepository, type EntreeCatalogue } from './catalogue-repository.ts';
import type { Reponses } from './choix.ts';
import { commandesRepository, type LigneCommande } from './commandes-repository.ts';
import { QUANTITE_MAX } from './contenu.ts';
import { panierRepository, type ModeReception, type Panier } from './panier-repository.ts';
import type { PrestatairePaiement } from './paiement/port.ts';

export interface BoutiqueDeps {
  db: Db;
  inTransaction: InTransaction;
  now: () => Date;
  /** Undefined when no provider may run (production without a real one): the shop says so. */
  prestataire: PrestatairePaiement | undefined;
}

export interface LignePanier extends EntreeCatalogue {
  quantite: number;
  sousTotalCentimes: number;
}

const CROCKFORD = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

/** The transaction number printed on the proof of payment, asked again for a refund. */
export function nouvelleReference(): string {
  const chars = [...randomBytes(8)].map((b) => CROCKFORD[b % 32]).join('');
  return `TF-${chars.slice(0, 4)}-${chars.slice(4)}`;
}

export type ResultatValidation =
  | { ok: true; redirection: string }
  | { ok: false; motif: 'indisponible' | 'panier-vide' | 'reception' };

/**
 * The cart and its validation. Amounts come only from the catalogue in force today:
 * whatever a form posts, the price of a line is looked up, never read from the request.
 */
export function boutiqueService(deps: BoutiqueDeps) {
  const paniers = panierRepository(deps.db);
  const catalogue = catalogueRepository(deps.db);

  async function detail(panier: Panier): Promise<{ lignes: LignePanier[]; totalCentimes: number }> {
    const tarifs = new Map((await catalogue.lister(deps.now())).map((e) => [e.code, e]));
    const lignes = panier.lignes.flatMap((l) => {
      const entree = tarifs.get(l.code);
      return entree ? [{ ...entree, quantite: l.quantite, sousTotalCentimes: entree.montantCentimes * l.quantite }] : [];
    });
    return { lignes, totalCentimes: lignes.reduce((sum, l) => sum + l.sousTotalCentimes, 0) };
  }

  return {
    paiementDisponible: () => deps.prestataire !== undefined,
    catalogue: () => catalogue.lister(deps.now()),
    tarif: (code: string) => catalogue.trouver(code, deps.now()),
    async panier(jeton: string | undefined) {
      return jeton && jeton.length <= 64 ? paniers.trouver(hashToken(jeton)) : undefined;
    },
    async ouvrirPanier(): Promise<{ jeton: string; panier: Panier }> {
      const jeton = randomToken();
      const id = await paniers.creer(hashToken(jeton), deps.now());
      return { jeton, panier: { id, reponses: {}, modeReception: null, destinataire: null, preDemande: null, lignes: [] } };
    },
    enregistrerReponses: (panier: Panier, reponses: Reponses) => paniers.enregistrerReponses(panier.id, reponses, deps.now()),
    async ajouter(panier: Panier, code: string, quantite: number) {
      if (!(await catalogue.trouver(code, deps.now()))) return false;
      await paniers.ajouter(panier.id, code, quantite, QUANTITE_MAX);
      return true;
    },
    changerQuantite: (panier: Panier, code: string, quantite: number) => paniers.changerQuantite(panier.id, code, quantite),
    retirer: (panier: Panier, code: string) => paniers.retirer(panier.id, code),
    /** Started from a pré-demande: its stamps go straight into the cart, and will be attached to it. */
    async preselectionner(panier: Panier, usages: string[], preDemande: string | undefined) {
      const catalogue = await catalogueRepository(deps.db).lister(deps.now());
      const entrees = usages.flatMap((usage) => catalogue.filter((e) => e.usage === usage));
      for (const entree of entrees) if (!panier.lignes.some((l) => l.code === entree.code)) await paniers.ajouter(panier.id, entree.code, 1, QUANTITE_MAX);
      if (preDemande) await paniers.rattacherPreDemande(panier.id, preDemande, deps.now());
      return entrees.length;
    },
    enregistrerReception: (panier: Panier, mode: ModeReception, destinataire: string) => paniers.enregistrerReception(panier.id, mode, destinataire, deps.now()),
    detail,

    /** Freezes the cart into an order at today's tariffs, then opens the provider's payment page. */
    async valider(panier: Panier, retourUrl: string): Promise<ResultatValidation> {
      if (!deps.prestataire) return { ok: false, motif: 'indisponible' };
      const { lignes, totalCentimes } = await detail(panier);
      if (lignes.length === 0) return { ok: false, motif: 'panier-vide' };
      if (!panier.modeReception || !panier.destinataire) return { ok: false, motif: 'reception' };
      const lignesCommande: LigneCommande[] = lignes.map((l, i) => ({ rang: i + 1, code: l.code, libelle: l.libelle, usage: l.usage, montantCentimes: l.montantCentimes, quantite: l.quantite }));
      const commande = await deps.inTransaction((trx) =>
        commandesRepository(trx).creer(
          {
            reference: nouvelleReference(),
            panierId: panier.id,
            montantCentimes: totalCentimes,
            modeReception: panier.modeReception!,
            destinataire: panier.destinataire!,
            preDemande: panier.preDemande,
            prestataire: deps.prestataire!.nom,
            creeLe: deps.now(),
          },
          lignesCommande,
        ),
      );
      const paiement = await deps.prestataire.creerPaiement({
        commandeReference: commande.reference,
        montantCentimes: commande.montantCentimes,
        retourUrl,
        idempotencyKey: `commande:${commande.id}`,
      });
      await commandesRepository(deps.db).rattacherPaiement(commande.id, paiement.paiementId);
      return { ok: true, redirection: paiement.redirectionUrl };
    },
  };
}
export type BoutiqueService = ReturnType<typeof boutiqueService>;
