/**
 * What the shop needs from a card-payment provider. The shop never sees card data: the
 * buyer types it on the provider's hosted page; the shop learns the outcome from a signed
 * notification or by asking the provider when the browser comes back.
 */
export type StatutPaiement = 'en_cours' | 'reussi' | 'refuse';

export interface DemandePaiement {
  commandeReference: string;
  montantCentimes: number;
  /** Where the provider sends the browser back, paid or not. */
  retourUrl: string;
  /** Same key, same payment: a double click on "payer" does not create two. */
  idempotencyKey: string;
}

export interface EvenementPaiement {
  id: string;
  type: 'paiement.reussi' | 'paiement.refuse';
  paiementId: string;
  commandeReference: string;
  montantCentimes: number;
}

export type VerificationNotification = { ok: true; evenement: EvenementPaiement } | { ok: false; motif: 'signature' | 'perimee' | 'format' };

export interface PrestatairePaiement {
  readonly nom: string;
  creerPaiement(demande: DemandePaiement): Promise<{ paiementId: string; redirectionUrl: string }>;
  statut(paiementId: string): Promise<StatutPaiement | undefined>;
  /** Checks the signature and freshness of a notification body exactly as received. */
  verifierNotification(corps: string, signature: string | undefined): VerificationNotification;
  rembourser(demande: { paiementId: string; montantCentimes: number; idempotencyKey: string }): Promise<{ ok: true; remboursementId: string } | { ok: false; motif: string }>;
}
