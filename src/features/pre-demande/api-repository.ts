import { tables, type Db } from '../../kernel/db/database.ts';
import type { Statut } from './cycle-de-vie.ts';

interface ApiTables {
  api_editeurs: { id: string; nom: string; token_hash: string; actif: boolean; created_at: Date; revoque_le: Date | null };
  pre_demandes: { id: string; numero: string | null; statut: Statut; expire_le: Date | null };
  pre_demande_rendez_vous: { pre_demande_id: string; date_rdv: Date; lieu: string; lien_gestion: string | null };
}

/** An appointment as the national anti-duplicate API spells it. */
export interface AppointmentApi {
  meeting_point: string;
  appointment_date: string;
  management_url: string | null;
}

export interface Editeur {
  id: string;
  nom: string;
  actif: boolean;
  createdAt: Date;
}

/** Editors of appointment software, and the only read they may make: statuses by number. */
export function apiRepository(db: Db) {
  const t = tables<ApiTables>(db);
  return {
    async creerEditeur(nom: string, tokenHash: string): Promise<string> {
      const row = await t.insertInto('api_editeurs').values({ nom, token_hash: tokenHash } as never).returning('id').executeTakeFirstOrThrow();
      return row.id;
    },
    async editeurs(): Promise<Editeur[]> {
      const rows = await t.selectFrom('api_editeurs').selectAll().orderBy('created_at', 'desc').execute();
      return rows.map((row) => ({ id: row.id, nom: row.nom, actif: row.actif, createdAt: row.created_at }));
    },
    async revoquer(id: string, now: Date): Promise<boolean> {
      const result = await t.updateTable('api_editeurs').set({ actif: false, revoque_le: now }).where('id', '=', id).where('actif', '=', true).executeTakeFirst();
      return Number(result.numUpdatedRows) === 1;
    },
    async editeurActif(tokenHash: string): Promise<{ id: string; nom: string } | undefined> {
      return t.selectFrom('api_editeurs').select(['id', 'nom']).where('token_hash', '=', tokenHash).where('actif', '=', true).executeTakeFirst();
    },
    /** Number → status and expiry only: nothing about the person ever leaves through the API. */
    async statuts(numeros: string[]): Promise<Map<string, { statut: Statut; expireLe: Date | null; appointments: AppointmentApi[] }>> {
      if (numeros.length === 0) return new Map();
      const rows = await t.selectFrom('pre_demandes').select(['id', 'numero', 'statut', 'expire_le']).where('numero', 'in', numeros).execute();
      const declarees = rows.filter((row) => row.statut === 'declaree').map((row) => row.id);
      const rdvs = declarees.length > 0 ? await t.selectFrom('pre_demande_rendez_vous').select(['pre_demande_id', 'date_rdv', 'lieu', 'lien_gestion']).where('pre_demande_id', 'in', declarees).orderBy('date_rdv').execute() : [];
      const appointments = (id: string) =>
        rdvs.filter((r) => r.pre_demande_id === id).map((r) => ({ meeting_point: r.lieu, appointment_date: new Date(r.date_rdv).toISOString(), management_url: r.lien_gestion }));
      return new Map(rows.map((row) => [row.numero!, { statut: row.statut, expireLe: row.expire_le, appointments: appointments(row.id) }]));
    },
  };
}
