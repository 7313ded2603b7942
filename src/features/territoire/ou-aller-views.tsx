// « Où aller ? » : une saisie, une réponse. Fonctionne sans JavaScript ; le bouton « utiliser
// ma position » n'apparaît qu'avec JavaScript et remplit les champs latitude/longitude.
import { Alert } from '../../kernel/views/components/alert.tsx';
import { Input } from '../../kernel/views/components/input.tsx';
import { Layout } from '../../kernel/views/layout.tsx';
import type { PageContext } from '../../kernel/views/page-context.ts';
import { PointDetail } from './composants.tsx';
import type { Reponse } from './orientation.ts';
import type { ResultatRecherche } from './reference/index.ts';

export type EtatOuAller =
  | { readonly etape: 'formulaire' }
  | { readonly etape: 'erreur'; readonly saisie: string; readonly message: string }
  | { readonly etape: 'erreur-position'; readonly lat: string; readonly lon: string; readonly message: string }
  | { readonly etape: 'choix'; readonly saisie: string; readonly choix: readonly ResultatRecherche[] }
  | { readonly etape: 'reponse'; readonly saisie: string; readonly reponse: Reponse };

export interface OuAllerProps {
  ctx: PageContext;
  etat: EtatOuAller;
  nomDe: (code: string) => string;
  nomDepartement: string;
}

function libelleCommune(c: { nom: string; type: string }, nouvelle?: { nom: string }): string {
  return nouvelle && c.type !== 'commune-actuelle' ? `${c.nom} (commune déléguée de ${nouvelle.nom})` : c.nom;
}

function lienChoix(r: ResultatRecherche): string {
  // Le code d'une déléguée peut être celui de sa commune nouvelle : on la désigne par son nom.
  const cle = r.commune.type === 'commune-actuelle' ? r.commune.code : r.commune.nom;
  return `/ou-aller?commune=${encodeURIComponent(cle)}`;
}

function Formulaire({ saisie, erreur }: { saisie: string; erreur?: string | undefined }) {
  return (
    <form method="get" action="/ou-aller" class="fr-mb-4w gt-ecran-seulement" role="search">
      <Input
        name="commune"
        label="Votre commune"
        hint="Nom, code postal ou code INSEE — par exemple Belvès, 24000 ou 24322."
        value={saisie}
        error={erreur}
        maxlength={100}
        autocomplete="address-level2"
      />
      <button type="submit" class="fr-btn">
        Chercher
      </button>
    </form>
  );
}

export function FormulairePosition({ lat = '', lon = '', erreur }: { lat?: string; lon?: string; erreur?: string | undefined }) {
  return (
    <form method="get" action="/ou-aller" class="fr-mb-4w gt-ecran-seulement" id="formulaire-position">
      <fieldset class="fr-fieldset">
        <legend class="fr-fieldset__legend">Ou partir d’une position (facultatif)</legend>
        <p class="fr-hint-text fr-ml-1w">Votre position sert au calcul et n’est pas enregistrée.</p>
        <div class="fr-fieldset__element">
          <Input name="lat" label="Latitude" hint="En degrés décimaux, par exemple 45.18" value={lat} error={erreur} maxlength={20} />
        </div>
        <div class="fr-fieldset__element">
          <Input name="lon" label="Longitude" hint="En degrés décimaux, par exemple 0.72" value={lon} maxlength={20} />
        </div>
        <div class="fr-fieldset__element">
          <button type="submit" class="fr-btn fr-btn--secondary">
            Chercher depuis cette position
          </button>{' '}
          <button type="button" class="fr-btn fr-btn--tertiary" id="utiliser-ma-position" hidden>
            Utiliser ma position
          </button>
          <p id="etat-position" class="fr-text--sm" aria-live="polite"></p>
        </div>
      </fieldset>
    </form>
  );
}

function SansCentre({ reponse }: { reponse: Reponse }) {
  const nom = reponse.commune?.nom ?? '';
  return (
    <Alert type="warning" title={`Nous ne connaissons pas la position de ${nom}`}>
      <p>
        Sans le centre de la commune, nous ne pouvons pas calculer de distance : plutôt que de deviner, choisissez une
        commune voisine, donnez une position, ou consultez <a href="/ou">la liste de tous les lieux</a>.
      </p>
      {reponse.voisines.length > 0 ? (
        <>
          <p>Communes du même code postal dont la position est connue :</p>
          <ul>
            {reponse.voisines.map((v) => (
              <li>
                <a href={`/ou-aller?commune=${v.code}`}>{v.nom}</a>
              </li>
            ))}
          </ul>
        </>
      ) : null}
    </Alert>
  );
}

function Resultat({ reponse, nomDe, saisie }: { reponse: Reponse; nomDe: (code: string) => string; saisie: string }) {
  const { commune, communeActuelle, origine } = reponse;
  const titre = commune ? libelleCommune(commune, communeActuelle ?? undefined) : 'votre position';
  const drIci = reponse.pointsDeLaCommune.filter((p) => p.type === 'dr');
  return (
    <section aria-labelledby="titre-reponse">
      <h2 id="titre-reponse">Depuis {titre}</h2>
      {drIci.length > 0 ? (
        <Alert type="success" title={`La mairie de ${communeActuelle?.nom ?? ''} est équipée d’un dispositif de recueil`}>
          <p>Vous pouvez y déposer votre demande, de préférence avec votre numéro de pré-demande en ligne.</p>
        </Alert>
      ) : null}
      {origine ? (
        <p class="fr-text--sm">
          Distances à vol d’oiseau depuis{' '}
          {origine.source === 'position-usager'
            ? 'la position indiquée'
            : `le centre de ${origine.communeNom ?? ''} (${origine.source === 'geonames' ? 'bourg, GeoNames' : origine.source === 'admin-express' ? 'centre du territoire, IGN Admin Express' : 'centre approché, IGN Admin Express'})`}
          .
        </p>
      ) : (
        <SansCentre reponse={reponse} />
      )}
      {commune ? (
        <p class="fr-text--sm">
          Lien à partager : <a href={`/ou-aller?commune=${encodeURIComponent(saisie)}`}>/ou-aller?commune={saisie}</a> ·{' '}
          <a href={`/communes/${communeActuelle?.code ?? commune.code}`}>fiche de la commune</a>
        </p>
      ) : null}
      {origine ? (
        <>
          <h3>Mairies équipées d’un dispositif de recueil les plus proches</h3>
          {reponse.dr.length === 0 ? <p>Aucune mairie équipée n’est enregistrée.</p> : null}
          {reponse.dr.map((p) => (
            <PointDetail point={p} communeNom={nomDe(p.communeCode)} distanceKm={p.distanceKm} titre="h4" />
          ))}
          <h3>Lieux qui aident à faire la pré-demande en ligne</h3>
          {reponse.aide.length === 0 ? <p>Aucun lieu d’aide n’est enregistré près d’ici.</p> : null}
          {reponse.aide.map((p) => (
            <PointDetail point={p} communeNom={nomDe(p.communeCode)} distanceKm={p.distanceKm} titre="h4" />
          ))}
        </>
      ) : null}
    </section>
  );
}

export function OuAllerPage({ ctx, etat, nomDe, nomDepartement }: OuAllerProps) {
  const saisie = etat.etape === 'formulaire' || etat.etape === 'erreur-position' ? '' : etat.saisie;
  return (
    <Layout ctx={ctx} title="Où aller ?" scripts={['/territoire/js/position.js']}>
      <h1>Où aller pour ma carte d’identité ou mon passeport ?</h1>
      <p class="fr-text--lead">
        Vous pouvez déposer votre demande dans n’importe quelle mairie équipée d’un dispositif de recueil, pas seulement celle
        de votre commune. Indiquez votre commune ({nomDepartement}) : nous vous donnons les plus proches, et les lieux où
        l’on peut vous aider à faire la pré-demande en ligne.
      </p>
      <Formulaire saisie={saisie} erreur={etat.etape === 'erreur' ? etat.message : undefined} />
      {etat.etape === 'choix' ? (
        <section aria-labelledby="titre-choix">
          <h2 id="titre-choix">Plusieurs communes correspondent à « {etat.saisie} »</h2>
          <p>Choisissez la vôtre :</p>
          <ul>
            {etat.choix.map((r) => (
              <li>
                <a href={lienChoix(r)}>
                  {libelleCommune(r.commune, r.communeNouvelle)} — {r.commune.code}
                  {(r.communeNouvelle ?? r.commune).codesPostaux.length > 0 ? `, ${(r.communeNouvelle ?? r.commune).codesPostaux.join(', ')}` : ''}
                </a>
              </li>
            ))}
          </ul>
        </section>
      ) : null}
      {etat.etape === 'reponse' ? <Resultat reponse={etat.reponse} nomDe={nomDe} saisie={etat.saisie} /> : null}
      {etat.etape === 'erreur-position' ? <FormulairePosition lat={etat.lat} lon={etat.lon} erreur={etat.message} /> : <FormulairePosition />}
      <p>
        <a href="/ou">Voir la liste et la carte de tous les lieux</a>
      </p>
    </Layout>
  );
}
