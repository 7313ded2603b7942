// QUI : la fiche d'une commune — son niveau d'équipement, ce que fait sa mairie pour les
// demandes de CNI et de passeport (les trois lignes du kit), ses lieux, le DR le plus proche.
import { Layout } from '../../kernel/views/layout.tsx';
import type { PageContext } from '../../kernel/views/page-context.ts';
import { PointDetail } from './composants.tsx';
import type { FicheCommune } from './territoire-service.ts';
import { LIBELLE_NIVEAU, ROLE_MAIRIE, type NiveauEquipement } from './types-points.ts';

const NIVEAUX: readonly NiveauEquipement[] = ['dr', 'espace_numerique', 'aucun'];

export function FicheCommunePage({ ctx, fiche, nomDe }: { ctx: PageContext; fiche: FicheCommune; nomDe: (code: string) => string }) {
  const { commune } = fiche;
  return (
    <Layout ctx={ctx} title={`${commune.nom} — rôle de la mairie`}>
      <h1>
        {commune.nom} <span class="fr-text--lg">({commune.code})</span>
      </h1>
      <ul>
        <li>Codes postaux : {commune.codesPostaux.length > 0 ? commune.codesPostaux.join(', ') : 'non renseignés'}</li>
        <li>Population légale : {commune.population !== null ? commune.population.toLocaleString('fr-FR') : 'non renseignée'}</li>
        {fiche.deleguees.length > 0 ? <li>Communes déléguées : {fiche.deleguees.map((d) => d.nom).join(', ')}</li> : null}
        <li>
          Position :{' '}
          {commune.centre
            ? commune.centre.source === 'geonames'
              ? 'bourg (GeoNames)'
              : 'centre du territoire (IGN Admin Express)'
            : 'non connue — importez les contours IGN pour la calculer'}
        </li>
      </ul>

      <h2>Niveau d’équipement : {LIBELLE_NIVEAU[fiche.niveau]}</h2>
      <p class="fr-text--sm">
        {fiche.niveauFixe
          ? `Niveau fixé par un administrateur (d’après les lieux enregistrés : ${LIBELLE_NIVEAU[fiche.niveauDeduit].toLowerCase()}).`
          : 'Niveau déduit des lieux enregistrés dans la commune.'}
      </p>

      <h2>Rôle des mairies pour les cartes d’identité et les passeports</h2>
      <div class="fr-table">
        <table>
          <caption>Rôle de chaque mairie selon son équipement (kit de la préfecture)</caption>
          <thead>
            <tr>
              <th scope="col">Équipement</th>
              <th scope="col">Rôle</th>
            </tr>
          </thead>
          <tbody>
            {NIVEAUX.map((niveau) => (
              <tr>
                <th scope="row">
                  {LIBELLE_NIVEAU[niveau]}
                  {niveau === fiche.niveau ? <strong> — c’est le cas de {commune.nom}</strong> : null}
                </th>
                <td>
                  <ul>
                    {ROLE_MAIRIE[niveau].map((ligne) => (
                      <li>{ligne}</li>
                    ))}
                  </ul>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>

      <h2>Lieux de la commune</h2>
      {fiche.points.length === 0 ? <p>Aucun lieu enregistré dans la commune.</p> : null}
      {fiche.points.map((p) => (
        <PointDetail point={p} communeNom={commune.nom} />
      ))}

      <h2>Mairies équipées d’un dispositif de recueil les plus proches</h2>
      {!commune.centre ? <p>La position de la commune n’est pas connue : les distances ne peuvent pas être calculées.</p> : null}
      {commune.centre && fiche.drProches.length === 0 ? <p>Aucune autre mairie équipée d’un dispositif de recueil n’est enregistrée dans le département.</p> : null}
      {fiche.drProches.map((p) => (
        <PointDetail point={p} communeNom={nomDe(p.communeCode)} distanceKm={p.distanceKm} />
      ))}

      <ul class="fr-btns-group fr-btns-group--inline-md">
        <li>
          <a class="fr-btn" href={`/communes/${commune.code}/fiche.pdf`}>
            Télécharger la fiche à afficher (PDF)
          </a>
        </li>
        <li>
          <a class="fr-btn fr-btn--secondary" href={`/ou-aller?commune=${commune.code}`}>
            Où aller depuis {commune.nom} ?
          </a>
        </li>
      </ul>
    </Layout>
  );
}
