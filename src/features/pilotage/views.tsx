import { ErrorSummary } from '../../kernel/views/components/alert.tsx';
import { Input } from '../../kernel/views/components/input.tsx';
import { unsafeRawHtml } from '../../kernel/views/html.ts';
import { Layout } from '../../kernel/views/layout.tsx';
import type { PageContext } from '../../kernel/views/page-context.ts';
import { formaterNombre, formaterPoints, formaterTaux } from './calculs.ts';
import { afficher, figures, type Figure } from './figures.ts';
import type { SaisieFiltres } from './filtres.ts';
import { carteTaux, graphiqueTaux, graphiqueVolumes } from './graphiques.ts';
import { libelleMois, type Perimetre } from './modele.ts';
import type { Tableau } from './tableau-service.ts';

/** Rows shown on the page per table; the CSV export always has them all. */
export const LIGNES_AFFICHEES = 200;

// Headings that open a section before some figures (the others follow the previous one).
const SECTIONS: Record<string, string> = { volumes: 'Charge des dispositifs de recueil', delais: 'Délais', reseau: 'Santé du réseau', accompagnement: 'Mode accompagné', departements: 'Par département' };

export interface PageProps {
  ctx: PageContext;
  libellePerimetre: string;
  perimetre: Perimetre | undefined;
  saisie: SaisieFiltres;
  erreurs: Partial<Record<keyof SaisieFiltres, string>>;
  choixDepartement: boolean;
  arrondissements: { code: string; nom: string }[];
  tableau: Tableau | undefined;
  centres: Map<string, { lon: number; lat: number }> | undefined;
  requete: string;
}

function Liste(props: { name: string; label: string; value: string; options: { value: string; label: string }[]; error: string | undefined }) {
  const id = `champ-${props.name}`;
  return (
    <div class={`fr-select-group${props.error ? ' fr-select-group--error' : ''}`}>
      <label class="fr-label" for={id}>
        {props.label}
      </label>
      <select class="fr-select" id={id} name={props.name} aria-invalid={props.error ? 'true' : undefined} aria-describedby={props.error ? `${id}-messages` : undefined}>
        {props.options.map((o) => (
          <option value={o.value} selected={o.value === props.value}>
            {o.label}
          </option>
        ))}
      </select>
      {props.error ? (
        <div class="fr-messages-group" id={`${id}-messages`} aria-live="polite">
          <p class="fr-message fr-message--error">{props.error}</p>
        </div>
      ) : null}
    </div>
  );
}

function Filtres({ saisie, erreurs, choixDepartement, arrondissements }: Pick<PageProps, 'saisie' | 'erreurs' | 'choixDepartement' | 'arrondissements'>) {
  // A GET form: the filters hold no personal data, and the URL of a view can be shared.
  return (
    <form method="get" action="/pilotage" class="fr-mb-5w" aria-labelledby="titre-filtres">
      <h2 id="titre-filtres" class="fr-h4">
        Filtres
      </h2>
      <div class="fr-grid-row fr-grid-row--gutters">
        <div class="fr-col-12 fr-col-md-3">
          <Input name="du" label="Du mois" hint="Format AAAA-MM" value={saisie.du} error={erreurs.du} maxlength={7} />
        </div>
        <div class="fr-col-12 fr-col-md-3">
          <Input name="au" label="Au mois" hint="Format AAAA-MM" value={saisie.au} error={erreurs.au} maxlength={7} />
        </div>
        <div class="fr-col-12 fr-col-md-3">
          <Liste name="titre" label="Titre" value={saisie.titre} error={erreurs.titre} options={[{ value: '', label: 'Tous les titres' }, { value: 'cni', label: 'Carte d’identité' }, { value: 'passeport', label: 'Passeport' }]} />
        </div>
        {arrondissements.length > 0 ? (
          <div class="fr-col-12 fr-col-md-3">
            <Liste name="arrondissement" label="Arrondissement" value={saisie.arrondissement} error={erreurs.arrondissement} options={[{ value: '', label: 'Tout le département' }, ...arrondissements.map((a) => ({ value: a.code, label: a.nom }))]} />
          </div>
        ) : null}
        {choixDepartement ? (
          <div class="fr-col-12 fr-col-md-3">
            <Input name="departement" label="Département" hint="Code, par exemple 24, ou FR pour la France entière" value={saisie.departement} error={erreurs.departement} maxlength={3} />
          </div>
        ) : null}
      </div>
      <button class="fr-btn" type="submit">
        Afficher
      </button>
    </form>
  );
}

export function TableFigure({ figure, requete, maxLignes = LIGNES_AFFICHEES }: { figure: Figure; requete: string; maxLignes?: number }) {
  const lignes = figure.lignes.slice(0, maxLignes);
  return (
    <div class="fr-mb-5w">
      <div class="fr-table" id={`figure-${figure.id}`}>
        <div class="fr-table__wrapper">
          {/* Focusable: a keyboard user can scroll a wide table. */}
          <div class="fr-table__container" tabindex={0} role="region" aria-labelledby={`legende-${figure.id}`}>
            <div class="fr-table__content">
              <table>
                <caption id={`legende-${figure.id}`}>{figure.titre}</caption>
                <thead>
                  <tr>
                    {figure.colonnes.map((c) => (
                      <th scope="col">{c.libelle}</th>
                    ))}
                  </tr>
                </thead>
                <tbody>
                  {lignes.map((l) => (
                    <tr>
                      {l.map((v, i) => (i === 0 ? <th scope="row">{afficher(v, figure.colonnes[i]!.type)}</th> : <td>{afficher(v, figure.colonnes[i]!.type)}</td>))}
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          </div>
        </div>
      </div>
      {figure.note ? <p class="fr-text--sm fr-mb-1w">{figure.note}</p> : null}
      {figure.lignes.length > lignes.length ? <p class="fr-text--sm fr-mb-1w">{`${formaterNombre(lignes.length)} lignes affichées sur ${formaterNombre(figure.lignes.length)} : l’export CSV les contient toutes.`}</p> : null}
      <a class="fr-link fr-icon-download-line fr-link--icon-left" href={`/pilotage/export.csv?figure=${figure.id}${requete ? `&${requete}` : ''}`}>
        {`Télécharger « ${figure.titre} » (CSV)`}
      </a>
    </div>
  );
}

function Resume({ tableau }: { tableau: Tableau }) {
  const t = tableau.tendance;
  return (
    <ul class="fr-grid-row fr-grid-row--gutters fr-mb-5w fr-raw-list" aria-label="Chiffres clés">
      <li class="fr-col-12 fr-col-md-4">
        <p class="fr-text--lg fr-mb-0">
          <strong>{formaterTaux(tableau.total.taux)}</strong>
        </p>
        <p>des demandes recueillies avaient une pré-demande en ligne</p>
      </li>
      <li class="fr-col-12 fr-col-md-4">
        <p class="fr-text--lg fr-mb-0">
          <strong>{formaterNombre(tableau.total.total)}</strong>
        </p>
        <p>{`demandes recueillies, dont ${formaterNombre(tableau.total.cerfa)} sur Cerfa papier`}</p>
      </li>
      <li class="fr-col-12 fr-col-md-4">
        <p class="fr-text--lg fr-mb-0">
          <strong>{t ? formaterPoints(t.points) : '—'}</strong>
        </p>
        <p>{t ? `évolution du taux entre ${libelleMois(t.de)} et ${libelleMois(t.a)}` : 'évolution non calculable : moins de deux mois avec des demandes'}</p>
      </li>
    </ul>
  );
}

export function PilotagePage(props: PageProps) {
  const { tableau } = props;
  const liste = tableau ? figures(tableau) : [];
  const figure = (id: string) => liste.find((f) => f.id === id);
  const points = tableau && props.centres ? tableau.mairies.flatMap((m) => (props.centres!.has(m.commune) ? [{ nom: m.nom, ...props.centres!.get(m.commune)!, taux: m.comptes.taux }] : [])) : [];
  return (
    <Layout ctx={props.ctx} title="Pilotage des demandes de titres">
      <h1>Pilotage des demandes de titres</h1>
      <p class="fr-text--lead">{props.libellePerimetre}</p>
      <ErrorSummary errors={props.erreurs} />
      <Filtres saisie={props.saisie} erreurs={props.erreurs} choixDepartement={props.choixDepartement} arrondissements={props.arrondissements} />
      {tableau ? (
        <>
          <p>{`Période : de ${libelleMois(tableau.periode.du)} à ${libelleMois(tableau.periode.au)}. Les chiffres sont lus sur des agrégats tenus à jour à chaque recueil et à chaque changement d’état.`}</p>
          <Resume tableau={tableau} />
          <h2>Taux de pré-demande en ligne</h2>
          {unsafeRawHtml(graphiqueTaux('graphique-taux', tableau.mois, tableau.total.taux, 'Taux mensuel de pré-demande en ligne'))}
          <TableFigure figure={figure('mois')!} requete={props.requete} />
          <h2>Demandes recueillies par mois</h2>
          {unsafeRawHtml(graphiqueVolumes('graphique-volumes', tableau.mois, 'Demandes recueillies par mois, avec pré-demande et sur Cerfa'))}
          <p class="fr-text--sm">Les valeurs de ce graphique figurent dans le tableau « Taux de pré-demande en ligne par mois » ci-dessus.</p>
          <h2>Par mairie</h2>
          {tableau.perimetre.niveau === 'departement' ? (
            points.length > 0 ? (
              <>
                {unsafeRawHtml(carteTaux('carte-taux', points, 'Carte du département : taux de pré-demande en ligne de chaque mairie équipée d’un DR'))}
                <p class="fr-text--sm">Chaque mairie est placée au centre de sa commune. Les noms qui ne tiennent pas sur la carte, et tous les chiffres, figurent dans le tableau qui suit.</p>
              </>
            ) : (
              <p class="fr-text--sm">Carte non disponible : les centres des communes de ce département ne sont pas chargés dans la plateforme. Le tableau ci-dessous donne les mêmes chiffres.</p>
            )
          ) : null}
          {liste
            .filter((f) => f.id !== 'mois')
            .map((f) => (
              <>
                {SECTIONS[f.id] ? <h2>{SECTIONS[f.id]}</h2> : null}
                <TableFigure figure={f} requete={props.requete} />
              </>
            ))}
        </>
      ) : null}
    </Layout>
  );
}
