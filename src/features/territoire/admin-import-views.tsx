// Import depuis l'administration : un fichier joint (formulaire multipart, sans JavaScript) ou
// un contenu collé, dans l'un des quatre formats que la commande `territoire` connaît. Tout ou
// rien, erreurs numérotées par ligne ou par objet ; jamais un fichier tronqué.
import { Radios } from '../../kernel/forms/fields.tsx';
import { Alert, ErrorSummary } from '../../kernel/views/components/alert.tsx';
import { CsrfField } from '../../kernel/views/components/csrf-field.tsx';
import { Input } from '../../kernel/views/components/input.tsx';
import { Layout } from '../../kernel/views/layout.tsx';
import type { PageContext } from '../../kernel/views/page-context.ts';
import type { ResultatContours } from './contours-service.ts';
import type { ErreurFichier } from './fichiers-points.ts';
import type { FormatImport } from './import-fichiers.ts';
import { CHAMPS_POINT } from './validation-point.ts';

/** Largest uploaded file, and largest pasted content (characters). */
export const TAILLE_MAX_FICHIER = 10 * 1024 * 1024;
export const TAILLE_MAX_FICHIER_TEXTE = '10 Mo';
export const LONGUEUR_MAX_CONTENU = 60_000;

export const LIBELLE_FORMAT: Record<FormatImport, string> = {
  csv: 'Lieux d’accueil — CSV',
  geojson: 'Lieux d’accueil — GeoJSON',
  'lieux-mediation': 'Lieux de médiation numérique — schéma national LieuMediationNumerique (JSON ou CSV)',
  contours: 'Contours des communes — IGN Admin Express (GeoJSON)',
};

export interface ErreursChamps {
  format?: string | undefined;
  fichier?: string | undefined;
  contenu?: string | undefined;
}

export interface EtatImport {
  format?: string | undefined;
  contenu?: string | undefined;
  source?: string | undefined;
  erreurs?: readonly ErreurFichier[] | undefined;
  champs?: ErreursChamps | undefined;
}

function MessageChamp({ id, message }: { id: string; message: string | undefined }) {
  if (!message) return null;
  return (
    <div class="fr-messages-group" id={id} aria-live="polite">
      <p class="fr-message fr-message--error">{message}</p>
    </div>
  );
}

export function ImportPointsPage({ ctx, etat = {} }: { ctx: PageContext; etat?: EtatImport }) {
  const { format = 'csv', contenu = '', source = '', erreurs = [], champs = {} } = etat;
  const refuse = erreurs.length > 0;
  const decrit = (id: string, message: string | undefined) => [message ? id : null, refuse ? 'erreurs-import' : null].filter(Boolean).join(' ') || undefined;
  return (
    <Layout ctx={ctx} title="Importer des données du territoire">
      <h1>Importer des données du territoire</h1>
      <ErrorSummary errors={{ ...champs }} />
      {refuse ? (
        <Alert type="error" title="Fichier refusé : rien n’a été importé" id="erreurs-import">
          <p>
            {erreurs.length} erreur{erreurs.length > 1 ? 's' : ''}
            {erreurs.length > 100 ? ' ; les 100 premières :' : ' :'}
          </p>
          <ul>
            {erreurs.slice(0, 100).map((e) => (
              <li>{e.ligne !== null ? `Ligne ${e.ligne} : ${e.message}` : e.message}</li>
            ))}
          </ul>
        </Alert>
      ) : null}
      <p>
        Chaque fichier est vérifié en entier avant d’être appliqué : à la moindre erreur, rien n’est importé et chaque ligne (ou objet) à corriger
        est citée. Un lieu dont la <code>cle</code> (ou l’identifiant) existe déjà est mis à jour ; un export se réimporte tel quel.
      </p>
      <p>
        Colonnes des lieux (CSV, et propriétés GeoJSON) : <code>cle</code>, {CHAMPS_POINT.join(', ')}, <code>ouvert</code> (« oui » ou « non »).
        Séparateur « ; » ou « , », encodage UTF-8.
      </p>
      <p>
        Exporter les lieux : <a href="/admin/points/export.csv">CSV</a> · <a href="/admin/points/export.geojson">GeoJSON</a>
      </p>
      <form method="post" action="/admin/points/import" enctype="multipart/form-data">
        <CsrfField token={ctx.csrfToken} />
        <Radios
          name="format"
          legend="Format du fichier"
          hint={undefined}
          value={format}
          error={champs.format}
          options={(Object.keys(LIBELLE_FORMAT) as FormatImport[]).map((f) => ({ value: f, label: LIBELLE_FORMAT[f] }))}
        />
        <div class={`fr-upload-group${champs.fichier ? ' fr-upload-group--error' : ''}`}>
          <label class="fr-label" for="champ-fichier">
            Fichier à importer
            <span class="fr-hint-text">
              {TAILLE_MAX_FICHIER_TEXTE} au plus. Au-delà, utilisez la commande <code>npm run cli -- territoire</code>.
            </span>
          </label>
          <input
            class="fr-upload"
            type="file"
            id="champ-fichier"
            name="fichier"
            accept=".csv,.json,.geojson,text/csv,application/json,application/geo+json"
            aria-invalid={champs.fichier ? 'true' : undefined}
            aria-describedby={decrit('champ-fichier-messages', champs.fichier)}
          />
          <MessageChamp id="champ-fichier-messages" message={champs.fichier} />
        </div>
        <div class={`fr-input-group${champs.contenu ? ' fr-input-group--error' : ''}`}>
          <label class="fr-label" for="champ-contenu">
            Ou contenu du fichier, collé ici
            {/* No maxlength: a browser silently cuts a longer paste, and a cut file must never be applied. */}
            <span class="fr-hint-text">{LONGUEUR_MAX_CONTENU.toLocaleString('fr-FR')} caractères au plus ; un contenu plus long est refusé, joignez alors le fichier</span>
          </label>
          <textarea
            class={`fr-input${champs.contenu ? ' fr-input--error' : ''}`}
            id="champ-contenu"
            name="contenu"
            rows={12}
            aria-invalid={champs.contenu ? 'true' : undefined}
            aria-describedby={decrit('champ-contenu-messages', champs.contenu)}
          >
            {contenu}
          </textarea>
          <MessageChamp id="champ-contenu-messages" message={champs.contenu} />
        </div>
        <Input name="source" label="Source des données (lieux seulement)" hint="Par exemple « Conseil départemental, liste du 1er mars » ; sans elle, le nom du fichier" value={source} />
        <button type="submit" class="fr-btn">
          Vérifier et importer
        </button>
      </form>
    </Layout>
  );
}

/** What a contour import changed, and what it could not match: the report the command prints. */
export function ResultatContoursPage({ ctx, resultat }: { ctx: PageContext; resultat: Extract<ResultatContours, { ok: true }> }) {
  const { stats, unmatched, withoutGeometry } = resultat.reconciliation;
  return (
    <Layout ctx={ctx} title="Contours importés">
      <h1>Contours des communes importés</h1>
      <Alert type="success" title={`${stats.objets} contours lus : ${resultat.communesMisesAJour} communes et déléguées mises à jour.`}>
        <p>
          {stats.communesActuelles} communes actuelles, {stats.deleguees} déléguées, {stats.anciensCodes} anciens codes rattachés, {stats.horsDepartement} hors
          département. {stats.communesAvecCentre} communes ont désormais un centre ; {stats.delegueesAvecCentre} déléguées aussi.{' '}
          {resultat.pointsDeplaces} lieux repositionnés.
        </p>
      </Alert>
      <h2>Codes non reconnus ({unmatched.length})</h2>
      {unmatched.length === 0 ? (
        <p>Aucun.</p>
      ) : (
        <ul>
          {unmatched.slice(0, 300).map((u) => (
            <li>
              Objet n° {u.numero}, code {u.code} ({u.nom})
            </li>
          ))}
        </ul>
      )}
      <h2>Communes sans contour ({withoutGeometry.length})</h2>
      {withoutGeometry.length === 0 ? (
        <p>Aucune.</p>
      ) : (
        <ul>
          {withoutGeometry.slice(0, 300).map((c) => (
            <li>
              {c.commune.nom} ({c.commune.code})
            </li>
          ))}
        </ul>
      )}
      <p>
        <a href="/admin/points">Retour aux lieux d’accueil</a> · <a href="/admin/points/import">Importer un autre fichier</a>
      </p>
    </Layout>
  );
}
