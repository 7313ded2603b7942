import { displayValue, type Answers } from '../../kernel/forms/index.ts';
import type { View } from '../../kernel/views/html.ts';
import { Layout } from '../../kernel/views/layout.tsx';
import type { PageContext } from '../../kernel/views/page-context.ts';
import { Alert } from '../../kernel/views/components/alert.tsx';
import { CsrfField } from '../../kernel/views/components/csrf-field.tsx';
import { CONTENU } from './contenu.ts';
import { LIBELLES_STATUT } from './cycle-de-vie.ts';
import type { Justificatif } from './justificatifs.ts';
import type { PreDemande } from './pre-demande-repository.ts';
import { anniversaireQuiChangeLePrix, timbresRequis, totalTimbres, USAGES_TIMBRE } from './tarifs.ts';

/** A stamp bought in the shop from this pré-demande, as the stamp feature reports it. */
export interface TimbreRattache {
  numero: string;
  usage: string;
  montantCentimes: number;
  statut: string;
}

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

export const actif = (pd: PreDemande) => pd.statut === 'validee' || pd.statut === 'declaree';

export const dateCourte = (date: Date) => date.toLocaleDateString('fr-FR', { timeZone: 'Europe/Paris', dateStyle: 'long' });

export function titreDe(answers: Answers) {
  return answers.titre ? displayValue(CONTENU, 'titre', answers.titre) : 'Titre à choisir';
}

export function MonEspacePage({
  ctx,
  preDemandes,
  demandes,
  accompagnement,
  aideDe,
}: {
  ctx: PageContext;
  preDemandes: PreDemande[];
  demandes?: View | null;
  /** The assisted-mode block (code to type, or the help in progress). */
  accompagnement?: View | null;
  aideDe?: (pd: PreDemande) => string | null;
}) {
  return (
    <Layout ctx={ctx} title="Mon espace identité">
      <h1>Mon espace identité</h1>
      <p class="fr-text--lead">
        Préparez ici vos pré-demandes de carte d’identité et de passeport, et celles des enfants mineurs dont vous êtes le représentant légal.
      </p>
      {accompagnement ?? null}
      <p>
        Avant de commencer, voyez <a href="/guides/ce-qu-il-vous-faut">ce qu’il vous faut</a> : les questions posées, les pièces à apporter et le coût, selon votre situation.
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
                {pd.expireLe && actif(pd) ? `Valable jusqu’au ${dateCourte(pd.expireLe)}.` : `Mise à jour le ${dateCourte(pd.updatedAt)}.`}
              </p>
              {aideDe?.(pd) ? <p class="fr-card__desc fr-text--sm">{aideDe(pd)}</p> : null}
              <div class="fr-card__start">
                <p class={`fr-badge fr-badge--sm ${actif(pd) ? 'fr-badge--success' : 'fr-badge--info'}`}>{LIBELLES_STATUT[pd.statut]}</p>
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
export function TimbreInfo({ answers, jour, jusquau, preDemandeId, csrf, numero }: { answers: Answers; jour: string; jusquau: string; preDemandeId: string; csrf: string; numero?: string | null }) {
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
      <AchatTimbre csrf={csrf} usages={stamps.map((stamp) => USAGES_TIMBRE[stamp.tarif])} numero={numero} libelle={titre === 'passeport' ? 'passeport' : 'carte d’identité'} />
      {numero ? null : (
        <p>
          Après l’achat, revenez saisir son numéro de 16 chiffres sur cette page (<a href={`/pre-demande/${preDemandeId}/timbre`}>étape Timbre fiscal</a>). Vous pouvez aussi l’acheter plus tard, avant d’aller en mairie.
        </p>
      )}
    </div>
  );
}

/**
 * "Buy it now": the stamp shop opens with the right stamp already in the cart. With the
 * pré-demande's number, the stamps paid are attached to it and shown on its page.
 */
export function AchatTimbre({ csrf, usages, numero, libelle }: { csrf: string; usages: string[]; numero?: string | null | undefined; libelle: string }) {
  return (
    <form method="post" action="/timbre/depuis-pre-demande" class="fr-mb-2w">
      <CsrfField token={csrf} />
      {usages.map((usage) => (
        <input type="hidden" name="usage" value={usage} />
      ))}
      {numero ? <input type="hidden" name="preDemande" value={numero} /> : null}
      <button class="fr-btn fr-btn--secondary fr-icon-shopping-cart-2-line fr-btn--icon-left" type="submit">
        Acheter maintenant le timbre fiscal ({libelle})
      </button>
    </form>
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
