import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Principal } from '../../kernel/auth/principal.ts';
import { UUID } from '../../kernel/db/ids.ts';
import { field } from '../../kernel/http/input.ts';
import type { SessionControl } from '../../kernel/http/session-plugin.ts';
import { requireAgent } from '../../kernel/http/web-kernel.ts';
import type { ComptesService } from './comptes-service.ts';
import { ATTENTE_MINUTES, type DoubleFacteurService } from './double-facteur-service.ts';
import { ActivationPage, CodePage, CodesSecoursPage, DoubleFacteurActifPage } from './double-facteur-views.tsx';

const MESSAGES = {
  vide: 'Saisissez le code affiché par votre application d’authentification.',
  code: 'Ce code n’est pas valable : vérifiez-le (il change toutes les 30 secondes) ou utilisez un code de secours.',
  activation: 'Ce code n’est pas valable : vérifiez que l’heure du téléphone est juste, puis saisissez le code affiché maintenant.',
};

/** The agents' second factor: the code after the password, enrolment, and the admin's reset. */
export function registerDoubleFacteurRoutes(app: FastifyInstance, deps: { doubleFacteur: DoubleFacteurService; comptes: ComptesService; sessions: SessionControl }) {
  const { doubleFacteur, sessions } = deps;

  /** After the password: the session opens now, or after the second factor. */
  async function apresMotDePasse(request: FastifyRequest, reply: FastifyReply, principal: Principal) {
    const suite = await doubleFacteur.apresMotDePasse(principal);
    if (!suite) {
      await sessions.open(request, reply, principal);
      return reply.redirect('/agent', 303);
    }
    sessions.attente.poser(reply, suite.jeton, new Date(Date.now() + ATTENTE_MINUTES * 60_000));
    return reply.redirect(suite.etape === 'code' ? '/agent/connexion/code' : '/agent/double-facteur/activation', 303);
  }

  app.get('/agent/connexion/code', async (request, reply) => {
    if (!(await doubleFacteur.enAttente(sessions.attente.lire(request)))) return reply.redirect('/agent/connexion', 303);
    return reply.page(<CodePage ctx={request.pageContext()} />);
  });

  app.post('/agent/connexion/code', async (request, reply) => {
    const saisie = field(request.body, 'code', 20).trim();
    if (!saisie) return reply.status(400).page(<CodePage ctx={request.pageContext()} erreur={MESSAGES.vide} />);
    const verdict = await doubleFacteur.verifier(sessions.attente.lire(request), saisie);
    if (verdict.ok) {
      sessions.attente.effacer(reply);
      await sessions.open(request, reply, verdict.principal);
      return reply.redirect('/agent', 303);
    }
    if (verdict.raison === 'attente') return reply.redirect('/agent/connexion', 303);
    if (verdict.raison === 'throttled') return reply.sendPage('too-many');
    return reply.status(400).page(<CodePage ctx={request.pageContext()} erreur={MESSAGES.code} />);
  });

  /** Enrolment: by an agent who must have a second factor, during sign-in; or by a signed-in agent who chooses to. */
  async function enrolant(request: FastifyRequest): Promise<{ agent: Principal; enConnexion: boolean } | undefined> {
    if (request.principal?.kind === 'agent') return { agent: request.principal, enConnexion: false };
    const agent = await doubleFacteur.enAttente(sessions.attente.lire(request));
    return agent ? { agent, enConnexion: true } : undefined;
  }

  async function pageActivation(request: FastifyRequest, reply: FastifyReply, agent: Principal, erreur?: string) {
    const account = await deps.comptes.findAccount(agent.userId);
    const { secret, qr } = await doubleFacteur.proposerActivation(agent, account?.email ?? agent.displayName);
    return reply.status(erreur ? 400 : 200).page(<ActivationPage ctx={request.pageContext()} qr={qr} secret={secret} erreur={erreur} obligatoire={doubleFacteur.exige(agent)} />);
  }

  app.get('/agent/double-facteur/activation', async (request, reply) => {
    const qui = await enrolant(request);
    if (!qui) return reply.redirect('/agent/connexion', 303);
    const etat = await doubleFacteur.etat(qui.agent.userId);
    if (etat.actif) return reply.page(<DoubleFacteurActifPage ctx={request.pageContext()} codesRestants={etat.codesRestants} />);
    return pageActivation(request, reply, qui.agent);
  });

  app.post('/agent/double-facteur/activation', async (request, reply) => {
    const qui = await enrolant(request);
    if (!qui) return reply.redirect('/agent/connexion', 303);
    const saisie = field(request.body, 'code', 10).trim();
    if (!saisie) return pageActivation(request, reply, qui.agent, MESSAGES.vide);
    const resultat = await doubleFacteur.confirmerActivation(qui.agent, saisie);
    if (!resultat.ok) {
      if (resultat.raison === 'throttled') return reply.sendPage('too-many');
      if (resultat.raison === 'deja-actif') return reply.redirect('/agent/double-facteur/activation', 303);
      return pageActivation(request, reply, qui.agent, MESSAGES.activation);
    }
    if (qui.enConnexion) {
      await doubleFacteur.terminerAttente(sessions.attente.lire(request));
      sessions.attente.effacer(reply);
      await sessions.open(request, reply, qui.agent);
    }
    return reply.page(<CodesSecoursPage ctx={request.pageContext()} codes={resultat.codes} />);
  });

  app.post<{ Params: { id: string } }>('/admin/agents/:id/double-facteur', { preHandler: requireAgent('admin') }, async (request, reply) => {
    if (!UUID.test(request.params.id) || !(await doubleFacteur.reinitialiser(request.principal!, request.params.id))) return reply.sendPage('not-found');
    return reply.redirect('/admin/agents?fait=double-facteur', 303);
  });

  return { apresMotDePasse };
}
