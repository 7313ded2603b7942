// Les trois questions du kit dans la page : QUI, OÙ (carte SVG suivie de la liste qui en
// donne tout le contenu), COMMENT (les trois fiches, chaque étape liée à la page qui la fait).
import { unsafeRawHtml } from '../../kernel/views/html.ts';
import { CE_QUE_FAIT, LEGENDE, LIBELLE_COURT, LIBELLE_NIVEAU, ROLE_MAIRIE, TYPES_POINT, type Point, type TypePoint } from '../territoire/index.ts';
import { dimensionsSvg, pastilleSvg } from './carte-svg.ts';
import { COMMENT, OU, QUI } from './contenu.ts';
import { comptesParType, type DonneesKit } from './kit-service.ts';

const NIVEAUX = ['dr', 'espace_numerique', 'aucun'] as const;
const AUTRES: readonly TypePoint[] = ['msap', 'msap_poste', 'prefecture'];

export function Qui() {
  return (
    <section id="qui" class="gt-kit-section fr-mb-6w" aria-labelledby="titre-qui">
      <h2 id="titre-qui">{QUI.titre}</h2>
      <p>{QUI.intro}</p>
      <div class="fr-grid-row fr-grid-row--gutters">
        {NIVEAUX.map((niveau) => (
          <div class="fr-col-12 fr-col-md-4">
            <h3 class="fr-h5">{LIBELLE_NIVEAU[niveau]}</h3>
            <ul>
              {ROLE_MAIRIE[niveau].map((ligne) => (
                <li>{ligne}</li>
              ))}
            </ul>
          </div>
        ))}
      </div>
      <h3 class="fr-h5">{QUI.prefecture.titre}</h3>
      <ul>
        {QUI.prefecture.role.map((ligne) => (
          <li>{ligne}</li>
        ))}
      </ul>
      <h3 class="fr-h5">{QUI.autresLieux}</h3>
      <dl class="gt-fiche">
        {AUTRES.map((type) => (
          <>
            <dt>{LEGENDE[type]}</dt>
            <dd>{CE_QUE_FAIT[type]}</dd>
          </>
        ))}
      </dl>
    </section>
  );
}

function TableLieux({ id, legende, points, nomDe, avecSorte }: { id: string; legende: string; points: readonly Point[]; nomDe: (code: string) => string; avecSorte: boolean }) {
  return (
    <div class="fr-table fr-table--no-caption gt-kit-table" id={id}>
      <table>
        <caption>{legende}</caption>
        <thead>
          <tr>
            <th scope="col">Commune</th>
            {avecSorte ? <th scope="col">Sorte de lieu</th> : null}
            <th scope="col">Lieu</th>
            <th scope="col">Adresse</th>
            <th scope="col">Téléphone</th>
            <th scope="col">Horaires</th>
          </tr>
        </thead>
        <tbody>
          {points.map((p) => (
            <tr data-type={p.type}>
              <th scope="row">
                <a href={`/kit/commune/${p.communeCode}`}>{nomDe(p.communeCode)}</a>
              </th>
              {avecSorte ? <td>{LIBELLE_COURT[p.type]}</td> : null}
              <td>
                {p.nom}
                {p.demonstration ? ' (démonstration)' : ''}
              </td>
              <td>{p.adresse || OU.nonRenseignee}</td>
              <td>{p.telephone || OU.nonRenseigne}</td>
              <td>{p.horaires || 'non renseignés'}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

export function descriptionCarte(d: DonneesKit) {
  const comptes = comptesParType(d.points);
  return (
    `Carte du département ${d.nomDepartement} : ${TYPES_POINT.map((t) => `${LEGENDE[t]}, ${comptes[t]}`).join(' ; ')}. ` +
    'Les communes équipées d’un dispositif de recueil sont nommées quand la place le permet. Les tableaux qui suivent donnent chaque lieu avec son adresse et son téléphone.'
  );
}

export function Ou({ d }: { d: DonneesKit }) {
  const comptes = comptesParType(d.points);
  const { largeur, hauteur } = dimensionsSvg(d.carte);
  const autres = d.points.filter((p) => p.type !== 'dr').sort((a, b) => TYPES_POINT.indexOf(a.type) - TYPES_POINT.indexOf(b.type) || d.nomDe(a.communeCode).localeCompare(d.nomDe(b.communeCode), 'fr'));
  return (
    <section id="ou" class="gt-kit-section fr-mb-6w" aria-labelledby="titre-ou">
      <h2 id="titre-ou">{OU.titre}</h2>
      <p>{OU.intro}</p>
      <figure class="fr-mb-2w gt-kit-figure">
        {/* L'adresse porte la version des données : l'image change quand elles changent, et se garde en cache sinon. */}
        <img src={`/kit/carte.svg?v=${encodeURIComponent(d.version)}`} alt={OU.carteTitre(d.nomDepartement)} aria-describedby="carte-kit-description" width={largeur} height={hauteur} />
        <figcaption class="fr-text--sm">
          <span id="carte-kit-description">{descriptionCarte(d)}</span> {OU.sources}
        </figcaption>
      </figure>
      <h3 id="titre-liste-dr">
        {OU.listeDr} ({d.dr.length})
      </h3>
      {d.dr.length === 0 ? <p>{OU.aucunDr}</p> : <TableLieux id="liste-dr" legende={OU.listeDr} points={d.dr} nomDe={d.nomDe} avecSorte={false} />}
      {autres.length > 0 ? (
        <>
          <h3>Les autres lieux de la carte ({autres.length})</h3>
          <ul class="fr-text--sm gt-kit-legende">
            {TYPES_POINT.filter((t) => t !== 'dr').map((t) => (
              <li>
                {unsafeRawHtml(pastilleSvg(t), 'span')} {LEGENDE[t]} : {comptes[t]}
              </li>
            ))}
          </ul>
          <TableLieux id="liste-autres" legende="Espaces numériques, MSAP et points numériques" points={autres} nomDe={d.nomDe} avecSorte />
        </>
      ) : null}
    </section>
  );
}

export function Comment({ d }: { d: DonneesKit }) {
  return (
    <section id="comment" class="gt-kit-section fr-mb-6w" aria-labelledby="titre-comment">
      <h2 id="titre-comment">{COMMENT.titre}</h2>
      <p>{COMMENT.intro}</p>
      {d.guides.length === 0 ? <p>{COMMENT.indisponible}</p> : null}
      {d.guides.map((g, i) => (
        <article class="gt-kit-guide fr-mb-4w" aria-labelledby={`titre-guide-${i}`}>
          <h3 id={`titre-guide-${i}`}>{g.titre}</h3>
          {g.intro.map((p) => (
            <p>{p}</p>
          ))}
          {g.tarifs.length > 0 ? (
            <ul>
              {g.tarifs.map((t) => (
                <li>
                  <strong>{t.libelle} : {t.montant}</strong>
                  {t.conditions ? ` (${t.conditions})` : ''}
                </li>
              ))}
            </ul>
          ) : null}
          {g.encadre ? (
            <div class="fr-callout fr-mb-3w">
              <h4 class="fr-callout__title">{g.encadre.titre}</h4>
              {g.encadre.paragraphes.map((p) => (
                <p class="fr-callout__text fr-mb-1w">{p}</p>
              ))}
              <ul>
                {g.encadre.liens.map((l) => (
                  <li>
                    <a class="fr-link" href={l.href}>
                      {l.libelle}
                    </a>
                  </li>
                ))}
              </ul>
            </div>
          ) : null}
          <ol class="gt-kit-etapes">
            {g.etapes.map((e) => (
              <li>
                <h4 class="fr-h6 fr-mb-1w">
                  Étape #{e.numero} — {e.titre}
                </h4>
                {e.paragraphes.map((p) => (
                  <p class="fr-mb-1w">{p}</p>
                ))}
                {e.lien ? (
                  <p>
                    <a class="fr-link" href={e.lien.href}>
                      {e.lien.libelle}
                    </a>
                  </p>
                ) : null}
              </li>
            ))}
          </ol>
          {(g.conclusion ?? []).map((p) => (
            <p>
              <strong>{p}</strong>
            </p>
          ))}
          <p class="gt-kit-actions">
            <a class="fr-link fr-icon-arrow-right-line fr-link--icon-right" href={g.chemin}>
              Ouvrir la fiche « {g.titre} »
            </a>
          </p>
        </article>
      ))}
    </section>
  );
}
