import type { PageContext } from '../../kernel/views/page-context.ts';
import { Layout } from '../../kernel/views/layout.tsx';
import { Alert, ErrorSummary } from '../../kernel/views/components/alert.tsx';
import { CsrfField } from '../../kernel/views/components/csrf-field.tsx';
import { Input } from '../../kernel/views/components/input.tsx';
import { MIN_LENGTH } from '../../kernel/auth/passwords.ts';

export interface LoginFormState {
  email?: string;
  errors?: { email?: string; password?: string };
  failure?: 'invalid' | 'throttled';
}

export function LoginPage({ ctx, kind, state }: { ctx: PageContext; kind: 'usager' | 'agent'; state: LoginFormState }) {
  const title = kind === 'agent' ? 'Connexion à l’espace agents' : 'Se connecter à Mon espace identité';
  const action = kind === 'agent' ? '/agent/connexion' : '/connexion';
  return (
    <Layout ctx={ctx} title={title}>
      <div class="fr-grid-row fr-grid-row--center">
        <div class="fr-col-12 fr-col-md-8 fr-col-lg-6">
          <h1>{title}</h1>
          {state.failure === 'invalid' ? (
            <Alert type="error" title="Connexion impossible">
              <p>Adresse électronique ou mot de passe incorrect.</p>
            </Alert>
          ) : null}
          {state.failure === 'throttled' ? (
            <Alert type="error" title="Trop de tentatives">
              <p>Trop de tentatives de connexion depuis cet appareil. Patientez 15 minutes avant de réessayer.</p>
            </Alert>
          ) : null}
          <ErrorSummary errors={state.errors ?? {}} />
          <form method="post" action={action} novalidate>
            <CsrfField token={ctx.csrfToken} />
            <fieldset class="fr-fieldset">
              <legend class="fr-fieldset__legend">Vos identifiants</legend>
              <div class="fr-fieldset__element">
                <Input
                  name="email"
                  label="Adresse électronique"
                  hint="Format attendu : nom@domaine.fr"
                  type="email"
                  autocomplete="email"
                  value={state.email}
                  error={state.errors?.email}
                  maxlength={254}
                />
              </div>
              <div class="fr-fieldset__element">
                <Input name="password" label="Mot de passe" type="password" autocomplete="current-password" error={state.errors?.password} maxlength={256} />
              </div>
            </fieldset>
            <ul class="fr-btns-group">
              <li>
                <button class="fr-btn" type="submit">
                  Se connecter
                </button>
              </li>
            </ul>
          </form>
          {kind === 'agent' ? (
            <p class="fr-text--sm">Votre compte agent est créé par l’administrateur de la plateforme : vous recevez un lien par courriel pour choisir votre mot de passe.</p>
          ) : (
            <>
              <p>
                <a href="/mot-de-passe-oublie">Mot de passe oublié ?</a>
              </p>
              <p>
                Pas encore de compte ? <a href="/inscription">Créer mon compte</a> · <a href="/inscription/renvoyer">Recevoir un nouveau lien d’activation</a>
              </p>
              <p class="fr-text--sm">
                Vous êtes agent de mairie ou de préfecture ? <a href="/agent/connexion">Connectez-vous à l’espace agents</a>.
              </p>
            </>
          )}
        </div>
      </div>
    </Layout>
  );
}

export function InvitationPage({ ctx, token, state }: { ctx: PageContext; token: string | null; state: { error?: string; invalid?: boolean } }) {
  return (
    <Layout ctx={ctx} title="Activer votre compte agent">
      <div class="fr-grid-row fr-grid-row--center">
        <div class="fr-col-12 fr-col-md-8 fr-col-lg-6">
          <h1>Activer votre compte agent</h1>
          {state.invalid || !token ? (
            <Alert type="error" title="Lien invalide ou expiré">
              <p>Ce lien d’activation n’est plus valable. Demandez à l’administrateur de vous envoyer une nouvelle invitation.</p>
            </Alert>
          ) : (
            <>
              <ErrorSummary errors={{ password: state.error }} />
              <form method="post" action="/compte/invitation" novalidate>
                <CsrfField token={ctx.csrfToken} />
                <input type="hidden" name="jeton" value={token} />
                <Input
                  name="password"
                  label="Choisissez votre mot de passe"
                  hint={`Au moins ${MIN_LENGTH.agent} caractères. Une phrase de plusieurs mots est à la fois solide et facile à retenir.`}
                  type="password"
                  autocomplete="new-password"
                  error={state.error}
                  maxlength={256}
                />
                <button class="fr-btn" type="submit">
                  Activer mon compte
                </button>
              </form>
            </>
          )}
        </div>
      </div>
    </Layout>
  );
}

export function InvitationDonePage({ ctx }: { ctx: PageContext }) {
  return (
    <Layout ctx={ctx} title="Compte activé">
      <h1>Compte activé</h1>
      <Alert type="success" title="Votre mot de passe est enregistré">
        <p>Vous pouvez maintenant vous connecter à l’espace agents.</p>
      </Alert>
      <a class="fr-btn" href="/agent/connexion">
        Se connecter
      </a>
    </Layout>
  );
}
