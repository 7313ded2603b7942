import type { FastifyInstance } from 'fastify';
import { requireAgent } from '../../kernel/http/web-kernel.ts';
import { AgentHomePage, HomePage, LEGAL_SLUGS, LegalPage } from './views.tsx';

export function registerAccueilRoutes(app: FastifyInstance, deps: { niveauCommune: (code: string) => Promise<string | null> }) {
  app.get('/', async (request, reply) => reply.page(<HomePage ctx={request.pageContext()} />));
  app.get('/agent', { preHandler: requireAgent() }, async (request, reply) => {
    const commune = request.principal?.role === 'agent_mairie' ? request.principal.communeInsee : null;
    const niveauMairie = commune ? await deps.niveauCommune(commune) : null;
    return reply.page(<AgentHomePage ctx={request.pageContext()} niveauMairie={niveauMairie} />);
  });
  for (const slug of LEGAL_SLUGS) {
    app.get(`/${slug}`, async (request, reply) => reply.page(<LegalPage ctx={request.pageContext()} slug={slug} />));
  }
}
