import { Layout } from '../../kernel/views/layout.tsx';
import type { PageContext } from '../../kernel/views/page-context.ts';
import { Alert } from '../../kernel/views/components/alert.tsx';
import { CsrfField } from '../../kernel/views/components/csrf-field.tsx';
import { LIBELLES_ETATS, type Etat, type Evenement } from './cycle-de-vie.ts';
import type { DemandeRow, HistoriqueRow } from './demandes-repository.ts';
import { ageEnJours, BadgeEtat, FicheDemande, Historique, TITRES } from './views-communs.tsx';

export const ETATS_FILE: readonly Etat[] = ['transmise', 'en_instruction', 'complement_demande'];

export function FileInstructionPage(props: { ctx: PageContext; demandes: DemandeRow[]; filtre: Etat | undefined; maintenant: Date }) {
  const { ctx, demandes } = props;
  return (
    <Layout ctx={ctx} title="File d’instruction">
      <h1>File d’instruction — département {ctx.principal?.departement}</h1>
      <form method="get" action="/instruction" class="fr-mb-3w">
        <div class="fr-select-group">
          <label class="fr-label" for="filtre-etat">
            Afficher
          </label>
          <select class="fr-select" id="filtre-etat" name="etat">
            <option value="">Toutes les demandes à instruire</option>
            {ETATS_FILE.map((etat) => (
              <option value={etat} selected={etat === props.filtre}>
                {LIBELLES_ETATS[etat]}
              </option>
            ))}
          </select>
        </div>
        <button class="fr-btn fr-btn--secondary" type="submit">
          Filtrer
        </button>
      </form>
      {demandes.length === 0 ? (
        <p>Aucune demande à instruire.</p>
      ) : (
        <div class="fr-table">
          <table>
            <caption>{demandes.length} demande(s), les plus anciennes d’abord</caption>
            <thead>
              <tr>
                <th scope="col">Numéro</th>
                <th scope="col">Titre</th>
                <th scope="col">Origine</th>
                <th scope="col">État</th>
                <th scope="col">Depuis</th>
              </tr>
            </thead>
            <tbody>
              {demandes.map((demande) => (
                <tr>
                  <td>
                    <a href={`/instruction/${demande.id}`}>{demande.numero}</a>
                  </td>
                  <td>{TITRES[demande.titre]}</td>
                  <td>{demande.origine === 'cerfa' ? 'Cerfa' : 'Pré-demande'}</td>
                  <td>
                    <BadgeEtat etat={demande.etat} />
                  </td>
                  <td>{ageEnJours(demande.updated_at, props.maintenant)} j</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </Layout>
  );
}

const DECISIONS: Array<{ evenement: Evenement; libelle: string; motif: boolean; style: string }> = [
  { evenement: 'prendre_en_instruction', libelle: 'Prendre en instruction', motif: false, style: '' },
  { evenement: 'accorder', libelle: 'Accorder', motif: false, style: '' },
  { evenement: 'demander_complement', libelle: 'Demander un complément', motif: true, style: 'fr-btn--secondary' },
  { evenement: 'recevoir_complement', libelle: 'Reprendre l’instruction (complément reçu)', motif: false, style: 'fr-btn--secondary' },
  { evenement: 'refuser', libelle: 'Refuser', motif: true, style: 'fr-btn--tertiary' },
  { evenement: 'classer_sans_suite', libelle: 'Classer sans suite', motif: true, style: 'fr-btn--tertiary' },
];

export function DemandeInstructionPage(props: {
  ctx: PageContext;
  demande: DemandeRow;
  historique: HistoriqueRow[];
  possibles: Evenement[];
  nomCommune: (code: string) => string;
  erreur?: string | undefined;
  motif?: string | undefined;
}) {
  const { ctx, demande } = props;
  return (
    <Layout ctx={ctx} title={`Demande ${demande.numero}`}>
      <p>
        <a class="fr-link fr-icon-arrow-left-line fr-link--icon-left" href="/instruction">
          Retour à la file
        </a>
      </p>
      <h1>Demande {demande.numero}</h1>
      {props.erreur ? (
        <Alert type="error" title="Décision impossible">
          <p>{props.erreur}</p>
        </Alert>
      ) : null}
      <FicheDemande demande={demande} nomCommune={props.nomCommune} />
      {props.possibles.length > 0 ? (
        <>
          <h2 class="fr-mt-4w">Décision</h2>
          {DECISIONS.filter((d) => props.possibles.includes(d.evenement)).map((decision) => (
            <form method="post" action={`/instruction/${demande.id}/${decision.evenement}`} class="fr-mb-3w">
              <CsrfField token={ctx.csrfToken} />
              {decision.motif ? (
                <div class={`fr-input-group${props.erreur && props.motif !== undefined ? ' fr-input-group--error' : ''}`}>
                  <label class="fr-label" for={`motif-${decision.evenement}`}>
                    Motif ({decision.libelle.toLowerCase()})
                    <span class="fr-hint-text">Obligatoire ; communiqué au demandeur.</span>
                  </label>
                  <textarea class="fr-input" id={`motif-${decision.evenement}`} name="motif" rows={2} maxlength={1000} />
                </div>
              ) : null}
              <button class={`fr-btn ${decision.style}`} type="submit">
                {decision.libelle}
              </button>
            </form>
          ))}
        </>
      ) : null}
      <h2 class="fr-mt-4w">Historique</h2>
      <Historique lignes={props.historique} />
    </Layout>
  );
}
