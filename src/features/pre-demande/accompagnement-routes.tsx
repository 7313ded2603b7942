import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { recordAudit } from '../../kernel/audit/audit-repository.ts';
import type { Db } from '../../kernel/db/database.ts';
import { requireAgent, requireUsager } from '../../kernel/http/web-kernel.ts';
import type { AccompagnementService } from './accompagnement-service.ts';
import { AccueilAccompagnementPage, RejoindrePage, SuiviAccompagnementPage } from './accompagnement-vues.tsx';

export interface AccompagnementRoutesDeps {
  accompagnements: AccompagnementService;
  db: Db;
  now: () => Date;
}

/**
 * Assisted mode (the kit's "mairie avec espace numérique"). The agent gets a one-time code;
 * the citizen, signed in with their own password on the counter computer, types it.
 */
export function registerAccompagnementRoutes(app: FastifyInstance, deps: AccompagnementRoutesDeps) {
  const service = deps.accompagnements;
  // Only the agents of a mairie whose equipment level is "espace numérique" help in assisted mode.
  const espaceNumerique = async (request: FastifyRequest, reply: FastifyReply) => {
    if (await service.estEspaceNumerique(request.principal!)) return;
    await recordAudit(deps.db, request.principal, { action: 'accompagnement-refuse', objectType: 'accompagnement', outcome: 'refus', details: { raison: 'pas-espace-numerique' } });
    return reply.sendPage('forbidden');
  };
  const agent = { preHandler: [requireAgent('agent_mairie'), espaceNumerique] };
  const usager = { preHandler: requireUsager() };

  app.get('/mairie/accompagnement', agent, async (request, reply) => {
    return reply.page(<AccueilAccompagnementPage ctx={request.pageContext()} recents={await service.recents(request.principal!)} now={deps.now()} />);
  });

  // The code is shown in the answer to the POST, once: it is never put in a URL nor kept in clear.
  app.post('/mairie/accompagnement', agent, async (request, reply) => {
    const code = await service.demarrer(request.principal!);
    return reply.header('cache-control', 'no-store').page(<AccueilAccompagnementPage ctx={request.pageContext()} recents={await service.recents(request.principal!)} now={deps.now()} code={code} />);
  });

  app.get('/mairie/accompagnement/:id', agent, async (request, reply) => {
    const vue = await service.pourLAgent(request.principal!, (request.params as { id: string }).id);
    if (!vue) return reply.sendPage('not-found');
    return reply.page(<SuiviAccompagnementPage ctx={request.pageContext()} {...vue} />);
  });

  app.post('/mairie/accompagnement/:id/terminer', agent, async (request, reply) => {
    const id = (request.params as { id: string }).id;
    if (!(await service.terminerParLAgent(request.principal!, id)) && !(await service.pourLAgent(request.principal!, id))) return reply.sendPage('not-found');
    return reply.redirect(`/mairie/accompagnement/${id}`, 303);
  });

  app.get('/accompagnement', usager, async (request, reply) => reply.page(<RejoindrePage ctx={request.pageContext()} />));

  app.post('/accompagnement', usager, async (request, reply) => {
    const brut = (request.body as Record<string, unknown> | undefined)?.code;
    const saisie = typeof brut === 'string' ? brut.slice(0, 20).trim() : '';
    if (!saisie) return reply.status(400).page(<RejoindrePage ctx={request.pageContext()} erreur="Saisissez le code que l’agent vous a donné." />);
    const verdict = await service.rejoindre(request.principal!, request.sessionIdHash!, saisie);
    if (verdict.ok) return reply.redirect('/mon-espace', 303);
    if (verdict.raison === 'throttled') return reply.sendPage('too-many');
    return reply.status(400).page(<RejoindrePage ctx={request.pageContext()} valeur={saisie} erreur="Ce code n’est pas valable : il a peut-être expiré ou déjà servi. Vérifiez-le, ou demandez un nouveau code à l’agent." />);
  });

  app.post('/accompagnement/terminer', usager, async (request, reply) => {
    await service.terminerParLUsager(request.principal!, request.sessionIdHash);
    return reply.redirect('/mon-espace', 303);
  });
}
