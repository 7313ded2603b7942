import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { field } from '../../kernel/http/input.ts';
import { requireAgent } from '../../kernel/http/web-kernel.ts';
import type { JetonsService, Saisie } from './jetons-service.ts';
import { JetonsPage, type JetonsPageProps } from './vues.tsx';

function lire(body: unknown): Saisie {
  const champ = (name: string, max: number) => field(body, name, max);
  return { nom: champ('nom', 200), duree: champ('duree', 10), agent: champ('agent', 40) };
}

/**
 * `/agent/jetons-api`: a mairie agent's own API tokens. `/admin/jetons-api`: every agent's,
 * where an administrator also makes a token for an agent (to hand over to the mairie).
 */
export function registerJetonsAgentsRoutes(app: FastifyInstance, deps: { jetons: JetonsService; now: () => Date }) {
  const { jetons } = deps;
  for (const mode of ['agent', 'admin'] as const) {
    const base = mode === 'admin' ? '/admin/jetons-api' : '/agent/jetons-api';
    const guard = { preHandler: requireAgent(mode === 'admin' ? 'admin' : 'agent_mairie') };
    const page = async (request: FastifyRequest, reply: FastifyReply, etat: Pick<JetonsPageProps, 'cree' | 'saisie' | 'erreurs'> = {}, status = 200) => {
      const principal = request.principal!;
      const props: JetonsPageProps = {
        ctx: request.pageContext(),
        mode,
        now: deps.now(),
        jetons: await jetons.lister(mode === 'admin' ? undefined : principal.userId),
        agents: mode === 'admin' ? await jetons.titulairesPossibles() : [],
        ...etat,
      };
      return reply.status(status).page(<JetonsPage {...props} />);
    };

    app.get(base, guard, async (request, reply) => page(request, reply));
    app.post(base, guard, async (request, reply) => {
      const saisie = lire(request.body);
      const resultat = await jetons.creer(request.principal!, saisie);
      if (!resultat.ok) return page(request, reply, { saisie, erreurs: resultat.erreurs }, 400);
      // Shown in this answer only (no redirect): a reload must not be able to show it again.
      return page(request, reply, { cree: resultat });
    });
    app.post(`${base}/:id/revoquer`, guard, async (request, reply) => {
      const { id } = request.params as { id: string };
      if (!(await jetons.revoquer(request.principal!, id))) return reply.sendPage('not-found');
      return reply.redirect(base, 303);
    });
  }
}
