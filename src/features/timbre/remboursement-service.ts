import type { Db } from '../../kernel/db/database.ts';
import type { InTransaction } from '../../kernel/db/transactions.ts';
import type { Pseudonymize } from '../../kernel/auth/pseudonym.ts';
import type { RateLimiter } from '../../kernel/http/rate-limit.ts';
import { commandesRepository } from './commandes-repository.ts';
import { transition } from './cycle-de-vie.ts';
import { MOTIFS } from './contenu.ts';
import { normaliserNumero, problemeNumero } from './numero.ts';
import type { PrestatairePaiement } from './paiement/port.ts';
import { timbresRepository } from './timbres-repository.ts';

export interface RemboursementDeps {
  db: Db;
  inTransaction: InTransaction;
  now: () => Date;
  prestataire: PrestatairePaiement | undefined;
  rateLimiter: RateLimiter;
  pseudonymize: Pseudonymize;
}

export type ErreursRemboursement = { numero?: string; transaction?: string };
export type ResultatRemboursement =
  | { ok: true; montantCentimes: number; effectue: boolean }
  | { ok: false; erreurs?: ErreursRemboursement; message?: string };

const INTROUVABLE = 'Aucun timbre ne correspond à ce numéro et à ce numéro de transaction.';
const ESSAIS = { limit: 10, windowSeconds: 15 * 60 };

/**
 * Refund while unused and within the window. The stamp turns 'rembourse' in a transaction
 * holding its row lock, so a consumption racing it either happened first (refund refused)
 * or finds it refunded; the card is credited after commit, and a failed call is retried
 * by the reconciliation, never by making the stamp usable again.
 */
export function remboursementService(deps: RemboursementDeps) {
  async function crediter(numero: string, paiementId: string, montantCentimes: number) {
    if (!deps.prestataire) return false;
    const r = await deps.prestataire.rembourser({ paiementId, montantCentimes, idempotencyKey: `remboursement:${numero}` });
    if (!r.ok) return false;
    await timbresRepository(deps.db).remboursementEffectue(numero, r.remboursementId, deps.now());
    return true;
  }

  return {
    async demander(saisieNumero: string, saisieTransaction: string, client: string): Promise<ResultatRemboursement> {
      const erreurs: ErreursRemboursement = {};
      const probleme = problemeNumero(saisieNumero);
      if (probleme) erreurs.numero = MOTIFS[probleme];
      const transaction = saisieTransaction.trim().toUpperCase();
      if (!/^TF-[0-9A-Z]{4}-[0-9A-Z]{4}$/.test(transaction)) erreurs.transaction = 'Le numéro de transaction a la forme TF-XXXX-XXXX (preuve de paiement).';
      if (erreurs.numero || erreurs.transaction) return { ok: false, erreurs };
      if (!deps.prestataire) return { ok: false, message: 'Le remboursement en ligne est momentanément indisponible.' };
      // Both numbers are random; the limit keeps anyone from trying pairs at scale.
      const essai = await deps.rateLimiter.hit(`timbre-remboursement:${deps.pseudonymize('ip', client)}`, ESSAIS.limit, ESSAIS.windowSeconds);
      if (!essai.allowed) return { ok: false, message: 'Trop de demandes depuis cet appareil : réessayez dans 15 minutes.' };
      const numero = normaliserNumero(saisieNumero)!;
      const decision = await deps.inTransaction(async (trx) => {
        const repo = timbresRepository(trx);
        const timbre = await repo.verrouiller(numero);
        const commande = timbre && (await commandesRepository(trx).trouver(timbre.commandeId));
        if (!timbre || !commande || commande.reference !== transaction || !commande.paiementId) return { ok: false as const, message: INTROUVABLE };
        const at = deps.now();
        const r = transition(timbre, 'rembourser', { nom: 'acheteur', at });
        if (!r.ok) return { ok: false as const, message: MOTIFS[r.motif] };
        await repo.changerStatut(numero, r.de, r.vers);
        await repo.historiser(numero, 'rembourser', r.de, r.vers, 'acheteur', at, { transaction });
        await repo.demanderRemboursement(numero, commande.paiementId, timbre.montantCentimes, at);
        return { ok: true as const, paiementId: commande.paiementId, montantCentimes: timbre.montantCentimes };
      });
      if (!decision.ok) return decision;
      const effectue = await crediter(numero, decision.paiementId, decision.montantCentimes);
      return { ok: true, montantCentimes: decision.montantCentimes, effectue };
    },

    /** Retries card credits still owed (the provider was unreachable at the time). */
    async reprendre(): Promise<number> {
      let faits = 0;
      for (const r of await timbresRepository(deps.db).remboursementsEnSuspens()) {
        if (await crediter(r.numero, r.paiement_id, r.montant_centimes)) faits += 1;
      }
      return faits;
    },
  };
}
export type RemboursementService = ReturnType<typeof remboursementService>;
