import { recordAudit } from '../../kernel/audit/audit-repository.ts';
import { hashPassword, passwordProblem, verifyPassword } from '../../kernel/auth/passwords.ts';
import { ROLE_LABELS, type AgentRole, type Principal } from '../../kernel/auth/principal.ts';
import type { Pseudonymize } from '../../kernel/auth/pseudonym.ts';
import { sessionRepository } from '../../kernel/auth/session-repository.ts';
import { agentApiTokensRepository } from '../../kernel/auth/agent-api-tokens-repository.ts';
import { hashToken, randomToken } from '../../kernel/auth/tokens.ts';
import type { Db } from '../../kernel/db/database.ts';
import type { InTransaction } from '../../kernel/db/transactions.ts';
import type { RateLimiter } from '../../kernel/http/rate-limit.ts';
import { enqueueNotification } from '../../kernel/notifications/outbox-repository.ts';
import { comptesRepository, toPrincipal, type Account } from './comptes-repository.ts';
import { invitationAgent } from './messages.ts';

export interface ComptesDeps {
  db: Db;
  inTransaction: InTransaction;
  rateLimiter: RateLimiter;
  pseudonymize: Pseudonymize;
  now: () => Date;
  publicUrl: URL;
  serviceName: string;
  invitationHours?: number;
}

export type LoginOutcome =
  | { ok: true; principal: Principal }
  | { ok: false; reason: 'invalid' | 'throttled'; retryAfterSeconds?: number };

// Per client and account: stops guessing from one place without locking the real owner out
// (they can still sign in from elsewhere). Per account across all clients: a higher ceiling
// against distributed guessing.
const FAILURES_PER_CLIENT = { limit: 5, windowSeconds: 15 * 60 };
const FAILURES_PER_ACCOUNT = { limit: 50, windowSeconds: 15 * 60 };
// Each invitation sends an email: an admin account (or a stolen admin session) must not be
// usable to flood mailboxes. Far above what onboarding a whole préfecture needs in an hour.
export const INVITATIONS_PER_ADMIN = { limit: 30, windowSeconds: 3600 };

export function comptesService(deps: ComptesDeps) {
  const repo = comptesRepository(deps.db);

  return {
    async login(kind: 'usager' | 'agent', email: string, password: string, clientIp: string): Promise<LoginOutcome> {
      const clientKey = `connexion:${deps.pseudonymize('ip', clientIp)}:${deps.pseudonymize('email', email)}`;
      const accountKey = `connexion:${deps.pseudonymize('email', email)}`;
      const essai = await deps.rateLimiter.attempt(
        [
          { key: clientKey, ...FAILURES_PER_CLIENT },
          { key: accountKey, ...FAILURES_PER_ACCOUNT },
        ],
        async () => {
          const account = await repo.findByEmail(email);
          const valid = await verifyPassword(account?.passwordHash ?? null, password);
          return account && valid && account.kind === kind && account.status === 'active' ? { ok: true as const, account } : { ok: false as const, account };
        },
        (verdict) => !verdict.ok,
      );
      if (!essai.allowed) return { ok: false, reason: 'throttled', retryAfterSeconds: essai.retryAfterSeconds };
      if (!essai.result.ok) {
        const account = essai.result.account;
        if (account?.kind === 'agent') {
          await recordAudit(deps.db, toPrincipal(account), { action: 'connexion', objectType: 'compte', objectId: account.id, outcome: 'refus' });
        }
        return { ok: false, reason: 'invalid' };
      }
      const account = essai.result.account;
      await repo.recordLogin(account.id, deps.now());
      if (account.kind === 'agent') {
        await recordAudit(deps.db, toPrincipal(account), { action: 'connexion', objectType: 'compte', objectId: account.id });
      }
      return { ok: true, principal: toPrincipal(account) };
    },

    /** Creates an agent and sends the single-use link to choose a password (no password is ever set by the admin). */
    async inviteAgent(
      admin: Principal,
      input: { email: string; displayName: string; role: AgentRole; communeInsee: string | null; departement: string | null },
    ): Promise<{ ok: true; account: Account } | { ok: false; reason: 'email-taken' } | { ok: false; reason: 'throttled'; retryAfterSeconds: number }> {
      const quota = await deps.rateLimiter.hit(`invitation-agent:${deps.pseudonymize('user', admin.userId)}`, INVITATIONS_PER_ADMIN.limit, INVITATIONS_PER_ADMIN.windowSeconds);
      if (!quota.allowed) {
        await recordAudit(deps.db, admin, { action: 'creer-agent', objectType: 'compte', outcome: 'refus', details: { motif: 'trop-d-invitations', limite: INVITATIONS_PER_ADMIN.limit } });
        return { ok: false, reason: 'throttled', retryAfterSeconds: quota.retryAfterSeconds };
      }
      const token = randomToken();
      const hours = deps.invitationHours ?? 72;
      const expiresAt = new Date(deps.now().getTime() + hours * 3_600_000);
      return deps.inTransaction(async (trx) => {
        const txRepo = comptesRepository(trx);
        const account = await txRepo.insert({ kind: 'agent', passwordHash: null, status: 'pending', ...input });
        if (!account) return { ok: false as const, reason: 'email-taken' as const };
        await txRepo.insertToken(hashToken(token), account.id, 'invitation', expiresAt);
        await enqueueNotification(trx, {
          template: invitationAgent,
          recipient: account.email,
          values: {
            nom: account.displayName,
            role: ROLE_LABELS[input.role],
            lien: new URL(`/compte/invitation?jeton=${token}`, deps.publicUrl).toString(),
            service: deps.serviceName,
            expiration: expiresAt.toLocaleString('fr-FR', { timeZone: 'Europe/Paris', dateStyle: 'long', timeStyle: 'short' }),
          },
        });
        await recordAudit(trx, admin, { action: 'creer-agent', objectType: 'compte', objectId: account.id, details: { role: input.role, commune: input.communeInsee, departement: input.departement } });
        return { ok: true as const, account };
      });
    },

    async invitationIsValid(token: string) {
      return Boolean(await repo.findValidToken(hashToken(token), 'invitation', deps.now()));
    },

    async acceptInvitation(token: string, password: string): Promise<{ ok: true } | { ok: false; reason: 'invalid-token' } | { ok: false; reason: 'weak'; message: string }> {
      const pending = await repo.findValidToken(hashToken(token), 'invitation', deps.now());
      if (!pending) return { ok: false, reason: 'invalid-token' };
      const account = await repo.findById(pending.user_id);
      if (!account) return { ok: false, reason: 'invalid-token' };
      const problem = passwordProblem(password, 'agent', [account.email, account.displayName]);
      if (problem) return { ok: false, reason: 'weak', message: problem };
      const passwordHash = await hashPassword(password);
      return deps.inTransaction(async (trx) => {
        const txRepo = comptesRepository(trx);
        const userId = await txRepo.consumeToken(hashToken(token), 'invitation', deps.now());
        if (!userId) return { ok: false as const, reason: 'invalid-token' as const };
        await txRepo.setPassword(userId, passwordHash, deps.now());
        await recordAudit(trx, toPrincipal(account), { action: 'activer-compte', objectType: 'compte', objectId: userId });
        return { ok: true as const };
      });
    },

    async setAgentStatus(admin: Principal, agentId: string, status: 'active' | 'disabled') {
      return deps.inTransaction(async (trx) => {
        const txRepo = comptesRepository(trx);
        const agent = await txRepo.findById(agentId);
        if (!agent || agent.kind !== 'agent' || agent.id === admin.userId) return false;
        if (status === 'active' && !agent.passwordHash) return false;
        await txRepo.setStatus(agentId, status, deps.now());
        // A disabled agent loses access at once, not when their session expires, and nothing
        // left behind brings them back: no session, no pending link, no API token.
        if (status === 'disabled') {
          await sessionRepository(trx).deleteForUser(agentId);
          await txRepo.revokeAllTokens(agentId, deps.now());
          await agentApiTokensRepository(trx).revokeAllOf(agentId, admin.userId, deps.now());
        }
        await recordAudit(trx, admin, { action: status === 'disabled' ? 'desactiver-agent' : 'reactiver-agent', objectType: 'compte', objectId: agentId });
        return true;
      });
    },

    listAgents: () => repo.listAgents(),
    findAccount: (id: string) => repo.findById(id),

    /** Used by the command line only: the first admin, with a password typed by the operator. */
    async createAdmin(email: string, displayName: string, password: string) {
      const problem = passwordProblem(password, 'agent', [email, displayName]);
      if (problem) return { ok: false as const, message: problem };
      const account = await repo.insert({
        kind: 'agent',
        email,
        displayName,
        role: 'admin',
        passwordHash: await hashPassword(password),
        status: 'active',
      });
      if (!account) return { ok: false as const, message: 'Un compte existe déjà avec cette adresse.' };
      await recordAudit(deps.db, null, { action: 'creer-admin-cli', objectType: 'compte', objectId: account.id });
      return { ok: true as const, account };
    },

    /** Accounts for usagers are created by their own journey (later issue); tests use this. */
    async createUsager(email: string, displayName: string, password: string) {
      const problem = passwordProblem(password, 'usager', [email]);
      if (problem) return { ok: false as const, message: problem };
      const account = await repo.insert({ kind: 'usager', email, displayName, passwordHash: await hashPassword(password), status: 'active' });
      if (!account) return { ok: false as const, message: 'Un compte existe déjà avec cette adresse.' };
      return { ok: true as const, account };
    },
  };
}
export type ComptesService = ReturnType<typeof comptesService>;
