import path from 'node:path';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import fastifyCookie from '@fastify/cookie';
import fastifyFormbody from '@fastify/formbody';
import fastifyHelmet from '@fastify/helmet';
import fastifyStatic from '@fastify/static';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { h } from 'preact';
import { recordAudit } from '../audit/audit-repository.ts';
import type { AgentRole } from '../auth/principal.ts';
import { renderDocument, type View } from '../views/html.ts';
import type { PageContext } from '../views/page-context.ts';
import { SystemPageView, type SystemPage } from '../views/system-pages.tsx';
import { registerCompressedAssets } from './compressed-assets.ts';
import { SaisieInterditeError, registerInputGuard } from './input.ts';
import { registerSessions } from './session-plugin.ts';
import type { WebKernelDeps } from './web-context.ts';

declare module 'fastify' {
  interface FastifyInstance {
    /** Every route as registered (method and URL pattern): what the route-table fuzz test walks. */
    readonly tableDesRoutes: ReadonlyArray<{ method: string; url: string }>;
  }
  interface FastifyRequest {
    pageContext(): PageContext;
    /** Writes the refusal of this request to the audit journal (route pattern only, no personal data). */
    auditerRefus(): Promise<void>;
  }
  interface FastifyReply {
    /** Sends a full HTML page; personal pages are never stored by caches. */
    page(view: View): FastifyReply;
    sendPage(kind: SystemPage): FastifyReply;
  }
}

const STATUS_OF: Record<SystemPage, number> = {
  'not-found': 404,
  forbidden: 403,
  csrf: 403,
  'too-many': 429,
  error: 500,
  'bad-request': 400,
  'saisie-interdite': 400,
};

const require = createRequire(import.meta.url);
const DSFR_DIST = path.join(path.dirname(require.resolve('@gouvfr/dsfr/package.json')), 'dist');
const ASSETS_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../assets');

/**
 * Everything every page relies on: security headers, forms, static DSFR assets, sessions,
 * CSRF, French error pages and the page helpers. Features only add routes on top.
 */
export async function registerWebKernel(app: FastifyInstance, deps: WebKernelDeps) {
  await app.register(fastifyCookie);
  await app.register(fastifyFormbody, { bodyLimit: 64 * 1024 });
  await app.register(fastifyHelmet, {
    contentSecurityPolicy: {
      useDefaults: false,
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        styleSrc: ["'self'"],
        // Map tiles come from the configured tile server, and only from it.
        imgSrc: ["'self'", 'data:', ...(deps.config.tileUrl ? [new URL(deps.config.tileUrl.replace(/\{[a-z]\}/g, '0')).origin] : [])],
        fontSrc: ["'self'"],
        connectSrc: ["'self'"],
        objectSrc: ["'none'"],
        baseUri: ["'self'"],
        formAction: ["'self'"],
        frameAncestors: ["'none'"],
      },
    },
    referrerPolicy: { policy: 'same-origin' },
    strictTransportSecurity: deps.config.publicUrl.protocol === 'https:',
    crossOriginEmbedderPolicy: false,
  });
  await app.register(fastifyStatic, {
    root: DSFR_DIST,
    prefix: '/dsfr/',
    maxAge: '7d',
    index: false,
  });
  registerCompressedAssets(app, [
    { url: '/dsfr/dsfr.min.css', file: path.join(DSFR_DIST, 'dsfr.min.css'), contentType: 'text/css; charset=utf-8' },
    { url: '/dsfr/utility/utility.min.css', file: path.join(DSFR_DIST, 'utility/utility.min.css'), contentType: 'text/css; charset=utf-8' },
    { url: '/dsfr/dsfr.module.min.js', file: path.join(DSFR_DIST, 'dsfr.module.min.js'), contentType: 'text/javascript; charset=utf-8' },
  ]);
  await app.register(fastifyStatic, { root: ASSETS_DIR, prefix: '/assets/', decorateReply: false, maxAge: '1d', index: false });

  const tableDesRoutes: Array<{ method: string; url: string }> = [];
  app.decorate('tableDesRoutes', tableDesRoutes);
  app.addHook('onRoute', (route) => {
    for (const method of [route.method].flat()) tableDesRoutes.push({ method, url: route.url });
  });
  registerInputGuard(app);
  const sessions = registerSessions(app, deps);
  const demo = deps.config.mode !== 'production';

  app.decorateRequest('pageContext', function (this: FastifyRequest): PageContext {
    return {
      serviceName: deps.config.serviceName,
      operatorName: deps.config.operatorName,
      demo,
      devMailbox: demo && !deps.config.smtpUrl,
      principal: this.principal,
      csrfToken: this.csrfToken(),
      path: this.url.split('?')[0] ?? '/',
      navigation: this.principal?.kind === 'agent' ? [] : (deps.navigation ?? []),
    };
  });
  app.decorateRequest('auditerRefus', async function (this: FastifyRequest) {
    await recordAudit(deps.db, this.principal ?? null, { action: 'acces-refuse', objectType: 'page', objectId: this.routeOptions.url ?? null, outcome: 'refus', details: { methode: this.method } });
  });
  app.decorateReply('page', function (this: FastifyReply, view: View) {
    return this.header('content-type', 'text/html; charset=utf-8').header('cache-control', 'no-store').send(renderDocument(view));
  });
  app.decorateReply('sendPage', function (this: FastifyReply, kind: SystemPage) {
    const status = STATUS_OF[kind];
    const ctx = this.request.pageContext();
    return this.status(status).page(h(SystemPageView, { ctx, kind, status }));
  });

  app.setNotFoundHandler((request, reply) => {
    if (request.url.startsWith('/api/')) return reply.status(404).send({ code: 'NOT_FOUND', message: 'Ressource introuvable' });
    return reply.sendPage('not-found');
  });
  app.setErrorHandler((error: Error & { statusCode?: number; validation?: unknown }, request, reply) => {
    const status = error.statusCode && error.statusCode >= 400 && error.statusCode < 500 ? error.statusCode : 500;
    if (status >= 500) request.log.error({ err: error }, 'erreur inattendue');
    else request.log.info({ code: (error as { code?: string }).code, status }, 'requête refusée');
    const saisie = error instanceof SaisieInterditeError;
    if (request.url.startsWith('/api/')) {
      return reply.status(status).send({ code: status >= 500 ? 'INTERNAL' : 'BAD_REQUEST', message: status >= 500 ? 'Erreur interne' : saisie ? error.message : 'Demande incorrecte' });
    }
    if (saisie) return reply.sendPage('saisie-interdite');
    if (status === 429) return reply.sendPage('too-many');
    if (status === 404) return reply.sendPage('not-found');
    return reply.sendPage(status >= 500 ? 'error' : 'bad-request');
  });

  return { sessions };
}

/** preHandler: the page is for agents with one of these roles; others get a 403, anonymous visitors the sign-in page. */
export function requireAgent(...roles: AgentRole[]) {
  return async (request: FastifyRequest, reply: FastifyReply) => {
    const principal = request.principal;
    if (!principal) return reply.redirect('/agent/connexion');
    if (principal.kind !== 'agent' || !principal.role || (roles.length > 0 && !roles.includes(principal.role))) {
      await request.auditerRefus();
      return reply.sendPage('forbidden');
    }
  };
}

export function requireUsager() {
  return async (request: FastifyRequest, reply: FastifyReply) => {
    const principal = request.principal;
    if (!principal) return reply.redirect('/connexion');
    if (principal.kind !== 'usager') return reply.sendPage('forbidden');
  };
}
