import type { FastifyInstance } from 'fastify';
import { field } from '../../kernel/http/input.ts';
import type { SessionControl } from '../../kernel/http/session-plugin.ts';
import type { ComptesService } from './comptes-service.ts';
import { registerDoubleFacteurRoutes } from './double-facteur-routes.tsx';
import type { DoubleFacteurService } from './double-facteur-service.ts';
import { InvitationDonePage, InvitationPage, LoginPage, type LoginFormState } from './views.tsx';

export const EMAIL_PATTERN = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;


export function registerComptesRoutes(app: FastifyInstance, deps: { comptes: ComptesService; sessions: SessionControl; doubleFacteur: DoubleFacteurService }) {
  const { apresMotDePasse } = registerDoubleFacteurRoutes(app, { doubleFacteur: deps.doubleFacteur, comptes: deps.comptes, sessions: deps.sessions });
  for (const kind of ['usager', 'agent'] as const) {
    const path = kind === 'agent' ? '/agent/connexion' : '/connexion';
    const home = kind === 'agent' ? '/agent' : '/mon-espace';

    app.get(path, async (request, reply) => {
      if (request.principal?.kind === kind) return reply.redirect(home);
      return reply.page(<LoginPage ctx={request.pageContext()} kind={kind} state={{}} />);
    });

    app.post(path, async (request, reply) => {
      const email = field(request.body, 'email').trim();
      const password = field(request.body, 'password', 1024);
      const state: LoginFormState = { email, errors: {} };
      if (!email) state.errors!.email = 'Saisissez votre adresse électronique.';
      else if (email.length > 254 || !EMAIL_PATTERN.test(email)) state.errors!.email = 'Saisissez une adresse électronique valide, par exemple nom@domaine.fr.';
      if (!password) state.errors!.password = 'Saisissez votre mot de passe.';
      if (state.errors!.email || state.errors!.password) {
        return reply.status(400).page(<LoginPage ctx={request.pageContext()} kind={kind} state={state} />);
      }
      const outcome = await deps.comptes.login(kind, email, password.slice(0, 256), request.ip);
      if (!outcome.ok) {
        const status = outcome.reason === 'throttled' ? 429 : 401;
        if (outcome.retryAfterSeconds) reply.header('retry-after', String(outcome.retryAfterSeconds));
        return reply.status(status).page(<LoginPage ctx={request.pageContext()} kind={kind} state={{ email, failure: outcome.reason }} />);
      }
      // An agent's session may wait for the second factor.
      if (kind === 'agent') return apresMotDePasse(request, reply, outcome.principal);
      await deps.sessions.open(request, reply, outcome.principal);
      return reply.redirect(home, 303);
    });
  }

  app.post('/deconnexion', async (request, reply) => {
    const wasAgent = request.principal?.kind === 'agent';
    await deps.sessions.close(request, reply);
    return reply.redirect(wasAgent ? '/agent/connexion' : '/', 303);
  });

  app.get('/compte/invitation', async (request, reply) => {
    const token = field(request.query, 'jeton');
    const valid = token.length > 0 && token.length <= 64 && (await deps.comptes.invitationIsValid(token));
    return reply.page(<InvitationPage ctx={request.pageContext()} token={valid ? token : null} state={{ invalid: !valid }} />);
  });

  app.post('/compte/invitation', async (request, reply) => {
    const token = field(request.body, 'jeton').slice(0, 64);
    const password = field(request.body, 'password', 1024);
    if (!password) {
      return reply.status(400).page(<InvitationPage ctx={request.pageContext()} token={token} state={{ error: 'Choisissez un mot de passe.' }} />);
    }
    const outcome = await deps.comptes.acceptInvitation(token, password);
    if (outcome.ok) return reply.page(<InvitationDonePage ctx={request.pageContext()} />);
    if (outcome.reason === 'weak') {
      return reply.status(400).page(<InvitationPage ctx={request.pageContext()} token={token} state={{ error: outcome.message }} />);
    }
    return reply.status(400).page(<InvitationPage ctx={request.pageContext()} token={null} state={{ invalid: true }} />);
  });
}
