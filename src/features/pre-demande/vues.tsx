import { displayValue, type Answers } from '../../kernel/forms/index.ts';
import { unsafeRawHtml, type View } from '../../kernel/views/html.ts';
import { Layout } from '../../kernel/views/layout.tsx';
import type { PageContext } from '../../kernel/views/page-context.ts';
import { Alert } from '../../kernel/views/components/alert.tsx';
import { CsrfField } from '../../kernel/views/components/csrf-field.tsx';
import { CONTENU } from './contenu.ts';
import { LIBELLES_STATUT } from './cycle-de-vie.ts';
import type { Justificatif } from './justificatifs.ts';
import type { PreDemande } from './pre-demande-repository.ts';
import { qrSvg } from './qr.ts';
import { anniversaireQuiChangeLePrix, timbresRequis, totalTimbres } from './tarifs.ts';

/** A DR mairie near the person's commune, as the territory feature describes it. */
export interface MairieProche {
  nom: string;
  adresse: string;
  distanceKm: number;
  demonstration: boolean;
}

export function ligneMairie(mairie: MairieProche): string {
  const distance = mairie.distanceKm === 0 ? 'dans votre commune' : `à ${mairie.distanceKm.toFixed(1).replace('.', ',')} km`;
  return `${mairie.nom}${mairie.adresse ? `, ${mairie.adresse}` : ''} — ${distance}${mairie.demonstration ? ' (donnée de démonstration)' : ''}`;
}

export const dateCourte = (date: Date) => date.toLocaleDateString('fr-FR', { timeZone: 'Europe/Paris', dateStyle: 'long' });

export function titreDe(answers: Answers) {
  return answers.titre ? displayValue(CONTENU, 'titre', answers.titre) : 'Titre à choisir';
}

export function MonEspacePage({ ctx, preDemandes, demandes }: { ctx: PageContext; preDemandes: PreDemande[]; demandes?: View | null }) {
  return (
    <Layout ctx={ctx} title="Mon espace identité">
      <h1>Mon espace identité</h1>
      <p class="fr-text--lead">
        Préparez ici vos pré-demandes de carte d’identité et de passeport, et celles des enfants mineurs dont vous êtes le représentant légal.
      </p>
      <form method="post" action="/pre-demande/nouvelle" class="fr-mb-4w">
        <CsrfField token={ctx.csrfToken} />
        <button class="fr-btn fr-icon-add-line fr-btn--icon-left" type="submit">
          Commencer une pré-demande
        </button>
      </form>
      <h2>Mes pré-demandes</h2>
      {preDemandes.length === 0 ? <p>Vous n’avez encore aucune pré-demande.</p> : null}
      {preDemandes.map((pd) => (
        <div class="fr-card fr-card--horizontal fr-mb-2w">
          <div class="fr-card__body">
            <div class="fr-card__content">
              <h3 class="fr-card__title">
                <a href={`/pre-demande/${pd.id}`}>
                  {titreDe(pd.state.answers)} — {pd.personne || 'personne à préciser'}
                </a>
              </h3>
              <p class="fr-card__desc">
                {pd.numero ? `Numéro ${pd.numero}. ` : ''}
                {pd.expireLe && pd.statut === 'validee' ? `Valable jusqu’au ${dateCourte(pd.expireLe)}.` : `Mise à jour le ${dateCourte(pd.updatedAt)}.`}
              </p>
              <div class="fr-card__start">
                <p class={`fr-badge fr-badge--sm ${pd.statut === 'validee' ? 'fr-badge--success' : 'fr-badge--info'}`}>{LIBELLES_STATUT[pd.statut]}</p>
              </div>
            </div>
          </div>
        </div>
      ))}
      {demandes ?? null}
      <p class="fr-mt-4w">
        <a class="fr-link" href="/mon-compte">
          Mon compte : adresse électronique, mobile, mot de passe, suppression
        </a>
      </p>
    </Layout>
  );
}

/** The stamp block on the "timbre" step and the recap: whether one is needed, and its price. */
export function TimbreInfo({ answers, jour, jusquau, preDemandeId }: { answers: Answers; jour: string; jusquau: string; preDemandeId: string }) {
  const stamps = timbresRequis(answers, jour);
  if (stamps.length === 0) {
    return (
      <Alert type="info" title="Pas de timbre fiscal">
        <p>La carte d’identité est gratuite, sauf en cas de perte ou de vol.</p>
      </Alert>
    );
  }
  const anniversaire = anniversaireQuiChangeLePrix(answers, jour, jusquau);
  const titre = stamps[0]!.titre;
  return (
    <div class="fr-mb-3w">
      <Alert type="info" title={`Timbre fiscal : ${totalTimbres(stamps)} €`}>
        <ul>
          {stamps.map((stamp) => (
            <li>
              {stamp.libelle} : {stamp.montant} €
            </li>
          ))}
        </ul>
      </Alert>
      {anniversaire ? (
        <Alert type="warning" title={`Attention : ${anniversaire.age} ans le ${anniversaire.date.split('-').reverse().join('/')}`}>
          <p>Le prix dépend de l’âge le jour du dépôt en mairie. Si vous déposez la demande après cet anniversaire, le timbre à acheter change de prix.</p>
        </Alert>
      ) : null}
      <p>
        <a class="fr-link" href="/timbre">
          Acheter le timbre fiscal électronique ({titre === 'passeport' ? 'passeport' : 'carte d’identité'}) maintenant
        </a>
        , puis revenez saisir son numéro sur cette page (<a href={`/pre-demande/${preDemandeId}/timbre`}>étape Timbre fiscal</a>). Vous pouvez aussi l’acheter plus tard, avant d’aller en mairie.
      </p>
    </div>
  );
}

export function ListeJustificatifs({ items }: { items: Justificatif[] }) {
  return (
    <ul>
      {items.map((item) => (
        <li class="fr-mb-1w">
          <strong>{item.libelle}</strong>
          <br />
          <span class="fr-text--sm">Pourquoi : {item.pourquoi}</span>
        </li>
      ))}
    </ul>
  );
}

export function ResultatPage({ ctx, pd, justificatifs, mairies }: { ctx: PageContext; pd: PreDemande; justificatifs: Justificatif[]; mairies: readonly MairieProche[] }) {
  const answers = pd.state.answers;
  const active = pd.statut === 'validee';
  return (
    <Layout ctx={ctx} title={`Pré-demande ${pd.numero}`}>
      <p>
        <a class="fr-link fr-icon-arrow-left-line fr-link--icon-left" href="/mon-espace">
          Mon espace identité
        </a>
      </p>
      <h1>Votre pré-demande</h1>
      <p class={`fr-badge ${active ? 'fr-badge--success' : 'fr-badge--info'}`}>{LIBELLES_STATUT[pd.statut]}</p>
      <div class="fr-grid-row fr-grid-row--gutters fr-mt-2w">
        <div class="fr-col-12 fr-col-md-7">
          <p class="fr-mb-1w">Numéro de pré-demande</p>
          <p class="fr-h2" id="numero-pre-demande">
            {pd.numero}
          </p>
          <p>
            {titreDe(answers)} pour {pd.personne}. {active && pd.expireLe ? `Valable jusqu’au ${dateCourte(pd.expireLe)}.` : ''}
          </p>
          <p>Notez ce numéro ou imprimez le récapitulatif : la mairie vous le demandera, avec les pièces ci-dessous.</p>
          <ul class="fr-btns-group fr-btns-group--inline-md">
            <li>
              <a class="fr-btn fr-icon-download-line fr-btn--icon-left" href={`/pre-demande/${pd.id}/recapitulatif.pdf`} download>
                Télécharger le récapitulatif (PDF)
              </a>
            </li>
            <li>
              <a class="fr-btn fr-btn--secondary" href="/ou-aller">
                Trouver une mairie équipée
              </a>
            </li>
          </ul>
        </div>
        <div class="fr-col-12 fr-col-md-5" id="qr-code">
          {pd.numero && active ? unsafeRawHtml(qrSvg(pd.numero)) : null}
        </div>
      </div>
      <h2 class="fr-mt-4w">Pièces à apporter en mairie</h2>
      <ListeJustificatifs items={justificatifs} />
      <h2 class="fr-mt-4w">Mairies équipées les plus proches</h2>
      {mairies.length === 0 ? (
        <p>
          Consultez <a href="/ou-aller">Où aller ?</a> pour trouver une mairie équipée d’un dispositif de recueil.
        </p>
      ) : (
        <ul>
          {mairies.map((mairie) => (
            <li>{ligneMairie(mairie)}</li>
          ))}
        </ul>
      )}
      {pd.statut === 'expiree' || pd.statut === 'annulee' ? (
        <form method="post" action={`/pre-demande/${pd.id}/renouveler`} class="fr-mt-4w">
          <CsrfField token={ctx.csrfToken} />
          <p>Cette pré-demande n’est plus utilisable. Vous pouvez en faire une nouvelle à partir des mêmes réponses, puis les vérifier.</p>
          <button class="fr-btn" type="submit">
            Refaire une pré-demande avec ces réponses
          </button>
        </form>
      ) : null}
      {active ? (
        <form method="post" action={`/pre-demande/${pd.id}/annuler`} class="fr-mt-4w">
          <CsrfField token={ctx.csrfToken} />
          <button class="fr-btn fr-btn--tertiary" type="submit">
            Annuler cette pré-demande
          </button>
        </form>
      ) : null}
    </Layout>
  );
}
