// Pages d'administration des lieux d'accueil et du niveau d'équipement des communes.
import { Alert, ErrorSummary } from '../../kernel/views/components/alert.tsx';
import { CsrfField } from '../../kernel/views/components/csrf-field.tsx';
import { Input } from '../../kernel/views/components/input.tsx';
import { Select } from '../../kernel/views/components/select.tsx';
import { Layout } from '../../kernel/views/layout.tsx';
import type { PageContext } from '../../kernel/views/page-context.ts';
import type { Point } from './points-repository.ts';
import { LIBELLE_COURT, LIBELLE_NIVEAU, TYPES_POINT, type NiveauEquipement } from './types-points.ts';
import type { ErreursPoint, SaisiePoint } from './validation-point.ts';

export function ListePointsAdmin({ ctx, points, nomDe, notice }: { ctx: PageContext; points: readonly Point[]; nomDe: (c: string) => string; notice?: string | undefined }) {
  return (
    <Layout ctx={ctx} title="Lieux d’accueil — administration">
      <h1>Lieux d’accueil</h1>
      {notice ? <Alert type="success" title={notice} /> : null}
      <p>
        <a class="fr-btn" href="/admin/points/nouveau">
          Ajouter un lieu
        </a>
      </p>
      <p>
        <a href="/admin/points/import">Importer un fichier</a> (lieux en CSV ou GeoJSON, schéma national des lieux de médiation numérique, contours
        des communes IGN Admin Express) · Exporter : <a href="/admin/points/export.csv">CSV</a> · <a href="/admin/points/export.geojson">GeoJSON</a>
      </p>
      <p class="fr-text--sm">
        Fichiers de plus de 10 Mo : commande <code>npm run cli -- territoire</code>, voir le README.
      </p>
      <div class="fr-table">
        <table>
          <caption>Tous les lieux, ouverts et fermés</caption>
          <thead>
            <tr>
              <th scope="col">Lieu</th>
              <th scope="col">Sorte</th>
              <th scope="col">Commune</th>
              <th scope="col">État</th>
              <th scope="col">Actions</th>
            </tr>
          </thead>
          <tbody>
            {points.map((p) => (
              <tr>
                <td>
                  <a href={`/admin/points/${p.id}`}>{p.nom}</a>
                </td>
                <td>{LIBELLE_COURT[p.type]}</td>
                <td>
                  <a href={`/admin/communes/${p.communeCode}`}>{nomDe(p.communeCode)}</a>
                </td>
                <td>{p.ouvert ? 'Ouvert' : 'Fermé'}</td>
                <td>
                  <form method="post" action={`/admin/points/${p.id}/${p.ouvert ? 'fermer' : 'rouvrir'}`} class="gt-inline-form">
                    <CsrfField token={ctx.csrfToken} />
                    <button type="submit" class="fr-btn fr-btn--sm fr-btn--secondary">
                      {p.ouvert ? 'Fermer' : 'Rouvrir'}
                      <span class="fr-sr-only"> {p.nom}</span>
                    </button>
                  </form>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </Layout>
  );
}

export function FormulairePoint({ ctx, action, valeurs, erreurs, titre }: { ctx: PageContext; action: string; valeurs: SaisiePoint; erreurs: ErreursPoint; titre: string }) {
  const champ = (name: keyof SaisiePoint, label: string, hint?: string) => (
    <Input name={name} label={label} hint={hint} value={valeurs[name]} error={erreurs[name]} />
  );
  return (
    <Layout ctx={ctx} title={titre}>
      <h1>{titre}</h1>
      <ErrorSummary errors={erreurs} />
      <form method="post" action={action}>
        <CsrfField token={ctx.csrfToken} />
        <Select name="type" label="Sorte de lieu" value={valeurs.type} error={erreurs.type} options={TYPES_POINT.map((t) => ({ value: t, label: LIBELLE_COURT[t] }))} />
        {champ('commune', 'Code INSEE de la commune', 'Commune actuelle, par exemple 24322 pour Périgueux')}
        {champ('lieu_deleguee', 'Code INSEE de la commune déléguée (facultatif)', 'Quand le lieu est dans une commune déléguée, par exemple 24035 pour Belvès')}
        {champ('nom', 'Nom du lieu')}
        {champ('adresse', 'Adresse (facultatif)')}
        {champ('telephone', 'Téléphone (facultatif)')}
        {champ('horaires', 'Horaires (facultatif)')}
        {champ('site_web', 'Site (facultatif)', 'Commence par https://')}
        {champ('lat', 'Latitude de l’adresse (facultatif)', 'Vide : le lieu est placé au centre de sa commune, et la page le dit')}
        {champ('lon', 'Longitude de l’adresse (facultatif)')}
        {champ('nombre_dispositifs', 'Nombre de dispositifs de recueil (mairie équipée seulement, facultatif)')}
        {champ('notes', 'Notes (facultatif)')}
        {champ('source', 'Source de l’information', 'Par exemple « Mairie de Ribérac, courriel du 3 mars »')}
        <Select name="demonstration" label="Donnée de démonstration ?" value={valeurs.demonstration || 'non'} error={erreurs.demonstration} options={[{ value: 'non', label: 'Non : lieu réel' }, { value: 'oui', label: 'Oui : exemple fictif, signalé comme tel' }]} />
        <button type="submit" class="fr-btn">
          Enregistrer
        </button>
      </form>
    </Layout>
  );
}

export function NiveauCommunePage({ ctx, code, nom, niveau, deduit, fixe, erreur }: { ctx: PageContext; code: string; nom: string; niveau: NiveauEquipement; deduit: NiveauEquipement; fixe: boolean; erreur?: string | undefined }) {
  return (
    <Layout ctx={ctx} title={`Niveau d’équipement — ${nom}`}>
      <h1>Niveau d’équipement de {nom}</h1>
      <p>
        Niveau actuel : <strong>{LIBELLE_NIVEAU[niveau]}</strong> ({fixe ? 'fixé par un administrateur' : 'déduit des lieux'}). D’après les lieux
        enregistrés : {LIBELLE_NIVEAU[deduit].toLowerCase()}.
      </p>
      <form method="post" action={`/admin/communes/${code}/niveau`}>
        <CsrfField token={ctx.csrfToken} />
        <Select
          name="niveau"
          label="Niveau d’équipement"
          value={fixe ? niveau : 'deduit'}
          error={erreur}
          options={[{ value: 'deduit', label: 'Déduit des lieux enregistrés' }, ...(['dr', 'espace_numerique', 'aucun'] as const).map((n) => ({ value: n, label: LIBELLE_NIVEAU[n] }))]}
        />
        <button type="submit" class="fr-btn">
          Enregistrer
        </button>
      </form>
      <p>
        <a href={`/communes/${code}`}>Voir la fiche publique</a>
      </p>
    </Layout>
  );
}
