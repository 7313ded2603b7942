// Éléments de page communs à « Où aller ? », à la liste OÙ et aux fiches de commune.
import type { Point } from './points-repository.ts';
import { CE_QUE_FAIT, LIBELLE_COURT } from './types-points.ts';

export function formaterKm(km: number): string {
  if (km < 1) return 'moins de 1 km';
  return `${km < 10 ? km.toFixed(1).replace('.', ',') : Math.round(km)} km`;
}

/** Ce qui n'est pas connu est dit tel quel : jamais de valeur inventée pour remplir. */
function Champ({ libelle, valeur, inconnu }: { libelle: string; valeur: string; inconnu: string }) {
  return (
    <li>
      {libelle} : {valeur === '' ? <span class="fr-text--sm fr-text-mention--grey">{inconnu}</span> : valeur}
    </li>
  );
}

export function PointDetail({
  point,
  communeNom,
  distanceKm,
  titre = 'h3',
}: {
  point: Point;
  communeNom: string;
  distanceKm?: number | undefined;
  titre?: 'h3' | 'h4';
}) {
  const Titre = titre;
  return (
    <div class="fr-card fr-card--no-arrow fr-mb-2w">
      <div class="fr-card__body">
        <div class="fr-card__content">
          <Titre class="fr-card__title">{point.nom}</Titre>
          <p class="fr-card__desc">{CE_QUE_FAIT[point.type]}</p>
          <div class="fr-card__start">
            <ul class="fr-tags-group">
              <li>
                <p class="fr-tag">{LIBELLE_COURT[point.type]}</p>
              </li>
              {distanceKm !== undefined ? (
                <li>
                  <p class="fr-tag">à {formaterKm(distanceKm)} à vol d’oiseau</p>
                </li>
              ) : null}
              {point.demonstration ? (
                <li>
                  <p class="fr-tag">Donnée de démonstration</p>
                </li>
              ) : null}
            </ul>
          </div>
          <ul class="fr-mt-2w">
            <li>
              Commune : <a href={`/communes/${point.communeCode}`}>{communeNom}</a>
            </li>
            <Champ libelle="Adresse" valeur={point.adresse} inconnu="non renseignée" />
            <Champ libelle="Téléphone" valeur={point.telephone} inconnu="non renseigné" />
            <Champ libelle="Horaires" valeur={point.horaires} inconnu="non renseignés" />
            {point.type === 'dr' ? (
              <Champ libelle="Dispositifs de recueil" valeur={point.nombreDispositifs ? String(point.nombreDispositifs) : ''} inconnu="nombre non renseigné" />
            ) : null}
            {/^https?:\/\//.test(point.siteWeb) ? (
              <li>
                Site : <a href={point.siteWeb}>{point.siteWeb}</a>
              </li>
            ) : null}
          </ul>
          {point.position?.precision === 'centre-commune' ? (
            <p class="fr-text--xs">Position : centre de la commune (adresse exacte non connue).</p>
          ) : null}
          {point.notes ? <p class="fr-text--xs">{point.notes}</p> : null}
          <p class="fr-text--xs">
            Source : {point.source} — mise à jour le {point.majLe.toLocaleDateString('fr-FR', { timeZone: 'Europe/Paris' })}
          </p>
        </div>
      </div>
    </div>
  );
}
