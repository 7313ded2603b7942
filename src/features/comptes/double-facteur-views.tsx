import type { PageContext } from '../../kernel/views/page-context.ts';
import { Layout } from '../../kernel/views/layout.tsx';
import { Alert, ErrorSummary } from '../../kernel/views/components/alert.tsx';
import { CsrfField } from '../../kernel/views/components/csrf-field.tsx';
import { Input } from '../../kernel/views/components/input.tsx';

const INDICATION_CODE = 'Les 6 chiffres affichés par votre application d’authentification, ou l’un de vos codes de secours (par exemple ABCD-EFGH).';

function Colonne({ children }: { children: preact.ComponentChildren }) {
  return (
    <div class="fr-grid-row fr-grid-row--center">
      <div class="fr-col-12 fr-col-md-8 fr-col-lg-6">{children}</div>
    </div>
  );
}

function Bouton({ label }: { label: string }) {
  return (
    <ul class="fr-btns-group">
      <li>
        <button class="fr-btn" type="submit">
          {label}
        </button>
      </li>
    </ul>
  );
}

/** Second step of an agent's sign-in. */
export function CodePage({ ctx, erreur }: { ctx: PageContext; erreur?: string | undefined }) {
  return (
    <Layout ctx={ctx} title="Code de vérification">
      <Colonne>
        <h1>Code de vérification</h1>
        <p>Votre mot de passe est correct. Pour terminer la connexion, saisissez le code de votre application d’authentification.</p>
        <ErrorSummary errors={erreur ? { code: erreur } : {}} />
        <form method="post" action="/agent/connexion/code" novalidate>
          <CsrfField token={ctx.csrfToken} />
          <Input name="code" label="Code de vérification" hint={INDICATION_CODE} autocomplete="one-time-code" error={erreur} maxlength={20} />
          <Bouton label="Valider" />
        </form>
        <p class="fr-text--sm">
          Téléphone perdu et plus de code de secours : demandez à l’administrateur de réinitialiser votre double authentification.
        </p>
      </Colonne>
    </Layout>
  );
}

/** Enrolment: the QR code and the secret, then the first code. */
export function ActivationPage({ ctx, qr, secret, erreur, obligatoire }: { ctx: PageContext; qr: string; secret: string; erreur?: string | undefined; obligatoire: boolean }) {
  return (
    <Layout ctx={ctx} title="Activer la double authentification">
      <Colonne>
        <h1>Activer la double authentification</h1>
        <p>
          {obligatoire
            ? 'Votre rôle donne accès à des données personnelles : un mot de passe seul ne suffit pas. '
            : 'Un mot de passe volé ne suffira plus pour ouvrir votre session. '}
          Il vous faut une application d’authentification sur votre téléphone (par exemple FreeOTP, Aegis ou celle de votre système).
        </p>
        <ol>
          <li>Dans l’application, ajoutez un compte en scannant ce QR code.</li>
          <li>Saisissez ci-dessous le code à 6 chiffres qu’elle affiche.</li>
        </ol>
        <p>
          <img src={qr} alt="QR code à scanner avec votre application d’authentification" width={220} height={220} />
        </p>
        <p>
          Sans appareil photo, saisissez cette clé dans l’application : <code id="secret-totp">{secret.replace(/(.{4})/g, '$1 ').trim()}</code>
        </p>
        <ErrorSummary errors={erreur ? { code: erreur } : {}} />
        <form method="post" action="/agent/double-facteur/activation" novalidate>
          <CsrfField token={ctx.csrfToken} />
          <Input name="code" label="Code à 6 chiffres" hint="Le code affiché par l’application, qui change toutes les 30 secondes." autocomplete="one-time-code" inputmode="numeric" error={erreur} maxlength={10} />
          <Bouton label="Activer" />
        </form>
      </Colonne>
    </Layout>
  );
}

export function DoubleFacteurActifPage({ ctx, codesRestants }: { ctx: PageContext; codesRestants: number }) {
  return (
    <Layout ctx={ctx} title="Double authentification">
      <Colonne>
        <h1>Double authentification</h1>
        <Alert type="success" title="La double authentification est active">
          <p>
            Chaque connexion demande le code de votre application. Codes de secours non utilisés : {codesRestants}.
          </p>
        </Alert>
        <p>Téléphone perdu ou changé : l’administrateur réinitialise votre double authentification, puis vous l’activez de nouveau.</p>
        <p>
          <a class="fr-link" href="/agent">
            Retour à l’espace agents
          </a>
        </p>
      </Colonne>
    </Layout>
  );
}

/** Shown once: the ten recovery codes. */
export function CodesSecoursPage({ ctx, codes }: { ctx: PageContext; codes: string[] }) {
  return (
    <Layout ctx={ctx} title="Vos codes de secours">
      <Colonne>
        <h1>Double authentification activée</h1>
        <Alert type="warning" title="Notez vos codes de secours maintenant">
          <p>Ils ne seront plus affichés. Chacun ouvre une seule connexion si vous n’avez plus votre téléphone. Gardez-les sur papier, pas sur ce poste.</p>
        </Alert>
        <ul id="codes-secours">
          {codes.map((code) => (
            <li>
              <code>{code}</code>
            </li>
          ))}
        </ul>
        <p>
          <a class="fr-btn" href="/agent">
            Continuer vers l’espace agents
          </a>
        </p>
      </Colonne>
    </Layout>
  );
}
