// Import de lieux depuis l'administration : le contenu d'un CSV collé dans un champ (les
// formulaires du site n'acceptent pas de fichier joint). Tout ou rien, erreurs par ligne.
import { Alert } from '../../kernel/views/components/alert.tsx';
import { CsrfField } from '../../kernel/views/components/csrf-field.tsx';
import { Input } from '../../kernel/views/components/input.tsx';
import { Layout } from '../../kernel/views/layout.tsx';
import type { PageContext } from '../../kernel/views/page-context.ts';
import type { ErreurFichier } from './fichiers-points.ts';
import { CHAMPS_POINT } from './validation-point.ts';

export function ImportPointsPage({ ctx, contenu = '', source = '', erreurs = [] }: { ctx: PageContext; contenu?: string; source?: string; erreurs?: readonly ErreurFichier[] }) {
  return (
    <Layout ctx={ctx} title="Importer des lieux">
      <h1>Importer des lieux (CSV)</h1>
      {erreurs.length > 0 ? (
        <Alert type="error" title="Fichier refusé : rien n’a été importé" id="erreurs-import">
          <ul>
            {erreurs.slice(0, 100).map((e) => (
              <li>{e.ligne !== null ? `Ligne ${e.ligne} : ${e.message}` : e.message}</li>
            ))}
          </ul>
        </Alert>
      ) : null}
      <p>
        Première ligne : les noms de colonnes, parmi <code>cle</code>, {CHAMPS_POINT.map((c) => c).join(', ')}. Séparateur « ; » ou « , ». Une ligne
        dont la <code>cle</code> existe déjà remplace le lieu correspondant. Pour un fichier volumineux ou GeoJSON, utilisez la commande{' '}
        <code>npm run cli -- territoire import-points</code>.
      </p>
      <p>
        Exporter les lieux : <a href="/admin/points/export.csv">CSV</a> · <a href="/admin/points/export.geojson">GeoJSON</a>
      </p>
      <form method="post" action="/admin/points/import">
        <CsrfField token={ctx.csrfToken} />
        <div class={`fr-input-group${erreurs.length > 0 ? ' fr-input-group--error' : ''}`}>
          <label class="fr-label" for="champ-contenu">
            Contenu du fichier CSV
            <span class="fr-hint-text">60 000 caractères au plus</span>
          </label>
          <textarea class="fr-input" id="champ-contenu" name="contenu" rows={12} maxlength={60000} aria-describedby={erreurs.length > 0 ? 'erreurs-import' : undefined}>
            {contenu}
          </textarea>
        </div>
        <Input name="source" label="Source des données" hint="Par exemple « Conseil départemental, liste du 1er mars »" value={source} />
        <button type="submit" class="fr-btn">
          Vérifier et importer
        </button>
      </form>
    </Layout>
  );
}
