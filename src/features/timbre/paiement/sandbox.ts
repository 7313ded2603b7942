import { createHash, randomBytes, randomUUID } from 'node:crypto';
import type { Db } from '../../../kernel/db/database.ts';
import { CODE_3DS_DE_TEST, verifierCarte, type ErreursCarte, type SaisieCarte } from './cartes.ts';
import type { EvenementPaiement, PrestatairePaiement, StatutPaiement } from './port.ts';
import { sandboxRepository, type PaiementSandbox } from './sandbox-repository.ts';
import { signer, verifierSignature } from './signature.ts';

export const SANDBOX_PREFIXE = '/paiement-test';

export interface SandboxDeps {
  db: Db;
  secret: Buffer;
  now: () => Date;
  /** Delivers a signed notification to the shop (an HTTP POST to its webhook). */
  livrer: (corps: string, signature: string) => Promise<void>;
}

export type EtapeSandbox = { kind: 'redirection'; url: string } | { kind: 'erreurs'; erreurs: ErreursCarte | { code: string } } | { kind: 'introuvable' };

/**
 * The sandbox provider plays the bank: a hosted page inside the platform, 3-D Secure
 * step, signed notifications and refunds. Refused in production by the composition.
 */
export function sandboxProvider(deps: SandboxDeps) {
  const repo = sandboxRepository(deps.db);

  async function notifier(p: PaiementSandbox, type: EvenementPaiement['type'], livrer: boolean) {
    const evenement: EvenementPaiement = { id: randomUUID(), type, paiementId: p.id, commandeReference: p.commande_reference, montantCentimes: p.montant_centimes };
    const corps = JSON.stringify(evenement);
    const signature = signer(deps.secret, corps, deps.now());
    await repo.noterNotification(p.id, corps, signature);
    // A lost notification is a normal case the shop must survive: the buyer's return still counts.
    if (livrer) await deps.livrer(corps, signature).catch(() => undefined);
  }

  async function refuser(p: PaiementSandbox, motif: string) {
    if (await repo.avancer(p.id, ['cree', 'authentification'], 'refuse', { motif })) await notifier({ ...p, statut: 'refuse' }, 'paiement.refuse', true);
    return { kind: 'redirection' as const, url: p.retour_url };
  }

  const prestataire: PrestatairePaiement = {
    nom: 'sandbox',
    async creerPaiement(demande) {
      const p = await repo.creer({
        id: `pay_${randomBytes(12).toString('hex')}`,
        commandeReference: demande.commandeReference,
        montantCentimes: demande.montantCentimes,
        retourUrl: demande.retourUrl,
        creeLe: deps.now(),
        idempotencyKey: demande.idempotencyKey,
      });
      return { paiementId: p.id, redirectionUrl: `${SANDBOX_PREFIXE}/${p.id}` };
    },
    async statut(paiementId): Promise<StatutPaiement | undefined> {
      const p = await repo.trouver(paiementId);
      if (!p) return undefined;
      return p.statut === 'reussi' ? 'reussi' : p.statut === 'refuse' ? 'refuse' : 'en_cours';
    },
    verifierNotification(corps, signature) {
      const verdict = verifierSignature(deps.secret, corps, signature, deps.now());
      if (verdict !== 'ok') return { ok: false, motif: verdict };
      try {
        const e = JSON.parse(corps) as Partial<EvenementPaiement>;
        if (typeof e.id !== 'string' || typeof e.paiementId !== 'string' || typeof e.commandeReference !== 'string' || !Number.isInteger(e.montantCentimes)) {
          return { ok: false, motif: 'format' };
        }
        if (e.type !== 'paiement.reussi' && e.type !== 'paiement.refuse') return { ok: false, motif: 'format' };
        return { ok: true, evenement: e as EvenementPaiement };
      } catch {
        return { ok: false, motif: 'format' };
      }
    },
    async rembourser({ paiementId, montantCentimes, idempotencyKey }) {
      const p = await repo.trouver(paiementId);
      if (!p || p.statut !== 'reussi') return { ok: false, motif: 'paiement introuvable ou non abouti' };
      const remboursementId = `rbt_${createHash('sha256').update(`${paiementId}:${idempotencyKey}`).digest('hex').slice(0, 20)}`;
      if (p.remboursements[idempotencyKey] !== undefined) return { ok: true, remboursementId };
      if (p.rembourse_centimes + montantCentimes > p.montant_centimes) return { ok: false, motif: 'montant supérieur au reste à rembourser' };
      await repo.noterRemboursement(p.id, idempotencyKey, montantCentimes, p.remboursements);
      return { ok: true, remboursementId };
    },
  };

  return {
    prestataire,
    trouver: (id: string) => repo.trouver(id),

    async saisirCarte(id: string, saisie: SaisieCarte): Promise<EtapeSandbox> {
      const p = await repo.trouver(id);
      if (!p) return { kind: 'introuvable' };
      if (p.statut === 'authentification') return { kind: 'redirection', url: `${SANDBOX_PREFIXE}/${id}/3ds` };
      if (p.statut !== 'cree') return { kind: 'redirection', url: p.retour_url };
      const { erreurs, issue } = verifierCarte(saisie, deps.now());
      if (!issue) return { kind: 'erreurs', erreurs };
      if (issue === 'refus') return refuser(p, 'Paiement refusé par la banque.');
      if (issue === 'fonds-insuffisants') return refuser(p, 'Paiement refusé : provision insuffisante.');
      await repo.avancer(id, ['cree'], 'authentification', { scenario: issue === 'echec-3ds' ? 'echec-3ds' : issue === 'sans-notification' ? 'sans-notification' : 'succes' });
      return { kind: 'redirection', url: `${SANDBOX_PREFIXE}/${id}/3ds` };
    },

    async authentifier(id: string, code: string, abandon: boolean): Promise<EtapeSandbox> {
      const p = await repo.trouver(id);
      if (!p) return { kind: 'introuvable' };
      if (p.statut !== 'authentification') return { kind: 'redirection', url: p.statut === 'cree' ? `${SANDBOX_PREFIXE}/${id}` : p.retour_url };
      if (abandon) return refuser(p, 'Authentification 3-D Secure abandonnée.');
      if (p.scenario === 'echec-3ds') return refuser(p, 'Échec de l’authentification 3-D Secure.');
      if (code.trim() !== CODE_3DS_DE_TEST) return { kind: 'erreurs', erreurs: { code: `Code incorrect. Environnement de test : saisissez ${CODE_3DS_DE_TEST}.` } };
      if (await repo.avancer(id, ['authentification'], 'reussi')) await notifier({ ...p, statut: 'reussi' }, 'paiement.reussi', p.scenario !== 'sans-notification');
      return { kind: 'redirection', url: p.retour_url };
    },
  };
}
export type Sandbox = ReturnType<typeof sandboxProvider>;
