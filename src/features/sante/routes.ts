import type { FastifyInstance } from 'fastify';
import type { Db, DatabaseKind } from '../../kernel/db/database.ts';
import { migrationStatus } from '../../kernel/db/migrator.ts';
import type { OutboxRepository } from '../../kernel/notifications/outbox-repository.ts';

/** `/sante`: what a load balancer or an operator checks. No personal data. */
export function registerSanteRoutes(app: FastifyInstance, deps: { db: Db; dbKind: DatabaseKind; outbox: OutboxRepository }) {
  app.get('/sante', async (_request, reply) => {
    try {
      const [migrations, backlog] = await Promise.all([migrationStatus(deps.db), deps.outbox.backlog()]);
      const ok = migrations.applied === migrations.latest;
      return reply
        .status(ok ? 200 : 503)
        .header('cache-control', 'no-store')
        .send({
          status: ok ? 'ok' : 'migrations-en-attente',
          database: deps.dbKind,
          migrations,
          outbox: { backlog: backlog.pending, failed: backlog.failed },
        });
    } catch {
      return reply.status(503).send({ status: 'base-indisponible', database: deps.dbKind });
    }
  });
}
