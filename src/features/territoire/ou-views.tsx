// OÙ : la liste des lieux par sorte, avec la légende du kit et des filtres. Elle est
// complète sans JavaScript ; la carte (Leaflet, servie par nous) s'y ajoute quand le script
// s'exécute, et reste lisible sans fond de carte grâce aux contours que nous détenons.
import { Alert } from '../../kernel/views/components/alert.tsx';
import { Layout } from '../../kernel/views/layout.tsx';
import type { PageContext } from '../../kernel/views/page-context.ts';
import type { Point } from './points-repository.ts';
import { COULEUR, LEGENDE, TYPES_POINT, type TypePoint } from './types-points.ts';

// Des attributs de présentation SVG, et non un attribut style : la politique de sécurité
// des contenus refuse les styles en ligne.
export function Pastille({ type }: { type: TypePoint }) {
  return (
    <svg width="14" height="14" viewBox="0 0 14 14" aria-hidden="true" focusable="false">
      <circle cx="7" cy="7" r="6" fill={COULEUR[type]} stroke="#161616" stroke-width="1" />
    </svg>
  );
}

export interface OuPageProps {
  ctx: PageContext;
  points: readonly Point[];
  typesChoisis: readonly TypePoint[];
  filtreInvalide: boolean;
  nomDe: (code: string) => string;
  nomDepartement: string;
  departement: string;
  /** Fond de carte facultatif ; il faut alors autoriser son domaine dans la politique de sécurité des contenus. */
  tuiles?: { url: string; attribution: string } | undefined;
}

const VIDE: Record<TypePoint, string> = {
  dr: 'Aucune mairie équipée n’est enregistrée.',
  espace_numerique: 'Aucun espace numérique n’est enregistré : la liste se complète par import ou par les pages d’administration.',
  msap: 'Aucune MSAP / France Services n’est enregistrée pour l’instant.',
  msap_poste: 'Aucune MSAP de La Poste n’est enregistrée pour l’instant.',
  prefecture: 'Aucune préfecture ni sous-préfecture n’est enregistrée.',
};

function Filtres({ typesChoisis }: { typesChoisis: readonly TypePoint[] }) {
  return (
    <form method="get" action="/ou" class="fr-mb-4w gt-ecran-seulement">
      <fieldset class="fr-fieldset" aria-describedby="legende-filtres">
        <legend class="fr-fieldset__legend" id="legende-filtres">
          Légende et filtres : cochez les sortes de lieux à afficher
        </legend>
        {TYPES_POINT.map((type) => (
          <div class="fr-fieldset__element">
            <div class="fr-checkbox-group">
              <input type="checkbox" id={`filtre-${type}`} name="type" value={type} checked={typesChoisis.includes(type)} />
              <label class="fr-label" for={`filtre-${type}`}>
                <Pastille type={type} /> {LEGENDE[type]}
              </label>
            </div>
          </div>
        ))}
        <div class="fr-fieldset__element">
          <button type="submit" class="fr-btn fr-btn--secondary">
            Filtrer
          </button>
        </div>
      </fieldset>
    </form>
  );
}

function TableauType({ type, points, nomDe, departement }: { type: TypePoint; points: readonly Point[]; nomDe: (code: string) => string; departement: string }) {
  const triees = [...points].sort((a, b) => nomDe(a.communeCode).localeCompare(nomDe(b.communeCode), 'fr'));
  return (
    <section class="fr-mb-4w" aria-labelledby={`titre-${type}`}>
      <h2 id={`titre-${type}`}>
        <Pastille type={type} /> {LEGENDE[type]} ({points.length})
      </h2>
      {points.length === 0 ? (
        <p>
          {VIDE[type]}
          {type === 'espace_numerique' && departement === '24' ? ' Le kit de 2017 en compte 137 en Dordogne, mais n’en publie pas la liste.' : ''}
        </p>
      ) : (
        <div class="fr-table fr-table--no-caption">
          <table>
            <caption>{LEGENDE[type]}</caption>
            <thead>
              <tr>
                <th scope="col">Commune</th>
                <th scope="col">Lieu</th>
                <th scope="col">Adresse</th>
                <th scope="col">Téléphone</th>
                <th scope="col">Horaires</th>
              </tr>
            </thead>
            <tbody>
              {triees.map((p) => (
                <tr data-type={p.type}>
                  <td>
                    <a href={`/communes/${p.communeCode}`}>{nomDe(p.communeCode)}</a>
                  </td>
                  <td>
                    {p.nom}
                    {p.demonstration ? ' (démonstration)' : ''}
                  </td>
                  <td>{p.adresse || 'non renseignée'}</td>
                  <td>{p.telephone || 'non renseigné'}</td>
                  <td>{p.horaires || 'non renseignés'}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}

export function OuPage({ ctx, points, typesChoisis, filtreInvalide, nomDe, nomDepartement, departement, tuiles }: OuPageProps) {
  const demo = points.some((p) => p.demonstration);
  return (
    <Layout ctx={ctx} title="Où ? Carte et liste des lieux" scripts={['/territoire/js/carte.js']}>
      <h1>Où déposer sa demande et se faire aider — {nomDepartement}</h1>
      <p class="fr-text--lead">
        Mairies équipées d’un dispositif de recueil (DR), espaces numériques, MSAP et points numériques de la préfecture.
        Pour trouver les plus proches de chez vous : <a href="/ou-aller">Où aller ?</a>
      </p>
      {filtreInvalide ? (
        <Alert type="error" title="Filtre inconnu">
          <p>Une des sortes de lieux demandées n’existe pas : toutes les sortes valides sont affichées.</p>
        </Alert>
      ) : null}
      {demo ? (
        <Alert type="warning" title="Données de démonstration">
          <p>Certains lieux sont des exemples de démonstration, signalés comme tels : ils n’existent pas.</p>
        </Alert>
      ) : null}
      <Filtres typesChoisis={typesChoisis} />
      <div
        id="carte"
        class="fr-mb-4w gt-ecran-seulement"
        hidden
        data-types={typesChoisis.join(',')}
        data-couleurs={JSON.stringify(COULEUR)}
        data-legende={JSON.stringify(LEGENDE)}
        data-tuiles={tuiles?.url}
        data-attribution={tuiles?.attribution}
        role="region"
        aria-label="Carte des lieux (reprend la liste ci-dessous)"
      >
        <p class="fr-sr-only">La carte reprend la liste ci-dessous, qui en donne tout le contenu.</p>
      </div>
      <p class="fr-text--sm gt-ecran-seulement">Pour une version imprimable, imprimez cette page : la liste s’imprime sans la carte ni les filtres.</p>
      <div id="liste-lieux">
        {typesChoisis.map((type) => (
          <TableauType type={type} points={points.filter((p) => p.type === type)} nomDe={nomDe} departement={departement} />
        ))}
      </div>
      <p class="fr-text--sm">
        Positions : centre de la commune quand l’adresse exacte n’est pas connue. Sources des points indiquées sur chaque fiche.
        Fond de carte facultatif ; contours des communes : IGN Admin Express (Licence Ouverte), quand ils ont été importés.
      </p>
    </Layout>
  );
}
