import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { AgentApiGuard } from '../../kernel/http/agent-api-auth.ts';
import { requireAgent } from '../../kernel/http/web-kernel.ts';
import type { BoutiqueService } from './boutique-service.ts';
import { field } from '../../kernel/http/input.ts';
import { formaterNumero } from './numero.ts';
import { OPENAPI_TIMBRES } from './openapi.ts';
import type { Verification, VerificationService } from './verification-service.ts';
import { AgentTimbresPage, type AgentState } from './vues-agent.tsx';

const CHAMP_DU_MOTIF: Record<string, keyof NonNullable<AgentState['erreurs']>> = { vide: 'numero', format: 'numero', clef: 'numero', reference: 'reference' };

function etatDepuis(resultat: Verification, numero: string): AgentState {
  if (resultat.ok) return { numero, fiche: resultat.fiche };
  const champErreur = CHAMP_DU_MOTIF[resultat.motif];
  return champErreur ? { numero, erreurs: { [champErreur]: resultat.message } } : { numero, fiche: resultat.fiche, refus: resultat.message };
}

const STATUT_API: Record<string, number> = { 'mairie-sans-dr': 403, 'trop-de-consultations': 429, inconnu: 404, 'deja-consomme': 409, vide: 400, format: 400, clef: 400, reference: 400 };

/** The mairie's counter page and its JSON API, for agents of a mairie only. */
export function registerAgentTimbreRoutes(app: FastifyInstance, deps: { verification: VerificationService; boutique: BoutiqueService; agentApi: AgentApiGuard }) {
  const { verification, boutique } = deps;
  const agentMairie = requireAgent('agent_mairie');
  const page = async (request: FastifyRequest, reply: FastifyReply, state: AgentState, status = 200) =>
    reply.status(status).page(<AgentTimbresPage ctx={request.pageContext()} state={state} usages={await boutique.catalogue()} />);

  app.get('/agent/timbres', { preHandler: agentMairie }, async (request, reply) => page(request, reply, {}));
  app.post('/agent/timbres', { preHandler: agentMairie }, async (request, reply) => {
    const numero = field(request.body, 'numero', 40);
    const resultat = await verification.consulter(numero, request.principal!);
    return page(request, reply, etatDepuis(resultat, numero), resultat.ok ? 200 : (STATUT_API[resultat.motif] ?? 422));
  });
  app.post('/agent/timbres/consommer', { preHandler: agentMairie }, async (request, reply) => {
    const numero = field(request.body, 'numero', 40);
    const usage = field(request.body, 'usage', 60);
    const reference = field(request.body, 'reference', 60);
    const resultat = await verification.consommerAuGuichet(numero, usage, reference, request.principal!);
    if (resultat.ok) return page(request, reply, { fiche: resultat.fiche, succes: `Le timbre ${formaterNumero(resultat.fiche.numero)} est consommé pour le dossier ${reference.trim()}.` });
    return page(request, reply, { ...etatDepuis(resultat, numero), usage, reference }, STATUT_API[resultat.motif] ?? 422);
  });

  // The API answers machines in JSON (401/403/429, never the sign-in page); an agent's own
  // API token or the agent's session opens it, with the same role checks.
  const agentApi = { preHandler: deps.agentApi('agent_mairie'), config: { csrf: false } };
  const json = (reply: FastifyReply, resultat: Verification) =>
    resultat.ok
      ? reply.send({ ok: true, timbre: resultat.fiche })
      : reply.status(STATUT_API[resultat.motif] ?? 422).send({ ok: false, code: resultat.motif, message: resultat.message, ...(resultat.fiche ? { timbre: resultat.fiche } : {}) });

  app.get('/api/agent/timbres/openapi.json', async (_request, reply) => reply.send(OPENAPI_TIMBRES));
  app.post('/api/agent/timbres/verification', agentApi, async (request, reply) => json(reply, await verification.consulter(field(request.body, 'numero', 40), request.principal!)));
  app.post('/api/agent/timbres/consommation', agentApi, async (request, reply) =>
    json(reply, await verification.consommerAuGuichet(field(request.body, 'numero', 40), field(request.body, 'usage', 60), field(request.body, 'referenceDossier', 60), request.principal!)),
  );
}
