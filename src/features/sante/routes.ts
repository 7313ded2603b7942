import type { FastifyInstance, FastifyRequest } from 'fastify';
import { safeEqual } from '../../kernel/auth/tokens.ts';
import type { Db, DatabaseKind } from '../../kernel/db/database.ts';
import { migrationStatus } from '../../kernel/db/migrator.ts';
import type { OutboxRepository } from '../../kernel/notifications/outbox-repository.ts';

/**
 * `/sante`: what a load balancer or an operator checks. Anyone gets the status alone (200 or
 * 503); the details — database kind, migrations, message backlog — go to an admin's session
 * or to a monitoring system presenting `Authorization: Bearer <SANTE_JETON>`. No personal data.
 */
export function registerSanteRoutes(app: FastifyInstance, deps: { db: Db; dbKind: DatabaseKind; outbox: OutboxRepository; santeJeton: string | undefined }) {
  const detailsPermis = (request: FastifyRequest) => {
    if (request.principal?.role === 'admin') return true;
    const presente = /^Bearer\s+(\S+)$/i.exec(request.headers.authorization ?? '')?.[1];
    return deps.santeJeton !== undefined && presente !== undefined && safeEqual(presente, deps.santeJeton);
  };

  app.get('/sante', async (request, reply) => {
    reply.header('cache-control', 'no-store');
    const details = detailsPermis(request);
    try {
      const [migrations, backlog] = await Promise.all([migrationStatus(deps.db), deps.outbox.backlog()]);
      const ok = migrations.applied === migrations.latest;
      const status = ok ? 'ok' : 'migrations-en-attente';
      return reply
        .status(ok ? 200 : 503)
        .send(details ? { status, database: deps.dbKind, migrations, outbox: { backlog: backlog.pending, failed: backlog.failed } } : { status });
    } catch {
      return reply.status(503).send(details ? { status: 'base-indisponible', database: deps.dbKind } : { status: 'base-indisponible' });
    }
  });
}
