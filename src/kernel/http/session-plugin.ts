import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Principal } from '../auth/principal.ts';
import { hashToken, hmac, randomToken, safeEqual } from '../auth/tokens.ts';
import type { WebKernelDeps } from './web-context.ts';

declare module 'fastify' {
  interface FastifyRequest {
    principal: Principal | null;
    sessionIdHash: string | null;
    csrfToken(): string;
  }
  interface FastifyContextConfig {
    /** Set to false only for machine-to-machine endpoints authenticated otherwise (webhooks). */
    csrf?: boolean;
  }
}

// Only touch last_seen_at once a minute: a page view must not cost a write each time.
const TOUCH_EVERY_MS = 60_000;

export function cookieNames(secure: boolean) {
  // The __Host- prefix pins the cookie to this exact origin over HTTPS.
  return secure ? { session: '__Host-gt_session', anon: '__Host-gt_anon', attente: '__Host-gt_connexion' } : { session: 'gt_session', anon: 'gt_anon', attente: 'gt_connexion' };
}

/**
 * Server-side sessions and CSRF tokens. The CSRF token is an HMAC of the session id (or,
 * before sign-in, of a random anonymous id kept in a cookie), checked on every
 * state-changing request: nothing to store per form, valid on any instance.
 */
export function registerSessions(app: FastifyInstance, deps: WebKernelDeps) {
  const secure = deps.config.publicUrl.protocol === 'https:';
  const names = cookieNames(secure);
  const cookieOptions = { path: '/', httpOnly: true, sameSite: 'lax' as const, secure };
  const idleMs = deps.config.sessionIdleMinutes * 60_000;

  app.decorateRequest('principal', null);
  app.decorateRequest('sessionIdHash', null);
  app.decorateRequest('csrfToken', function (this: FastifyRequest) {
    if (this.sessionIdHash) return hmac(deps.csrfSecret, `s:${this.sessionIdHash}`);
    let anon = this.cookies[names.anon];
    if (!anon || anon.length > 64) {
      anon = randomToken();
      this.cookies[names.anon] = anon;
      pendingAnon.set(this, anon);
    }
    return hmac(deps.csrfSecret, `a:${anon}`);
  });
  const pendingAnon = new WeakMap<FastifyRequest, string>();

  app.addHook('onRequest', async (request) => {
    const sessionId = request.cookies[names.session];
    if (!sessionId || sessionId.length > 64) return;
    const idHash = hashToken(sessionId);
    const now = deps.now();
    const row = await deps.sessions.findActive(idHash, now, new Date(now.getTime() - idleMs));
    if (!row) return;
    request.principal = row.principal;
    request.sessionIdHash = idHash;
    if (now.getTime() - row.lastSeenAt.getTime() > TOUCH_EVERY_MS) await deps.sessions.touch(idHash, now);
  });

  app.addHook('onSend', async (request, reply, payload) => {
    const anon = pendingAnon.get(request);
    if (anon) reply.setCookie(names.anon, anon, cookieOptions);
    // Whatever answers a signed-in person or an API caller (pages, JSON, exports, PDFs) is
    // personal or an agent's: no cache may keep it. Only public assets keep their caching.
    const cache = reply.getHeader('cache-control');
    if ((request.principal || request.headers.authorization !== undefined) && !(typeof cache === 'string' && cache.startsWith('public'))) {
      reply.header('cache-control', 'no-store');
    }
    return payload;
  });

  app.addHook('preHandler', async (request, reply) => {
    if (['GET', 'HEAD', 'OPTIONS'].includes(request.method)) return;
    if (request.routeOptions.config?.csrf === false) return;
    const body = request.body as Record<string, unknown> | undefined;
    const sent = typeof body?._csrf === 'string' ? body._csrf : request.headers['x-csrf-token'];
    const expected = request.sessionIdHash
      ? hmac(deps.csrfSecret, `s:${request.sessionIdHash}`)
      : request.cookies[names.anon]
        ? hmac(deps.csrfSecret, `a:${request.cookies[names.anon]}`)
        : undefined;
    if (typeof sent !== 'string' || !expected || !safeEqual(sent, expected)) {
      return reply.status(403).sendPage('csrf');
    }
  });

  return {
    /** Opens a new session (a fresh id: never reuse one issued before sign-in). */
    async open(request: FastifyRequest, reply: FastifyReply, principal: Principal) {
      if (request.sessionIdHash) await deps.sessions.delete(request.sessionIdHash);
      const sessionId = randomToken();
      const idHash = hashToken(sessionId);
      const now = deps.now();
      const expiresAt = new Date(now.getTime() + deps.config.sessionAbsoluteHours * 3_600_000);
      await deps.sessions.insert(idHash, principal, now, expiresAt);
      request.principal = principal;
      request.sessionIdHash = idHash;
      reply.setCookie(names.session, sessionId, { ...cookieOptions, expires: expiresAt });
    },
    /** A sign-in waiting for its second factor: only a random token in a cookie, no session yet. */
    attente: {
      poser(reply: FastifyReply, jeton: string, expires: Date) {
        reply.setCookie(names.attente, jeton, { ...cookieOptions, expires });
      },
      lire(request: FastifyRequest): string | undefined {
        return request.cookies[names.attente];
      },
      effacer(reply: FastifyReply) {
        reply.clearCookie(names.attente, cookieOptions);
      },
    },
    async close(request: FastifyRequest, reply: FastifyReply) {
      if (request.sessionIdHash) await deps.sessions.delete(request.sessionIdHash);
      request.principal = null;
      request.sessionIdHash = null;
      reply.clearCookie(names.session, cookieOptions);
    },
  };
}
export type SessionControl = ReturnType<typeof registerSessions>;
