import type { FastifyInstance, FastifyRequest } from 'fastify';
import { field } from '../../kernel/http/input.ts';
import { recordAudit } from '../../kernel/audit/audit-repository.ts';
import { isAgentRole } from '../../kernel/auth/principal.ts';
import type { Db } from '../../kernel/db/database.ts';
import { UUID } from '../../kernel/db/ids.ts';
import { requireAgent } from '../../kernel/http/web-kernel.ts';
import type { OutboxRepository } from '../../kernel/notifications/outbox-repository.ts';
import { EMAIL_PATTERN, type ComptesService } from '../comptes/index.ts';
import { AgentsPage, type AgentFormState } from './views.tsx';

export interface AdministrationDeps {
  db: Db;
  comptes: ComptesService;
  outbox: OutboxRepository;
  now: () => Date;
  /** Name of a commune from its INSEE code, when the territory reference data knows it. */
  communeName: (code: string) => string | undefined;
}

const NOTICES: Record<string, string> = {
  cree: 'Le compte est créé et l’invitation envoyée.',
  desactive: 'Le compte est désactivé ; ses sessions sont fermées.',
  'double-facteur': 'La double authentification de l’agent est réinitialisée et ses sessions sont fermées : il l’activera de nouveau à sa prochaine connexion.',
  reactive: 'Le compte est réactivé.',
  renvoye: 'Le message est de nouveau en file d’envoi.',
  'pas-en-echec': 'Ce message n’est pas en échec (déjà renvoyé ou inconnu) : rien n’a été changé.',
};

export function registerAdministrationRoutes(app: FastifyInstance, deps: AdministrationDeps) {
  const adminOnly = { preHandler: requireAgent('admin') };
  const communeLabel = (code: string) => {
    const name = deps.communeName(code);
    return name ? `${name} (${code})` : code;
  };

  async function render(request: FastifyRequest, form: AgentFormState, notice?: string) {
    const [agents, failed] = await Promise.all([deps.comptes.listAgents(), deps.outbox.list({ status: 'failed', limit: 50 })]);
    await recordAudit(deps.db, request.principal, { action: 'consulter-agents', objectType: 'compte' });
    return <AgentsPage ctx={request.pageContext()} agents={agents} failed={failed} form={form} notice={notice} communeLabel={communeLabel} />;
  }

  app.get('/admin/agents', adminOnly, async (request, reply) => {
    const key = field(request.query, 'fait', 40);
    return reply.page(await render(request, { values: {}, errors: {} }, Object.hasOwn(NOTICES, key) ? NOTICES[key] : undefined));
  });

  app.post('/admin/agents', adminOnly, async (request, reply) => {
    const body = (request.body ?? {}) as Record<string, unknown>;
    const text = (name: string) => (typeof body[name] === 'string' ? (body[name]).trim() : '');
    const values = { email: text('email'), nom: text('nom'), role: text('role'), commune: text('commune').toUpperCase(), departement: text('departement').toUpperCase() };
    const errors: AgentFormState['errors'] = {};
    if (!values.nom) errors.nom = 'Saisissez le nom et le prénom de l’agent.';
    else if (values.nom.length > 120) errors.nom = 'Le nom ne doit pas dépasser 120 caractères.';
    if (!values.email) errors.email = 'Saisissez l’adresse électronique de l’agent.';
    else if (values.email.length > 254 || !EMAIL_PATTERN.test(values.email)) errors.email = 'Saisissez une adresse électronique valide, par exemple prenom.nom@mairie.fr.';
    if (!isAgentRole(values.role)) errors.role = 'Choisissez le rôle de l’agent.';
    if (values.role === 'agent_mairie') {
      if (!values.commune) errors.commune = 'Un agent de mairie est rattaché à une commune : saisissez son code INSEE.';
      else if (!/^(\d{5}|2[AB]\d{3})$/.test(values.commune)) errors.commune = 'Le code INSEE comporte 5 caractères, par exemple 24322.';
      else if (!deps.communeName(values.commune)) errors.commune = 'Aucune commune connue ne porte ce code INSEE.';
    }
    if (values.role === 'instructeur' || values.role === 'agent_prefecture') {
      if (!/^(\d{2}|2[AB]|97\d)$/.test(values.departement)) errors.departement = 'Saisissez le code du département de rattachement, par exemple 24.';
    }
    if (Object.keys(errors).length > 0 || !isAgentRole(values.role)) {
      return reply.status(400).page(await render(request, { values, errors }));
    }
    const outcome = await deps.comptes.inviteAgent(request.principal!, {
      email: values.email,
      displayName: values.nom,
      role: values.role,
      communeInsee: values.role === 'agent_mairie' ? values.commune : null,
      departement: values.role === 'agent_mairie' ? values.commune.slice(0, values.commune.startsWith('97') ? 3 : 2) : values.role === 'admin' ? null : values.departement,
    });
    if (!outcome.ok && outcome.reason === 'throttled') {
      const minutes = Math.max(1, Math.ceil(outcome.retryAfterSeconds / 60));
      const message = `Vous avez envoyé beaucoup d’invitations en peu de temps : pour protéger les messageries, réessayez dans ${minutes} minute${minutes > 1 ? 's' : ''}.`;
      reply.header('retry-after', String(outcome.retryAfterSeconds));
      return reply.status(429).page(await render(request, { values, errors: { email: message } }));
    }
    if (!outcome.ok) {
      return reply.status(400).page(await render(request, { values, errors: { email: 'Un compte existe déjà avec cette adresse électronique.' } }));
    }
    return reply.redirect('/admin/agents?fait=cree', 303);
  });

  for (const [action, status, notice] of [
    ['desactiver', 'disabled', 'desactive'],
    ['reactiver', 'active', 'reactive'],
  ] as const) {
    app.post<{ Params: { id: string } }>(`/admin/agents/:id/${action}`, adminOnly, async (request, reply) => {
      if (!UUID.test(request.params.id)) return reply.sendPage('not-found');
      const done = await deps.comptes.setAgentStatus(request.principal!, request.params.id, status);
      if (!done) return reply.sendPage('not-found');
      return reply.redirect(`/admin/agents?fait=${notice}`, 303);
    });
  }

  app.post<{ Params: { id: string } }>('/admin/messages/:id/renvoyer', adminOnly, async (request, reply) => {
    if (!UUID.test(request.params.id)) return reply.sendPage('not-found');
    const requeued = await deps.outbox.retryFailed(request.params.id, deps.now());
    await recordAudit(deps.db, request.principal, { action: 'renvoyer-message', objectType: 'notification', objectId: request.params.id, outcome: requeued ? 'succes' : 'refus' });
    return reply.redirect(`/admin/agents?fait=${requeued ? 'renvoye' : 'pas-en-echec'}`, 303);
  });
}
