import type { Db } from '../../kernel/db/database.ts';
import type { InTransaction } from '../../kernel/db/transactions.ts';
import { enqueueNotification } from '../../kernel/notifications/outbox-repository.ts';
import { demandesRepository, type DemandeRow } from './demandes-repository.ts';
import type { DemandesService } from './demandes-service.ts';
import { rappelRetrait } from './messages.ts';

// Reminders at 1, 2 and 2.5 months, destruction at 3 (the deadline is configurable).
export const RAPPELS_MOIS = [1, 2, 2.5] as const;

export function ajouterMois(date: Date, mois: number): Date {
  const entiers = Math.floor(mois);
  const resultat = new Date(date);
  resultat.setUTCMonth(resultat.getUTCMonth() + entiers);
  return new Date(resultat.getTime() + (mois - entiers) * 30 * 86_400_000);
}

/**
 * Titles waiting at the mairie: each reminder is sent once (its idempotency key names the
 * application and the step), and a title not collected by the deadline is recorded destroyed.
 */
export function relancesRetrait(deps: {
  db: Db;
  inTransaction: InTransaction;
  demandes: DemandesService;
  now: () => Date;
  delaiMois: number;
  nomCommune: (code: string) => string;
  onError?: (error: unknown) => void;
}) {
  let timer: NodeJS.Timeout | undefined;
  async function rappeler(demande: DemandeRow, rang: number) {
    if (!demande.mobile) return;
    const limite = ajouterMois(demande.disponible_depuis!, deps.delaiMois).toLocaleDateString('fr-FR', { timeZone: 'Europe/Paris' });
    const titre = demande.titre === 'cni' ? 'carte d’identité' : 'passeport';
    await deps.inTransaction((trx) =>
      enqueueNotification(trx, {
        template: rappelRetrait,
        recipient: demande.mobile!,
        values: { numero: demande.numero, titre, mairie: deps.nomCommune(demande.commune_remise), limite },
        idempotencyKey: `rappel-retrait-${rang}:${demande.id}`,
      }),
    );
  }

  const api = {
    start(intervalMs = 3_600_000) {
      timer = setInterval(() => void api.runOnce().catch((error: unknown) => deps.onError?.(error)), intervalMs);
      timer.unref();
    },
    stop() {
      if (timer) clearInterval(timer);
    },
    async runOnce() {
      const maintenant = deps.now();
      let rappels = 0;
      let detruits = 0;
      const premier = new Date(maintenant.getTime() - (ajouterMois(maintenant, RAPPELS_MOIS[0]).getTime() - maintenant.getTime()));
      for (const demande of await demandesRepository(deps.db).disponiblesDepuisAvant(premier, 500)) {
        if (ajouterMois(demande.disponible_depuis!, deps.delaiMois) <= maintenant) {
          if ((await deps.demandes.appliquer('systeme', demande.id, 'detruire', { delaiRetraitMois: deps.delaiMois })).ok) detruits += 1;
          continue;
        }
        const atteints = RAPPELS_MOIS.filter((mois) => ajouterMois(demande.disponible_depuis!, mois) <= maintenant);
        if (atteints.length > 0) {
          await rappeler(demande, atteints.length);
          rappels += 1;
        }
      }
      return { rappels, detruits };
    },
  };
  return api;
}
