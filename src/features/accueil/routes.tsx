import type { FastifyInstance } from 'fastify';
import { requireAgent } from '../../kernel/http/web-kernel.ts';
import { AgentHomePage, HomePage, LEGAL_SLUGS, LegalPage } from './views.tsx';

export function registerAccueilRoutes(app: FastifyInstance) {
  app.get('/', async (request, reply) => reply.page(<HomePage ctx={request.pageContext()} />));
  app.get('/agent', { preHandler: requireAgent() }, async (request, reply) => reply.page(<AgentHomePage ctx={request.pageContext()} />));
  for (const slug of LEGAL_SLUGS) {
    app.get(`/${slug}`, async (request, reply) => reply.page(<LegalPage ctx={request.pageContext()} slug={slug} />));
  }
}
