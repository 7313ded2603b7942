import type { Generated } from 'kysely';
import { tables, type Db } from '../../kernel/db/database.ts';
import { UUID } from '../../kernel/db/ids.ts';

interface AccompagnementTables {
  accompagnements: {
    id: Generated<string>;
    agent_id: string;
    agent_nom: string;
    commune_insee: string;
    code_hash: string;
    cree_le: Date;
    code_expire_le: Date;
    usager_id: string | null;
    session_hash: string | null;
    rejoint_le: Date | null;
    termine_le: Date | null;
  };
}

export interface Accompagnement {
  id: string;
  agentId: string;
  agentNom: string;
  commune: string;
  creeLe: Date;
  codeExpireLe: Date;
  usagerId: string | null;
  rejointLe: Date | null;
  termineLe: Date | null;
}

const COLONNES = ['id', 'agent_id', 'agent_nom', 'commune_insee', 'cree_le', 'code_expire_le', 'usager_id', 'rejoint_le', 'termine_le'] as const;

function versAccompagnement(row: { id: string; agent_id: string; agent_nom: string; commune_insee: string; cree_le: Date; code_expire_le: Date; usager_id: string | null; rejoint_le: Date | null; termine_le: Date | null }): Accompagnement {
  return {
    id: row.id,
    agentId: row.agent_id,
    agentNom: row.agent_nom,
    commune: row.commune_insee,
    creeLe: row.cree_le,
    codeExpireLe: row.code_expire_le,
    usagerId: row.usager_id,
    rejointLe: row.rejoint_le,
    termineLe: row.termine_le,
  };
}

/** Assisted sessions. An agent reads only their own; a citizen only the one bound to their session. */
export function accompagnementRepository(db: Db) {
  const t = tables<AccompagnementTables>(db);
  return {
    async creer(a: { agentId: string; agentNom: string; commune: string; codeHash: string; now: Date; codeExpireLe: Date }): Promise<string> {
      const row = await t
        .insertInto('accompagnements')
        .values({ agent_id: a.agentId, agent_nom: a.agentNom, commune_insee: a.commune, code_hash: a.codeHash, cree_le: a.now, code_expire_le: a.codeExpireLe, usager_id: null, session_hash: null, rejoint_le: null, termine_le: null })
        .returning('id')
        .executeTakeFirstOrThrow();
      return row.id;
    },
    /** The code works once, before its expiry, and binds the assisted session to the citizen's own session. */
    async rejoindre(codeHash: string, usagerId: string, sessionHash: string, now: Date): Promise<Accompagnement | undefined> {
      const row = await t
        .updateTable('accompagnements')
        .set({ usager_id: usagerId, session_hash: sessionHash, rejoint_le: now })
        .where('code_hash', '=', codeHash)
        .where('usager_id', 'is', null)
        .where('termine_le', 'is', null)
        .where('code_expire_le', '>', now)
        .returning(COLONNES)
        .executeTakeFirst();
      return row && versAccompagnement(row);
    },
    async dansLaSession(sessionHash: string, depuis: Date): Promise<Accompagnement | undefined> {
      const row = await t
        .selectFrom('accompagnements')
        .select(COLONNES)
        .where('session_hash', '=', sessionHash)
        .where('termine_le', 'is', null)
        .where('rejoint_le', '>', depuis)
        .orderBy('rejoint_le', 'desc')
        .executeTakeFirst();
      return row && versAccompagnement(row);
    },
    async deLAgent(id: string, agentId: string): Promise<Accompagnement | undefined> {
      if (!UUID.test(id)) return undefined;
      const row = await t.selectFrom('accompagnements').select(COLONNES).where('id', '=', id).where('agent_id', '=', agentId).executeTakeFirst();
      return row && versAccompagnement(row);
    },
    async recentsDeLAgent(agentId: string, limite = 10): Promise<Accompagnement[]> {
      const rows = await t.selectFrom('accompagnements').select(COLONNES).where('agent_id', '=', agentId).orderBy('cree_le', 'desc').limit(limite).execute();
      return rows.map(versAccompagnement);
    },
    async terminer(id: string, now: Date): Promise<boolean> {
      const result = await t.updateTable('accompagnements').set({ termine_le: now }).where('id', '=', id).where('termine_le', 'is', null).executeTakeFirst();
      return Number(result.numUpdatedRows) === 1;
    },
  };
}
