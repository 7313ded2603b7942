import type { AgentApiToken } from '../../kernel/auth/agent-api-tokens-repository.ts';
import { Alert, ErrorSummary } from '../../kernel/views/components/alert.tsx';
import { CsrfField } from '../../kernel/views/components/csrf-field.tsx';
import { Input } from '../../kernel/views/components/input.tsx';
import { Select } from '../../kernel/views/components/select.tsx';
import { Layout } from '../../kernel/views/layout.tsx';
import type { PageContext } from '../../kernel/views/page-context.ts';
import { DUREE_PAR_DEFAUT, DUREES, estActif, type Erreurs, type Saisie } from './jetons-service.ts';

const jour = new Intl.DateTimeFormat('fr-FR', { dateStyle: 'long', timeZone: 'Europe/Paris' });
const instant = new Intl.DateTimeFormat('fr-FR', { dateStyle: 'short', timeStyle: 'short', timeZone: 'Europe/Paris' });

export interface JetonsPageProps {
  ctx: PageContext;
  /** `agent`: my own tokens; `admin`: every agent's, and tokens made for an agent. */
  mode: 'agent' | 'admin';
  jetons: AgentApiToken[];
  now: Date;
  agents?: Array<{ id: string; displayName: string; communeInsee: string | null }>;
  cree?: { jeton: string; nom: string; expireLe: Date; titulaire: string } | undefined;
  saisie?: Partial<Saisie> | undefined;
  erreurs?: Erreurs | undefined;
}

function Statut({ jeton, now }: { jeton: AgentApiToken; now: Date }) {
  if (jeton.revokedAt) return <p class="fr-badge fr-badge--sm fr-badge--error">Révoqué le {jour.format(jeton.revokedAt)}</p>;
  if (jeton.expiresAt <= now) return <p class="fr-badge fr-badge--sm fr-badge--warning">Expiré</p>;
  return <p class="fr-badge fr-badge--sm fr-badge--success">Actif</p>;
}

/** Create, list and revoke personal API tokens. The token itself appears once, right after creation. */
export function JetonsPage({ ctx, mode, jetons, now, agents = [], cree, saisie = {}, erreurs = {} }: JetonsPageProps) {
  const action = mode === 'admin' ? '/admin/jetons-api' : '/agent/jetons-api';
  const enErreur = Object.values(erreurs).some(Boolean);
  const titre = mode === 'admin' ? 'Jetons d’API des agents' : 'Mes jetons d’accès à l’API';
  return (
    <Layout ctx={ctx} title={`${enErreur ? 'Erreur : ' : ''}${titre}`}>
      <h1>{titre}</h1>
      <p>
        Un jeton permet au logiciel de la mairie de vérifier et de consommer les timbres fiscaux par l’
        <a href="/api/agent/timbres/openapi.json">API des timbres (description OpenAPI)</a> au nom {mode === 'admin' ? 'de l’agent titulaire' : 'de votre compte'}, avec les mêmes droits
        que {mode === 'admin' ? 'lui' : 'vous'}. Chaque appel est inscrit au journal. Le logiciel l’envoie dans l’en-tête <code>Authorization: Bearer</code> suivi du jeton.
      </p>
      {cree ? (
        <Alert type="success" title={`Jeton « ${cree.nom} » créé pour ${cree.titulaire}`}>
          <p>Copiez-le maintenant : il ne sera plus jamais affiché. Valable jusqu’au {jour.format(cree.expireLe)}.</p>
          <div class="fr-input-group">
            <label class="fr-label" for="jeton-cree">
              Jeton d’accès
            </label>
            <input class="fr-input" id="jeton-cree" type="text" readonly value={cree.jeton} autocomplete="off" spellcheck={false} />
          </div>
        </Alert>
      ) : null}
      <ErrorSummary errors={erreurs} />
      <h2>Créer un jeton</h2>
      <form method="post" action={action} novalidate class="fr-mb-6w">
        <CsrfField token={ctx.csrfToken} />
        {mode === 'admin' ? (
          <Select
            name="agent"
            label="Agent de mairie titulaire"
            options={agents.map((a) => ({ value: a.id, label: `${a.displayName}${a.communeInsee ? ` (commune ${a.communeInsee})` : ''}` }))}
            value={saisie.agent}
            error={erreurs.agent}
            placeholder="Choisir l’agent"
          />
        ) : null}
        <Input name="nom" label="Nom du jeton" hint="Pour le reconnaître dans la liste, par exemple « Poste accueil 1 »" value={saisie.nom} error={erreurs.nom} maxlength={80} />
        <Select name="duree" label="Durée de validité" options={DUREES} value={saisie.duree ?? DUREE_PAR_DEFAUT} error={erreurs.duree} />
        <button class="fr-btn" type="submit">
          Créer le jeton
        </button>
      </form>
      <h2>{mode === 'admin' ? 'Tous les jetons' : 'Mes jetons'}</h2>
      {jetons.length === 0 ? (
        <p>Aucun jeton pour le moment.</p>
      ) : (
        <div class="fr-table">
          <table>
            <caption class="fr-sr-only">{mode === 'admin' ? 'Jetons des agents' : 'Mes jetons'}, du plus récent au plus ancien</caption>
            <thead>
              <tr>
                <th scope="col">Nom</th>
                {mode === 'admin' ? <th scope="col">Agent</th> : null}
                <th scope="col">Créé le</th>
                <th scope="col">Expire le</th>
                <th scope="col">Dernière utilisation</th>
                <th scope="col">Statut</th>
                <th scope="col">Action</th>
              </tr>
            </thead>
            <tbody>
              {jetons.map((j) => (
                <tr>
                  <td>{j.nom}</td>
                  {mode === 'admin' ? <td>{j.agentName}</td> : null}
                  <td>{jour.format(j.createdAt)}</td>
                  <td>{jour.format(j.expiresAt)}</td>
                  <td>{j.lastUsedAt ? instant.format(j.lastUsedAt) : 'Jamais'}</td>
                  <td>
                    <Statut jeton={j} now={now} />
                  </td>
                  <td>
                    {estActif(j, now) ? (
                      <form method="post" action={`${action}/${j.id}/revoquer`}>
                        <CsrfField token={ctx.csrfToken} />
                        <button class="fr-btn fr-btn--sm fr-btn--tertiary" type="submit">
                          Révoquer<span class="fr-sr-only"> le jeton {j.nom}</span>
                        </button>
                      </form>
                    ) : null}
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
