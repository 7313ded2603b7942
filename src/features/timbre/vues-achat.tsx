import { Alert, ErrorSummary } from '../../kernel/views/components/alert.tsx';
import { CsrfField } from '../../kernel/views/components/csrf-field.tsx';
import { Input } from '../../kernel/views/components/input.tsx';
import { Layout } from '../../kernel/views/layout.tsx';
import type { PageContext } from '../../kernel/views/page-context.ts';
import type { Children } from '../../kernel/views/html.ts';
import type { EntreeCatalogue } from './catalogue-repository.ts';
import { Bouton, Etapes, Radios } from './composants.tsx';
import { AGES, DEMARCHES, QUANTITE_MAX, euros } from './contenu.ts';
import { etape, type Etape } from './parcours.ts';

type Erreurs = Record<string, string | undefined>;

export function PageEtape({ ctx, cle, titre, erreurs = {}, children }: { ctx: PageContext; cle: Etape['cle']; titre: string; erreurs?: Erreurs; children: Children }) {
  const e = etape(cle);
  const enErreur = Object.values(erreurs).some(Boolean);
  return (
    <Layout ctx={ctx} title={`${enErreur ? 'Erreur — ' : ''}${titre} — Timbre fiscal`}>
      <div class="fr-grid-row fr-grid-row--center">
        <div class="fr-col-12 fr-col-md-10 fr-col-lg-8">
          <h1>{titre}</h1>
          <Etapes courante={e.numero} total={e.total} titre={e.titre} suivante={e.suivante} />
          <ErrorSummary errors={erreurs} />
          {children}
        </div>
      </div>
    </Layout>
  );
}

export function AccueilTimbre({ ctx, paiementDisponible, catalogue }: { ctx: PageContext; paiementDisponible: boolean; catalogue: EntreeCatalogue[] }) {
  return (
    <Layout ctx={ctx} title="Acheter un timbre fiscal électronique">
      <h1>Acheter un timbre fiscal électronique</h1>
      <p class="fr-text--lead">Sans créer de compte, en quelques minutes : quelques questions choisissent le bon timbre, vous le payez par carte et le recevez par courriel ou par SMS.</p>
      {paiementDisponible ? null : (
        <Alert type="warning" title="Paiement indisponible">
          <p>Le paiement en ligne n’est pas disponible sur ce service pour le moment. Aucun timbre ne peut être acheté ici.</p>
        </Alert>
      )}
      <h2>Les étapes</h2>
      <ol>
        <li>Vous indiquez votre démarche et, pour un passeport, l’âge du demandeur.</li>
        <li>Vous ajoutez le timbre au panier, puis vérifiez le panier.</li>
        <li>Vous choisissez de recevoir le timbre par courriel (PDF) ou par SMS (mobile commençant par 06 ou 07).</li>
        <li>Vous validez le panier, ou achetez un autre timbre, puis payez par carte bancaire.</li>
      </ol>
      <h2>Tarifs en vigueur</h2>
      <ul>
        {catalogue.map((e) => (
          <li>
            {e.libelle} : {euros(e.montantCentimes)}
          </li>
        ))}
      </ul>
      <p>La première carte d’identité et son renouvellement sont gratuits : aucun timbre n’est nécessaire.</p>
      <ul class="fr-btns-group fr-btns-group--inline-md">
        <li>
          <a class="fr-btn" href="/timbre/demarche">
            Débuter l’achat
          </a>
        </li>
        <li>
          <a class="fr-btn fr-btn--secondary" href="/timbre/remboursement">
            Demander le remboursement d’un timbre
          </a>
        </li>
      </ul>
    </Layout>
  );
}

export function DemarchePage({ ctx, valeur, erreur }: { ctx: PageContext; valeur?: string | undefined; erreur?: string | undefined }) {
  return (
    <PageEtape ctx={ctx} cle="demarche" titre="Pour quelle démarche achetez-vous ce timbre ?" erreurs={{ demarche: erreur }}>
      <form method="post" action="/timbre/demarche" novalidate>
        <CsrfField token={ctx.csrfToken} />
        <Radios name="demarche" legend="Votre démarche" options={DEMARCHES} value={valeur} error={erreur} />
        <Bouton>Continuer</Bouton>
      </form>
    </PageEtape>
  );
}

export function AgePage({ ctx, valeur, erreur }: { ctx: PageContext; valeur?: string | undefined; erreur?: string | undefined }) {
  return (
    <PageEtape ctx={ctx} cle="age" titre="Quel âge a le demandeur du passeport ?" erreurs={{ age: erreur }}>
      <form method="post" action="/timbre/age" novalidate>
        <CsrfField token={ctx.csrfToken} />
        <Radios name="age" legend="Âge du demandeur à la date de la demande" options={AGES} value={valeur} error={erreur} />
        <Bouton>Continuer</Bouton>
      </form>
      <p>
        <a href="/timbre/demarche">Modifier la démarche</a>
      </p>
    </PageEtape>
  );
}

export function GratuitPage({ ctx }: { ctx: PageContext }) {
  return (
    <Layout ctx={ctx} title="Aucun timbre nécessaire">
      <h1>Aucun timbre n’est nécessaire</h1>
      <Alert type="info" title="La carte nationale d’identité est gratuite">
        <p>La première carte et son renouvellement ne demandent pas de timbre. Un timbre de 25 € n’est demandé que si la carte précédente a été perdue ou volée.</p>
      </Alert>
      <a class="fr-btn fr-btn--secondary" href="/timbre/demarche">
        Modifier ma réponse
      </a>
    </Layout>
  );
}

export function FormulairePage({ ctx, timbre, quantite, erreur }: { ctx: PageContext; timbre: EntreeCatalogue; quantite?: string; erreur?: string | undefined }) {
  return (
    <PageEtape ctx={ctx} cle="formulaire" titre="Votre timbre" erreurs={{ quantite: erreur }}>
      <div class="fr-callout fr-mb-4w">
        <h2 class="fr-callout__title">{timbre.libelle}</h2>
        <p class="fr-callout__text">
          Montant : <strong>{euros(timbre.montantCentimes)}</strong>. {timbre.conditions}
        </p>
      </div>
      <form method="post" action="/timbre/formulaire" novalidate>
        <CsrfField token={ctx.csrfToken} />
        <Input name="quantite" label="Nombre de timbres" hint={`Un timbre par demande de titre, ${QUANTITE_MAX} au plus.`} type="text" inputmode="numeric" value={quantite ?? '1'} error={erreur} maxlength={2} />
        <Bouton>Ajouter au panier</Bouton>
      </form>
      <p>
        <a href="/timbre/demarche">Modifier les réponses</a>
      </p>
    </PageEtape>
  );
}
