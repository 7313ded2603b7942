import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { field } from '../../kernel/http/input.ts';
import { recordAudit } from '../../kernel/audit/audit-repository.ts';
import type { Db } from '../../kernel/db/database.ts';
import { requireAgent } from '../../kernel/http/web-kernel.ts';
import { EVENEMENTS, TRANSITIONS, type Etat, type Evenement } from './cycle-de-vie.ts';
import { perimetreDe, type DemandesService } from './demandes-service.ts';
import { DemandeInstructionPage, ETATS_FILE, FileInstructionPage } from './views-instruction.tsx';
import { UUID } from '../../kernel/db/ids.ts';

const EVENEMENTS_INSTRUCTION = EVENEMENTS.filter((evenement) => (TRANSITIONS[evenement].roles as readonly string[]).includes('instructeur'));

export function registerInstructionRoutes(app: FastifyInstance, deps: { db: Db; demandes: DemandesService; now: () => Date; nomCommune: (code: string) => string }) {
  const instructeurs = { preHandler: requireAgent('instructeur') };

  app.get('/instruction', instructeurs, async (request, reply) => {
    const query = request.query as Record<string, string | undefined>;
    const filtre = ETATS_FILE.find((etat) => etat === query.etat);
    const demandes = await deps.demandes.lister(perimetreDe(request.principal!)!, filtre ? [filtre] : ETATS_FILE);
    await recordAudit(deps.db, request.principal, { action: 'consulter-file-instruction', objectType: 'demande_titre' });
    return reply.page(<FileInstructionPage ctx={request.pageContext()} demandes={demandes} filtre={filtre} maintenant={deps.now()} />);
  });

  async function afficher(request: FastifyRequest, reply: FastifyReply, id: string, erreur?: string, status = 200) {
    const demande = UUID.test(id) ? await deps.demandes.trouver(perimetreDe(request.principal!)!, id) : undefined;
    await recordAudit(deps.db, request.principal, { action: 'consulter', objectType: 'demande_titre', objectId: id, outcome: demande ? 'succes' : 'refus' });
    if (!demande) return reply.sendPage('not-found');
    const possibles = EVENEMENTS_INSTRUCTION.filter((evenement) => (TRANSITIONS[evenement].de as readonly Etat[]).includes(demande.etat));
    const historique = await deps.demandes.historique(id);
    return reply
      .status(status)
      .page(<DemandeInstructionPage ctx={request.pageContext()} demande={demande} historique={historique} possibles={possibles} nomCommune={deps.nomCommune} erreur={erreur} />);
  }

  app.get<{ Params: { id: string } }>('/instruction/:id', instructeurs, async (request, reply) => afficher(request, reply, request.params.id));

  app.post<{ Params: { id: string; evenement: string } }>('/instruction/:id/:evenement', instructeurs, async (request, reply) => {
    const evenement = EVENEMENTS_INSTRUCTION.find((e): e is Evenement => e === request.params.evenement);
    if (!evenement || !UUID.test(request.params.id)) return reply.sendPage('not-found');
    const motif = field(request.body, 'motif', 1000);
    const resultat = await deps.demandes.appliquer(request.principal!, request.params.id, evenement, { motif });
    if (!resultat.ok) {
      if (resultat.code === 'INTROUVABLE') return reply.sendPage('not-found');
      return afficher(request, reply, request.params.id, resultat.raison, 400);
    }
    return reply.redirect(`/instruction/${request.params.id}`, 303);
  });
}
