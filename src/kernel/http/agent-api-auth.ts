import type { FastifyReply, FastifyRequest } from 'fastify';
import { recordAudit } from '../audit/audit-repository.ts';
import type { AgentApiTokensRepository, TokenRefusal } from '../auth/agent-api-tokens-repository.ts';
import type { AgentRole } from '../auth/principal.ts';
import type { Pseudonymize } from '../auth/pseudonym.ts';
import type { Db } from '../db/database.ts';
import { hashToken, randomToken, safeEqual } from '../auth/tokens.ts';
import type { RateLimiter } from './rate-limit.ts';

/** The prefix lets secret scanners and people recognise a leaked token for what it is. */
export const AGENT_API_TOKEN_PREFIX = 'gta_';
const TOKEN_FORMAT = /^gta_[A-Za-z0-9_-]{43}$/;

/** A new token, to show once, and the only thing kept of it. */
export function newAgentApiToken(): { token: string; tokenHash: string } {
  const token = `${AGENT_API_TOKEN_PREFIX}${randomToken()}`;
  return { token, tokenHash: hashToken(token) };
}

/** Every code this guard answers with, for API descriptions to list. */
export const AGENT_API_ERROR_CODES = ['NON_AUTHENTIFIE', 'JETON_REFUSE', 'CSRF', 'INTERDIT', 'TROP_DE_REQUETES'] as const;
type ErrorCode = (typeof AGENT_API_ERROR_CODES)[number];
const error = (code: ErrorCode, message: string) => ({ code, message });

// A counter software checks a stamp per applicant; 120 calls a minute leaves room for batches.
export const CALLS_PER_MINUTE_PER_TOKEN = 120;
// Tokens are 256-bit random: failures from one address are mistakes or probing, never guessing.
const FAILURES_PER_10_MINUTES = 20;

const REFUSAL_MESSAGE: Record<TokenRefusal | 'format', string> = {
  format: 'En-tête Authorization invalide : attendu « Bearer <jeton> ».',
  unknown: 'Jeton inconnu.',
  revoked: 'Ce jeton a été révoqué.',
  expired: 'Ce jeton a expiré : créez-en un nouveau dans votre espace agent.',
  'account-inactive': 'Le compte de l’agent titulaire de ce jeton est désactivé.',
};

export interface AgentApiAuthDeps {
  db: Db;
  tokens: AgentApiTokensRepository;
  rateLimiter: RateLimiter;
  pseudonymize: Pseudonymize;
  now: () => Date;
}

/**
 * preHandler for agent APIs, answering in JSON. Two ways in, with the same role checks:
 * `Authorization: Bearer <token>` (no cookie, so no CSRF to fear), or the agent's session,
 * which must then send its anti-CSRF token in `x-csrf-token` on every state change.
 * Routes using it set `config: { csrf: false }`: this guard does the session check itself,
 * because the kernel's generic check would refuse a bearer call that has no cookie at all.
 */
export function agentApiGuard(deps: AgentApiAuthDeps) {
  return (...roles: AgentRole[]) =>
    async (request: FastifyRequest, reply: FastifyReply) => {
      const authorization = request.headers.authorization;
      if (authorization !== undefined) return bearer(request, reply, authorization, roles);
      const principal = request.principal;
      if (!principal) return reply.status(401).header('www-authenticate', 'Bearer').send(error('NON_AUTHENTIFIE', 'Connexion d’agent ou jeton d’API requis.'));
      if (!['GET', 'HEAD', 'OPTIONS'].includes(request.method)) {
        const sent = request.headers['x-csrf-token'];
        if (typeof sent !== 'string' || !request.sessionIdHash || !safeEqual(sent, request.csrfToken())) {
          return reply.status(403).send(error('CSRF', 'Jeton anti-CSRF manquant ou invalide (en-tête x-csrf-token).'));
        }
      }
      if (!allowed(principal.kind, principal.role, roles)) return forbidden(reply);
    };

  async function bearer(request: FastifyRequest, reply: FastifyReply, authorization: string, roles: AgentRole[]) {
    // Failures are counted per presented token (its first characters) and per address. The
    // token's counter is taken before the token is looked up (count first, then decide): one
    // token cannot be tried more than the limit, however many requests arrive at once. The
    // address's counter only turns an unknown token's 401 into a 429: a valid token is never
    // refused because others sharing the address (a mairie's NAT) failed.
    const addressLimit = { key: `api-jeton-echec:ip:${deps.pseudonymize('ip', request.ip)}`, limit: FAILURES_PER_10_MINUTES, windowSeconds: 600 };
    const refuse = async (reason: TokenRefusal | 'format', tokenId?: string) => {
      const address = await deps.rateLimiter.hit(addressLimit.key, addressLimit.limit, addressLimit.windowSeconds);
      // The token id only, never the token: the journal must not hand out working secrets.
      await recordAudit(deps.db, null, { action: 'appel-api-jeton', objectType: 'jeton_api_agent', objectId: tokenId ?? null, outcome: 'refus', details: { motif: reason } });
      if (!address.allowed) return tooMany(reply, address.retryAfterSeconds);
      return reply
        .status(401)
        .header('www-authenticate', 'Bearer error="invalid_token"')
        .send(error('JETON_REFUSE', REFUSAL_MESSAGE[reason]));
    };
    const match = /^Bearer\s+(\S+)$/i.exec(authorization.trim());
    const token = match?.[1];
    if (!token || !TOKEN_FORMAT.test(token)) return refuse('format');
    const tokenLimit = { key: `api-jeton-echec:jeton:${deps.pseudonymize('jeton', token.slice(0, 12))}`, limit: FAILURES_PER_10_MINUTES, windowSeconds: 600 };
    const attempt = await deps.rateLimiter.attempt([tokenLimit], () => deps.tokens.authenticate(hashToken(token), deps.now()), (result) => !result.ok);
    if (!attempt.allowed) return tooMany(reply, attempt.retryAfterSeconds);
    const check = attempt.result;
    if (!check.ok) return refuse(check.reason, check.tokenId);
    const limit = await deps.rateLimiter.hit(`api-jeton:${check.tokenId}`, CALLS_PER_MINUTE_PER_TOKEN, 60);
    if (!limit.allowed) return tooMany(reply, limit.retryAfterSeconds);
    // This request, and only it, acts as the agent; no session is opened.
    request.principal = check.principal;
    request.sessionIdHash = null;
    const permitted = allowed(check.principal.kind, check.principal.role, roles);
    await recordAudit(deps.db, check.principal, {
      action: 'appel-api-jeton',
      objectType: 'jeton_api_agent',
      objectId: check.tokenId,
      outcome: permitted ? 'succes' : 'refus',
      details: { route: request.routeOptions.url ?? '', methode: request.method },
    });
    if (!permitted) return forbidden(reply);
  }
}

function allowed(kind: string, role: AgentRole | null, roles: AgentRole[]) {
  return kind === 'agent' && role !== null && (roles.length === 0 || roles.includes(role));
}
function forbidden(reply: FastifyReply) {
  return reply.status(403).send(error('INTERDIT', 'Votre rôle ne donne pas accès à cette API.'));
}
function tooMany(reply: FastifyReply, retryAfterSeconds: number) {
  return reply.status(429).header('retry-after', String(retryAfterSeconds)).send(error('TROP_DE_REQUETES', 'Trop d’appels en peu de temps : réessayez plus tard.'));
}
export type AgentApiGuard = ReturnType<typeof agentApiGuard>;
