import { tables, type Db } from '../../kernel/db/database.ts';
import type { AgentRole, Principal } from '../../kernel/auth/principal.ts';

export type AccountStatus = 'pending' | 'active' | 'disabled';
export type TokenPurpose = 'invitation' | 'activation' | 'reinitialisation';

interface ComptesTables {
  users: {
    id: string;
    kind: 'usager' | 'agent';
    email: string;
    email_normalized: string;
    password_hash: string | null;
    display_name: string;
    role: AgentRole | null;
    commune_insee: string | null;
    departement: string | null;
    status: AccountStatus;
    created_at: Date;
    updated_at: Date;
    last_login_at: Date | null;
  };
  account_tokens: {
    token_hash: string;
    user_id: string;
    purpose: TokenPurpose;
    created_at: Date;
    expires_at: Date;
    used_at: Date | null;
  };
}

export interface Account {
  id: string;
  kind: 'usager' | 'agent';
  email: string;
  passwordHash: string | null;
  displayName: string;
  role: AgentRole | null;
  communeInsee: string | null;
  departement: string | null;
  status: AccountStatus;
  createdAt: Date;
  lastLoginAt: Date | null;
}

export function normalizeEmail(email: string) {
  return email.trim().toLowerCase();
}

function toAccount(row: ComptesTables['users']): Account {
  return {
    id: row.id,
    kind: row.kind,
    email: row.email,
    passwordHash: row.password_hash,
    displayName: row.display_name,
    role: row.role,
    communeInsee: row.commune_insee,
    departement: row.departement,
    status: row.status,
    createdAt: row.created_at,
    lastLoginAt: row.last_login_at,
  };
}

export function toPrincipal(account: Account): Principal {
  return {
    userId: account.id,
    kind: account.kind,
    role: account.role,
    communeInsee: account.communeInsee,
    departement: account.departement,
    displayName: account.displayName,
  };
}

export interface NewAccount {
  kind: 'usager' | 'agent';
  email: string;
  displayName: string;
  passwordHash: string | null;
  role?: AgentRole | null;
  communeInsee?: string | null;
  departement?: string | null;
  status: AccountStatus;
}

export function comptesRepository(db: Db) {
  const t = tables<ComptesTables>(db);
  return {
    async insert(account: NewAccount): Promise<Account | undefined> {
      const row = await t
        .insertInto('users')
        .values({
          kind: account.kind,
          email: account.email.trim(),
          email_normalized: normalizeEmail(account.email),
          display_name: account.displayName,
          password_hash: account.passwordHash,
          role: account.role ?? null,
          commune_insee: account.communeInsee ?? null,
          departement: account.departement ?? null,
          status: account.status,
        } as never)
        .onConflict((oc) => oc.column('email_normalized').doNothing())
        .returningAll()
        .executeTakeFirst();
      return row && toAccount(row);
    },
    async findByEmail(email: string) {
      const row = await t.selectFrom('users').selectAll().where('email_normalized', '=', normalizeEmail(email)).executeTakeFirst();
      return row && toAccount(row);
    },
    async findById(id: string) {
      const row = await t.selectFrom('users').selectAll().where('id', '=', id).executeTakeFirst();
      return row && toAccount(row);
    },
    async listAgents() {
      const rows = await t.selectFrom('users').selectAll().where('kind', '=', 'agent').orderBy('display_name').execute();
      return rows.map(toAccount);
    },
    async countAdmins() {
      const row = await t
        .selectFrom('users')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .where('role', '=', 'admin')
        .where('status', '=', 'active')
        .executeTakeFirstOrThrow();
      return Number(row.n);
    },
    /**
     * Sets the password; a pending account (invited, or never activated) becomes active. A
     * disabled account stays disabled: only an admin re-enables it (setStatus).
     */
    async setPassword(id: string, passwordHash: string, now: Date) {
      await t
        .updateTable('users')
        .set((eb) => ({ password_hash: passwordHash, status: eb.case().when('status', '=', 'pending').then('active' as const).else(eb.ref('status')).end(), updated_at: now }))
        .where('id', '=', id)
        .execute();
    },
    async setStatus(id: string, status: AccountStatus, now: Date) {
      await t.updateTable('users').set({ status, updated_at: now }).where('id', '=', id).execute();
    },
    async recordLogin(id: string, now: Date) {
      await t.updateTable('users').set({ last_login_at: now }).where('id', '=', id).execute();
    },
    async insertToken(tokenHash: string, userId: string, purpose: TokenPurpose, expiresAt: Date) {
      await t.insertInto('account_tokens').values({ token_hash: tokenHash, user_id: userId, purpose, expires_at: expiresAt } as never).execute();
    },
    /** Marks a single-use token as used and returns its owner, only if it was still valid. */
    async consumeToken(tokenHash: string, purpose: TokenPurpose, now: Date): Promise<string | undefined> {
      const row = await t
        .updateTable('account_tokens')
        .set({ used_at: now })
        .where('token_hash', '=', tokenHash)
        .where('purpose', '=', purpose)
        .where('used_at', 'is', null)
        .where('expires_at', '>', now)
        .returning('user_id')
        .executeTakeFirst();
      return row?.user_id;
    },
    /** Every single-use link of the account stops working (the account is disabled). */
    async revokeAllTokens(userId: string, now: Date) {
      await t.updateTable('account_tokens').set({ used_at: now }).where('user_id', '=', userId).where('used_at', 'is', null).execute();
    },
    /** Older links of this purpose stop working once a new one is sent (or the password changed). */
    async revokeTokens(userId: string, purpose: TokenPurpose, now: Date) {
      await t.updateTable('account_tokens').set({ used_at: now }).where('user_id', '=', userId).where('purpose', '=', purpose).where('used_at', 'is', null).execute();
    },
    /** Activates a pending account; false when it was not pending (already active, disabled). */
    async activatePending(id: string, now: Date) {
      const result = await t.updateTable('users').set({ status: 'active', updated_at: now }).where('id', '=', id).where('status', '=', 'pending').executeTakeFirst();
      return Number(result.numUpdatedRows) === 1;
    },
    /** False when another account already uses the address. */
    async setEmail(id: string, email: string, now: Date, displayName?: string) {
      const taken = await t.selectFrom('users').select('id').where('email_normalized', '=', normalizeEmail(email)).where('id', '<>', id).executeTakeFirst();
      if (taken) return false;
      await t.updateTable('users').set({ email: email.trim(), email_normalized: normalizeEmail(email), ...(displayName ? { display_name: displayName } : {}), updated_at: now }).where('id', '=', id).execute();
      return true;
    },
    /** Sessions and links go with the account (foreign keys cascade). */
    async deleteUsager(id: string) {
      const result = await t.deleteFrom('users').where('id', '=', id).where('kind', '=', 'usager').executeTakeFirst();
      return Number(result.numDeletedRows) === 1;
    },
    async findValidToken(tokenHash: string, purpose: TokenPurpose, now: Date) {
      return t
        .selectFrom('account_tokens')
        .select(['user_id', 'expires_at'])
        .where('token_hash', '=', tokenHash)
        .where('purpose', '=', purpose)
        .where('used_at', 'is', null)
        .where('expires_at', '>', now)
        .executeTakeFirst();
    },
  };
}
export type ComptesRepository = ReturnType<typeof comptesRepository>;
