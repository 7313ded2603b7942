import type { PageContext } from '../../kernel/views/page-context.ts';
import { Layout } from '../../kernel/views/layout.tsx';
import { Alert, ErrorSummary } from '../../kernel/views/components/alert.tsx';
import { CsrfField } from '../../kernel/views/components/csrf-field.tsx';
import { Input } from '../../kernel/views/components/input.tsx';
import { Select } from '../../kernel/views/components/select.tsx';
import { AGENT_ROLES, ROLE_LABELS } from '../../kernel/auth/principal.ts';
import type { NotificationRow } from '../../kernel/notifications/outbox-repository.ts';
import type { Account } from '../comptes/index.ts';

export interface AgentFormState {
  values: { email?: string; nom?: string; role?: string; commune?: string; departement?: string };
  errors: { email?: string; nom?: string; role?: string; commune?: string; departement?: string };
}

const STATUS_LABELS = { pending: 'Invitation envoyée', active: 'Actif', disabled: 'Désactivé' } as const;

export function AgentsPage(props: {
  ctx: PageContext;
  agents: Account[];
  failed: NotificationRow[];
  form: AgentFormState;
  notice?: string | undefined;
  communeLabel: (code: string) => string;
}) {
  const { ctx, agents, form } = props;
  return (
    <Layout ctx={ctx} title="Administration — agents">
      <h1>Agents de la plateforme</h1>
      {props.notice ? (
        <Alert type="success" title="C’est fait">
          <p>{props.notice}</p>
        </Alert>
      ) : null}
      <div class="fr-table fr-mb-5w">
        {/* Focusable: on a narrow screen the table scrolls sideways and a keyboard must reach it (axe: scrollable-region-focusable). */}
        <table tabindex={0}>
          <caption>Comptes agents ({agents.length})</caption>
          <thead>
            <tr>
              <th scope="col">Nom</th>
              <th scope="col">Adresse électronique</th>
              <th scope="col">Rôle</th>
              <th scope="col">Rattachement</th>
              <th scope="col">État</th>
              <th scope="col">Action</th>
            </tr>
          </thead>
          <tbody>
            {agents.map((agent) => (
              <tr>
                <td>{agent.displayName}</td>
                <td>{agent.email}</td>
                <td>{agent.role ? ROLE_LABELS[agent.role] : ''}</td>
                <td>{agent.communeInsee ? props.communeLabel(agent.communeInsee) : agent.departement ? `Département ${agent.departement}` : 'National'}</td>
                <td>{STATUS_LABELS[agent.status]}</td>
                <td>
                  {agent.id === ctx.principal?.userId ? (
                    'Vous'
                  ) : agent.status === 'disabled' ? (
                    <form method="post" action={`/admin/agents/${agent.id}/reactiver`}>
                      <CsrfField token={ctx.csrfToken} />
                      <button class="fr-btn fr-btn--sm fr-btn--secondary" type="submit">
                        Réactiver<span class="fr-sr-only"> {agent.displayName}</span>
                      </button>
                    </form>
                  ) : (
                    <>
                      <form method="post" action={`/admin/agents/${agent.id}/desactiver`}>
                        <CsrfField token={ctx.csrfToken} />
                        <button class="fr-btn fr-btn--sm fr-btn--tertiary" type="submit">
                          Désactiver<span class="fr-sr-only"> {agent.displayName}</span>
                        </button>
                      </form>
                      <form method="post" action={`/admin/agents/${agent.id}/double-facteur`}>
                        <CsrfField token={ctx.csrfToken} />
                        <button class="fr-btn fr-btn--sm fr-btn--tertiary" type="submit">
                          Réinitialiser la double authentification<span class="fr-sr-only"> de {agent.displayName}</span>
                        </button>
                      </form>
                    </>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>

      <h2 id="nouvel-agent">Créer un compte agent</h2>
      <p>L’agent reçoit par courriel un lien à usage unique pour choisir son mot de passe.</p>
      <ErrorSummary errors={form.errors} />
      <form method="post" action="/admin/agents" novalidate class="fr-mb-5w">
        <CsrfField token={ctx.csrfToken} />
        <Input name="nom" label="Nom et prénom" value={form.values.nom} error={form.errors.nom} autocomplete="off" maxlength={120} />
        <Input name="email" label="Adresse électronique professionnelle" type="email" value={form.values.email} error={form.errors.email} autocomplete="off" maxlength={254} />
        <Select
          name="role"
          label="Rôle"
          options={AGENT_ROLES.map((role) => ({ value: role, label: ROLE_LABELS[role] }))}
          value={form.values.role}
          error={form.errors.role}
        />
        <Input
          name="commune"
          label="Commune de rattachement (agent de mairie)"
          hint="Code INSEE de la commune, par exemple 24322 pour Périgueux"
          value={form.values.commune}
          error={form.errors.commune}
          inputmode="text"
          maxlength={5}
        />
        <Input
          name="departement"
          label="Département de rattachement (préfecture, instruction)"
          hint="Code du département, par exemple 24"
          value={form.values.departement}
          error={form.errors.departement}
          maxlength={3}
        />
        <button class="fr-btn" type="submit">
          Créer le compte et envoyer l’invitation
        </button>
      </form>

      <h2>Messages en échec</h2>
      {props.failed.length === 0 ? (
        <p>Aucun message en échec.</p>
      ) : (
        <div class="fr-table">
          <table tabindex={0}>
            <caption>Messages non remis après toutes les tentatives</caption>
            <thead>
              <tr>
                <th scope="col">Créé le</th>
                <th scope="col">Canal</th>
                <th scope="col">Modèle</th>
                <th scope="col">Tentatives</th>
                <th scope="col">Dernière erreur</th>
                <th scope="col">Action</th>
              </tr>
            </thead>
            <tbody>
              {props.failed.map((row) => (
                <tr>
                  <td>{row.createdAt.toLocaleString('fr-FR', { timeZone: 'Europe/Paris' })}</td>
                  <td>{row.channel === 'email' ? 'Courriel' : 'SMS'}</td>
                  <td>{row.template}</td>
                  <td>{row.attempts}</td>
                  <td>{row.lastError}</td>
                  <td>
                    <form method="post" action={`/admin/messages/${row.id}/renvoyer`}>
                      <CsrfField token={ctx.csrfToken} />
                      <button class="fr-btn fr-btn--sm fr-btn--secondary" type="submit">
                        Renvoyer
                      </button>
                    </form>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </Layout>
  );
}
