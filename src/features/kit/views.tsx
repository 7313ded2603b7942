// Les pages /kit et /kit/commune/<INSEE> : le kit complet, lisible à l'écran, imprimable
// (feuille de style d'impression) et téléchargeable en PDF ; sans JavaScript.
import { Alert } from '../../kernel/views/components/alert.tsx';
import { Input } from '../../kernel/views/components/input.tsx';
import { Layout } from '../../kernel/views/layout.tsx';
import type { PageContext } from '../../kernel/views/page-context.ts';
import { LIBELLE_COURT, LIBELLE_NIVEAU, ROLE_MAIRIE, type PointProche } from '../territoire/index.ts';
import { COMMUNE, formaterKm, KIT, OU } from './contenu.ts';
import type { CommuneKit, DonneesKit } from './kit-service.ts';
import { Comment, Ou, Qui } from './sections-views.tsx';

const dateLongue = new Intl.DateTimeFormat('fr-FR', { dateStyle: 'long', timeStyle: 'short', timeZone: 'Europe/Paris' });

export interface ChoixCommune {
  saisie: string;
  erreur?: string | undefined;
  choix?: readonly { code: string; libelle: string }[] | undefined;
}

function FormulaireCommune({ choix }: { choix: ChoixCommune }) {
  return (
    <form method="get" action="/kit/commune" class="gt-kit-actions fr-mb-4w">
      <Input name="commune" label="Le kit de votre commune" hint="Nom de la commune, code postal ou code INSEE. Son rôle et ses lieux les plus proches viennent en premier." value={choix.saisie} error={choix.erreur} maxlength={100} autocomplete="address-level2" />
      {choix.choix && choix.choix.length > 0 ? (
        <div class="fr-mb-2w">
          <p id="choix-communes">Plusieurs communes correspondent : choisissez la vôtre.</p>
          <ul aria-labelledby="choix-communes">
            {choix.choix.map((c) => (
              <li>
                <a href={`/kit/commune/${c.code}`}>{c.libelle}</a>
              </li>
            ))}
          </ul>
        </div>
      ) : null}
      <button type="submit" class="fr-btn fr-btn--secondary">
        Voir le kit de cette commune
      </button>
    </form>
  );
}

function Proches({ titre, points, c, nomDe }: { titre: string; points: readonly PointProche[]; c: CommuneKit; nomDe: (code: string) => string }) {
  return (
    <>
      <h3>{titre}</h3>
      {!c.positionConnue ? <p>{COMMUNE.sansCentre}</p> : points.length === 0 ? <p>{COMMUNE.aucunLieu}</p> : null}
      {points.length > 0 ? (
        <ol>
          {points.map((p) => (
            <li>
              <strong>
                {p.nom}
                {p.demonstration ? ' (démonstration)' : ''}
              </strong>{' '}
              — {nomDe(p.communeCode)}, {COMMUNE.distance(formaterKm(p.distanceKm))}
              <br />
              {LIBELLE_COURT[p.type]} · Adresse : {p.adresse || OU.nonRenseignee} · Téléphone : {p.telephone || OU.nonRenseigne}
              {p.horaires ? ` · Horaires : ${p.horaires}` : ''}
            </li>
          ))}
        </ol>
      ) : null}
    </>
  );
}

function VotreCommune({ c, nomDe }: { c: CommuneKit; nomDe: (code: string) => string }) {
  return (
    <section id="votre-commune" class="gt-kit-section fr-mb-6w" aria-labelledby="titre-commune">
      <h2 id="titre-commune">{COMMUNE.titre(`${c.fiche.commune.nom} (${c.fiche.code})`)}</h2>
      <p class="fr-text--lead" id="role-commune">
        {COMMUNE.role} : <strong>{LIBELLE_NIVEAU[c.fiche.niveau]}</strong>
      </p>
      <ul>
        {ROLE_MAIRIE[c.fiche.niveau].map((ligne) => (
          <li>{ligne}</li>
        ))}
      </ul>
      <Proches titre={COMMUNE.drProches} points={c.dr} c={c} nomDe={nomDe} />
      <Proches titre={COMMUNE.aideProches} points={c.aide} c={c} nomDe={nomDe} />
    </section>
  );
}

export function KitPage({ ctx, d, commune, choix }: { ctx: PageContext; d: DonneesKit; commune?: CommuneKit | undefined; choix?: ChoixCommune | undefined }) {
  const pdf = commune ? `/kit/commune/${commune.fiche.code}.pdf` : '/kit.pdf';
  const titre = commune ? `${KIT.titre} — ${commune.fiche.commune.nom}` : KIT.titre;
  const compte = (type: 'espace_numerique') => d.points.filter((p) => p.type === type).length;
  return (
    <Layout ctx={ctx} title={titre}>
      {/* Feuille d'impression propre au kit : chaque question sur sa page, sans en-tête ni formulaires. */}
      <link rel="stylesheet" href="/kit/kit.css" />
      <p class="fr-text--bold fr-mb-1w">{d.operateur}</p>
      <h1>{titre}</h1>
      <p class="fr-text--lead">
        {KIT.sousTitre} — {d.nomDepartement}
      </p>
      <ul class="fr-btns-group fr-btns-group--inline-md gt-kit-actions">
        <li>
          <a class="fr-btn" href={pdf} download>
            Télécharger le kit en PDF
          </a>
        </li>
        {commune ? (
          <li>
            <a class="fr-btn fr-btn--secondary" href="/kit">
              Le kit du département
            </a>
          </li>
        ) : null}
      </ul>
      {d.points.some((p) => p.demonstration) ? (
        <Alert type="warning" title="Données de démonstration">
          <p>{OU.demonstration}</p>
        </Alert>
      ) : null}
      {commune ? <VotreCommune c={commune} nomDe={d.nomDe} /> : <FormulaireCommune choix={choix ?? { saisie: '' }} />}
      <section class="gt-kit-section fr-mb-6w" aria-labelledby="titre-presentation">
        <h2 id="titre-presentation">{KIT.accroche}</h2>
        {KIT.introduction.map((p) => (
          <p>{p}</p>
        ))}
        <p>{KIT.chiffres(new Set(d.dr.map((p) => p.communeCode)).size, compte('espace_numerique'))}</p>
        <p>Il s’articule autour de trois questions :</p>
        <ul>
          {KIT.questions.map((q, i) => (
            <li>
              <a href={`#${['qui', 'ou', 'comment'][i]}`}>{q.titre}</a> {q.texte}
            </li>
          ))}
        </ul>
        <p class="fr-text--sm">{KIT.miseAJour(dateLongue.format(d.genereLe))}</p>
      </section>
      <Qui />
      <Ou d={d} />
      <Comment d={d} />
    </Layout>
  );
}
