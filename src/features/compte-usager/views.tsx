import { MIN_LENGTH } from '../../kernel/auth/passwords.ts';
import type { Children } from '../../kernel/views/html.ts';
import { Layout } from '../../kernel/views/layout.tsx';
import type { PageContext } from '../../kernel/views/page-context.ts';
import { Alert, ErrorSummary } from '../../kernel/views/components/alert.tsx';
import { CsrfField } from '../../kernel/views/components/csrf-field.tsx';
import { Input, type InputProps } from '../../kernel/views/components/input.tsx';
import { ACTIVATION_HOURS, REINITIALISATION_MINUTES } from './compte-usager-service.ts';

export const PASSWORD_HINT = `Au moins ${MIN_LENGTH.usager} caractères. Une phrase de plusieurs mots est à la fois solide et facile à retenir.`;

export interface FormPageProps {
  ctx: PageContext;
  title: string;
  action: string;
  submit: string;
  fields: InputProps[];
  errors?: Record<string, string | undefined>;
  hidden?: Record<string, string>;
  before?: Children;
  after?: Children;
}

/** A page holding one small form: sign-up, forgotten password, new link… */
export function FormPage({ ctx, title, action, submit, fields, errors = {}, hidden = {}, before, after }: FormPageProps) {
  const hasErrors = Object.values(errors).some(Boolean);
  return (
    <Layout ctx={ctx} title={`${hasErrors ? 'Erreur : ' : ''}${title}`}>
      <div class="fr-grid-row fr-grid-row--center">
        <div class="fr-col-12 fr-col-md-8 fr-col-lg-6">
          <h1>{title}</h1>
          {before}
          <ErrorSummary errors={errors} />
          <form method="post" action={action} novalidate>
            <CsrfField token={ctx.csrfToken} />
            {Object.entries(hidden).map(([name, value]) => (
              <input type="hidden" name={name} value={value} />
            ))}
            {fields.map((field) => (
              <Input {...field} error={errors[field.name]} />
            ))}
            <button class="fr-btn" type="submit">
              {submit}
            </button>
          </form>
          {after}
        </div>
      </div>
    </Layout>
  );
}

export const emailField = (value?: string, label = 'Adresse électronique'): InputProps => ({
  name: 'email',
  label,
  hint: 'Format attendu : nom@domaine.fr',
  type: 'email',
  autocomplete: 'email',
  value,
  maxlength: 254,
});

export const newPasswordField = (label = 'Mot de passe'): InputProps => ({
  name: 'password',
  label,
  hint: PASSWORD_HINT,
  type: 'password',
  autocomplete: 'new-password',
  maxlength: 256,
});

// One per form on the same page, hence a name (and so an id) for each.
export const currentPasswordField = (form: string): InputProps => ({
  name: `motDePasse-${form}`,
  label: 'Votre mot de passe actuel',
  hint: 'Nous le redemandons pour protéger votre compte.',
  type: 'password',
  autocomplete: 'current-password',
  maxlength: 256,
});

export function InscriptionPage({ ctx, email, errors }: { ctx: PageContext; email?: string; errors?: Record<string, string | undefined> }) {
  return (
    <FormPage
      ctx={ctx}
      title="Créer mon compte"
      action="/inscription"
      submit="Créer mon compte"
      fields={[emailField(email), newPasswordField()]}
      errors={errors ?? {}}
      before={
        <p class="fr-text--lead">
          Votre compte vous permet de faire votre pré-demande de carte d’identité ou de passeport, et celles de vos enfants mineurs.
        </p>
      }
      after={
        <p class="fr-mt-3w">
          Vous avez déjà un compte ? <a href="/connexion">Connectez-vous</a>.
        </p>
      }
    />
  );
}

const ENVOI_TEXTE = {
  inscription: `Si cette adresse peut être utilisée, vous allez recevoir un courriel avec un lien pour activer votre compte. Ce lien est valable ${ACTIVATION_HOURS} heures.`,
  activation: `Si un compte en attente d’activation existe pour cette adresse, un nouveau lien vient d’être envoyé. Il est valable ${ACTIVATION_HOURS} heures ; les liens précédents ne fonctionnent plus.`,
  reinitialisation: `Si un compte actif existe pour cette adresse, vous allez recevoir un courriel avec un lien pour choisir un nouveau mot de passe. Ce lien est valable ${REINITIALISATION_MINUTES} minutes.`,
} as const;

/** The same page whether or not the address has an account: nothing tells them apart. */
export function EnvoiPage({ ctx, kind }: { ctx: PageContext; kind: keyof typeof ENVOI_TEXTE }) {
  return (
    <Layout ctx={ctx} title="Consultez votre messagerie">
      <h1>Consultez votre messagerie</h1>
      <Alert type="info" title="Un courriel est en route">
        <p>{ENVOI_TEXTE[kind]}</p>
      </Alert>
      <p>Pensez à regarder dans les courriers indésirables. Rien reçu après quelques minutes ?</p>
      <ul>
        <li>
          <a href="/inscription/renvoyer">Recevoir un nouveau lien d’activation</a>
        </li>
        <li>
          <a href="/mot-de-passe-oublie">J’ai oublié mon mot de passe</a>
        </li>
      </ul>
    </Layout>
  );
}

export function MessagePage({ ctx, title, type, text, link }: { ctx: PageContext; title: string; type: 'success' | 'error'; text: string; link: { href: string; label: string } }) {
  return (
    <Layout ctx={ctx} title={title}>
      <h1>{title}</h1>
      <Alert type={type} title={title}>
        <p>{text}</p>
      </Alert>
      <a class="fr-btn" href={link.href}>
        {link.label}
      </a>
    </Layout>
  );
}

export const LIEN_INVALIDE = 'Ce lien n’est plus valable : il a déjà servi ou il a expiré.';
