import type { Generated } from 'kysely';
import { tables, type Db } from '../db/database.ts';
import type { AgentRole, Principal } from './principal.ts';

interface AgentApiTokenTables {
  agent_api_tokens: {
    id: Generated<string>;
    user_id: string;
    nom: string;
    token_hash: string;
    created_by: string | null;
    created_at: Date;
    expires_at: Date;
    revoked_at: Date | null;
    revoked_by: string | null;
    last_used_at: Date | null;
  };
  users: {
    id: string;
    kind: 'usager' | 'agent';
    display_name: string;
    role: AgentRole | null;
    commune_insee: string | null;
    departement: string | null;
    status: 'pending' | 'active' | 'disabled';
  };
}

export interface AgentApiToken {
  id: string;
  userId: string;
  agentName: string;
  nom: string;
  createdAt: Date;
  expiresAt: Date;
  revokedAt: Date | null;
  lastUsedAt: Date | null;
}

export type TokenRefusal = 'unknown' | 'revoked' | 'expired' | 'account-inactive';
export type TokenCheck = { ok: true; tokenId: string; principal: Principal } | { ok: false; reason: TokenRefusal; tokenId?: string };

// A last-use date to the minute is all the list shows; a write per call would be wasted.
const TOUCH_EVERY_MS = 60_000;

/**
 * Personal API tokens of agents. Only a hash is stored. A token carries no rights of its
 * own: it is resolved on each call to the agent's current account, so a role change, a
 * new commune or a disabled account takes effect at once.
 */
export function agentApiTokensRepository(db: Db) {
  const t = tables<AgentApiTokenTables>(db);
  const select = () =>
    t
      .selectFrom('agent_api_tokens')
      .innerJoin('users', 'users.id', 'agent_api_tokens.user_id')
      .select([
        'agent_api_tokens.id',
        'agent_api_tokens.user_id',
        'agent_api_tokens.nom',
        'agent_api_tokens.created_at',
        'agent_api_tokens.expires_at',
        'agent_api_tokens.revoked_at',
        'agent_api_tokens.last_used_at',
        'users.display_name',
      ]);
  const toToken = (row: { id: string; user_id: string; nom: string; created_at: Date; expires_at: Date; revoked_at: Date | null; last_used_at: Date | null; display_name: string }): AgentApiToken => ({
    id: row.id,
    userId: row.user_id,
    agentName: row.display_name,
    nom: row.nom,
    createdAt: row.created_at,
    expiresAt: row.expires_at,
    revokedAt: row.revoked_at,
    lastUsedAt: row.last_used_at,
  });

  return {
    async create(token: { userId: string; nom: string; tokenHash: string; createdBy: string; now: Date; expiresAt: Date }): Promise<string> {
      const row = await t
        .insertInto('agent_api_tokens')
        .values({ user_id: token.userId, nom: token.nom, token_hash: token.tokenHash, created_by: token.createdBy, created_at: token.now, expires_at: token.expiresAt, revoked_at: null, revoked_by: null, last_used_at: null })
        .returning('id')
        .executeTakeFirstOrThrow();
      return row.id;
    },

    /** Newest first; one agent's tokens, or every agent's (administration). */
    async list(filter: { userId?: string } = {}): Promise<AgentApiToken[]> {
      let query = select().orderBy('agent_api_tokens.created_at', 'desc').limit(500);
      if (filter.userId) query = query.where('agent_api_tokens.user_id', '=', filter.userId);
      return (await query.execute()).map(toToken);
    },

    async find(id: string): Promise<AgentApiToken | undefined> {
      const row = await select().where('agent_api_tokens.id', '=', id).executeTakeFirst();
      return row && toToken(row);
    },

    /** Revokes a live token; `ofUser` limits an agent to their own tokens. */
    /** Revokes every live token of an agent (the account is disabled). */
    async revokeAllOf(userId: string, by: string, now: Date) {
      await t.updateTable('agent_api_tokens').set({ revoked_at: now, revoked_by: by }).where('user_id', '=', userId).where('revoked_at', 'is', null).execute();
    },
    async revoke(id: string, by: string, now: Date, ofUser?: string): Promise<boolean> {
      let query = t.updateTable('agent_api_tokens').set({ revoked_at: now, revoked_by: by }).where('id', '=', id).where('revoked_at', 'is', null);
      if (ofUser) query = query.where('user_id', '=', ofUser);
      return Number((await query.executeTakeFirst()).numUpdatedRows) === 1;
    },

    /** The bearer of this token acts as this agent, with the account as it is now. */
    async authenticate(tokenHash: string, now: Date): Promise<TokenCheck> {
      const row = await t
        .selectFrom('agent_api_tokens')
        .innerJoin('users', 'users.id', 'agent_api_tokens.user_id')
        .select([
          'agent_api_tokens.id',
          'agent_api_tokens.expires_at',
          'agent_api_tokens.revoked_at',
          'agent_api_tokens.last_used_at',
          'users.id as user_id',
          'users.kind',
          'users.role',
          'users.commune_insee',
          'users.departement',
          'users.display_name',
          'users.status',
        ])
        .where('agent_api_tokens.token_hash', '=', tokenHash)
        .executeTakeFirst();
      if (!row) return { ok: false, reason: 'unknown' };
      // The account first: a disabled agent's tokens are also revoked, and the account is the reason.
      if (row.status !== 'active' || row.kind !== 'agent' || !row.role) return { ok: false, reason: 'account-inactive', tokenId: row.id };
      if (row.revoked_at) return { ok: false, reason: 'revoked', tokenId: row.id };
      if (row.expires_at <= now) return { ok: false, reason: 'expired', tokenId: row.id };
      if (!row.last_used_at || now.getTime() - row.last_used_at.getTime() > TOUCH_EVERY_MS) {
        await t.updateTable('agent_api_tokens').set({ last_used_at: now }).where('id', '=', row.id).execute();
      }
      const principal: Principal = { userId: row.user_id, kind: 'agent', role: row.role, communeInsee: row.commune_insee, departement: row.departement, displayName: row.display_name };
      return { ok: true, tokenId: row.id, principal };
    },
  };
}
export type AgentApiTokensRepository = ReturnType<typeof agentApiTokensRepository>;
