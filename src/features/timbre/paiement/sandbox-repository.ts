import type { ColumnType, Selectable } from 'kysely';
import { tables, type Db } from '../../../kernel/db/database.ts';

export type StatutSandbox = 'cree' | 'authentification' | 'reussi' | 'refuse';
export type Scenario = 'succes' | 'echec-3ds' | 'sans-notification';

interface SandboxTables {
  timbre_sandbox_paiements: {
    id: string;
    commande_reference: string;
    montant_centimes: number;
    rembourse_centimes: ColumnType<number, number | undefined, number>;
    statut: StatutSandbox;
    motif: string | null;
    scenario: Scenario | null;
    remboursements: ColumnType<Record<string, number>, string | undefined, string>;
    derniere_notification: string | null;
    derniere_signature: string | null;
    retour_url: string;
    cree_le: Date;
    idempotency_key: string;
  };
}

export type PaiementSandbox = Selectable<SandboxTables['timbre_sandbox_paiements']>;

/** The sandbox bank's own book. It holds no card number, expiry or security code. */
export function sandboxRepository(db: Db) {
  const t = tables<SandboxTables>(db);
  return {
    async creer(p: { id: string; commandeReference: string; montantCentimes: number; retourUrl: string; creeLe: Date; idempotencyKey: string }): Promise<PaiementSandbox> {
      await t
        .insertInto('timbre_sandbox_paiements')
        .values({
          id: p.id,
          commande_reference: p.commandeReference,
          montant_centimes: p.montantCentimes,
          statut: 'cree',
          motif: null,
          scenario: null,
          derniere_notification: null,
          derniere_signature: null,
          retour_url: p.retourUrl,
          cree_le: p.creeLe,
          idempotency_key: p.idempotencyKey,
        })
        .onConflict((oc) => oc.column('idempotency_key').doNothing())
        .execute();
      return t.selectFrom('timbre_sandbox_paiements').selectAll().where('idempotency_key', '=', p.idempotencyKey).executeTakeFirstOrThrow();
    },
    async trouver(id: string) {
      return t.selectFrom('timbre_sandbox_paiements').selectAll().where('id', '=', id).executeTakeFirst();
    },
    /** Moves a payment on only from the expected status, so a replayed form changes nothing. */
    async avancer(id: string, de: StatutSandbox[], vers: StatutSandbox, champs: { motif?: string; scenario?: Scenario } = {}) {
      const row = await t
        .updateTable('timbre_sandbox_paiements')
        .set({ statut: vers, ...(champs.motif !== undefined ? { motif: champs.motif } : {}), ...(champs.scenario ? { scenario: champs.scenario } : {}) })
        .where('id', '=', id)
        .where('statut', 'in', de)
        .returning('id')
        .executeTakeFirst();
      return Boolean(row);
    },
    async noterNotification(id: string, corps: string, signature: string) {
      await t.updateTable('timbre_sandbox_paiements').set({ derniere_notification: corps, derniere_signature: signature }).where('id', '=', id).execute();
    },
    async noterRemboursement(id: string, cle: string, montant: number, dejaRembourse: Record<string, number>) {
      await t
        .updateTable('timbre_sandbox_paiements')
        .set((eb) => ({ rembourse_centimes: eb('rembourse_centimes', '+', montant), remboursements: JSON.stringify({ ...dejaRembourse, [cle]: montant }) }))
        .where('id', '=', id)
        .execute();
    },
  };
}
export type SandboxRepository = ReturnType<typeof sandboxRepository>;
