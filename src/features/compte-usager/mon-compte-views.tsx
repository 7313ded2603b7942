import { formaterMobile } from '../../kernel/telephone/mobile.ts';
import { Layout } from '../../kernel/views/layout.tsx';
import type { PageContext } from '../../kernel/views/page-context.ts';
import { Alert, ErrorSummary } from '../../kernel/views/components/alert.tsx';
import { CsrfField } from '../../kernel/views/components/csrf-field.tsx';
import { Input } from '../../kernel/views/components/input.tsx';
import { currentPasswordField, emailField } from './views.tsx';

export interface MonCompteState {
  form?: 'adresse' | 'telephone' | 'supprimer';
  values?: Record<string, string>;
  errors?: Record<string, string>;
  done?: 'adresse' | 'telephone' | undefined;
}

export function MonComptePage({ ctx, email, mobile, state }: { ctx: PageContext; email: string; mobile: string | undefined; state: MonCompteState }) {
  // Only the form that was sent shows its errors: the others stay clean.
  const errorsOf = (form: MonCompteState['form']) => (state.form === form ? (state.errors ?? {}) : {});
  const valueOf = (form: MonCompteState['form'], name: string) => (state.form === form ? state.values?.[name] : undefined);
  return (
    <Layout ctx={ctx} title={`${state.errors ? 'Erreur : ' : ''}Mon compte`}>
      <p>
        <a class="fr-link fr-icon-arrow-left-line fr-link--icon-left" href="/mon-espace">
          Mon espace identité
        </a>
      </p>
      <h1>Mon compte</h1>
      {state.done ? (
        state.done === 'adresse' ? (
          <Alert type="success" title="Confirmez votre nouvelle adresse">
            <p>Nous avons envoyé un lien à la nouvelle adresse. Le changement ne prendra effet que lorsque vous l’aurez ouvert. D’ici là, continuez à utiliser l’adresse actuelle ; elle est informée de cette demande.</p>
          </Alert>
        ) : (
          <Alert type="success" title="Numéro de mobile modifié">
            <p>Un courriel en informe l’adresse qui était enregistrée.</p>
          </Alert>
        )
      ) : null}
      <ErrorSummary errors={state.errors ?? {}} />

      <section class="fr-mb-6w">
        <h2>Adresse électronique</h2>
        <p>
          Adresse actuelle : <strong>{email}</strong>
        </p>
        <p>Un lien de confirmation est envoyé à la nouvelle adresse : le changement a lieu quand vous l’ouvrez.</p>
        <form method="post" action="/mon-compte/adresse" novalidate>
          <CsrfField token={ctx.csrfToken} />
          <Input {...emailField(valueOf('adresse', 'email'), 'Nouvelle adresse électronique')} error={errorsOf('adresse').email} />
          <Input {...currentPasswordField('adresse')} error={errorsOf('adresse')['motDePasse-adresse']} />
          <button class="fr-btn fr-btn--secondary" type="submit">
            Changer d’adresse
          </button>
        </form>
      </section>

      <section class="fr-mb-6w">
        <h2>Numéro de mobile</h2>
        <p>{mobile ? `Numéro actuel : ${formaterMobile(mobile)}` : 'Aucun numéro enregistré.'} Il sert à vous prévenir par SMS quand votre titre est disponible.</p>
        <form method="post" action="/mon-compte/telephone" novalidate>
          <CsrfField token={ctx.csrfToken} />
          <Input name="mobile" label="Nouveau numéro de mobile" hint="Format attendu : 06 12 34 56 78" type="tel" autocomplete="tel" value={valueOf('telephone', 'mobile')} error={errorsOf('telephone').mobile} maxlength={20} />
          <Input {...currentPasswordField('telephone')} error={errorsOf('telephone')['motDePasse-telephone']} />
          <button class="fr-btn fr-btn--secondary" type="submit">
            Changer de numéro
          </button>
        </form>
      </section>

      <section class="fr-mb-6w">
        <h2>Supprimer mon compte</h2>
        <p>
          La suppression efface votre compte, vos brouillons et vos pré-demandes (un numéro de pré-demande supprimé ne peut plus être
          utilisé en mairie). Ce qui est conservé, et pourquoi :
        </p>
        <ul>
          <li>les demandes déjà déposées en mairie : elles relèvent du traitement officiel du titre, pas de ce compte ;</li>
          <li>les courriels déjà envoyés (destinataire, date, contenu) pendant la durée de conservation du journal des messages, pour prouver leur envoi ;</li>
          <li>le journal d’audit des actions des agents, en ajout seul, pour contrôler l’usage fait des données.</li>
        </ul>
        <form method="post" action="/mon-compte/supprimer" novalidate>
          <CsrfField token={ctx.csrfToken} />
          <Input {...currentPasswordField('supprimer')} error={errorsOf('supprimer')['motDePasse-supprimer']} />
          <button class="fr-btn fr-btn--tertiary" type="submit">
            Supprimer définitivement mon compte
          </button>
        </form>
      </section>
    </Layout>
  );
}
