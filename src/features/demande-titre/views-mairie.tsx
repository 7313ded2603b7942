import { Layout } from '../../kernel/views/layout.tsx';
import type { PageContext } from '../../kernel/views/page-context.ts';
import { Alert, ErrorSummary } from '../../kernel/views/components/alert.tsx';
import { CsrfField } from '../../kernel/views/components/csrf-field.tsx';
import { Input } from '../../kernel/views/components/input.tsx';
import { Select } from '../../kernel/views/components/select.tsx';
import { MOTIFS, type SaisieCerfa } from './cerfa.ts';
import type { ControleRemiseRow, DemandeRow, HistoriqueRow } from './demandes-repository.ts';
import { ControlesRemise, FormulaireRemise, type EtatRemise } from './views-remise.tsx';
import { BadgeEtat, FicheDemande, Historique, TITRES } from './views-communs.tsx';

export function DemandesMairiePage({ ctx, demandes, nomCommune }: { ctx: PageContext; demandes: DemandeRow[]; nomCommune: string }) {
  return (
    <Layout ctx={ctx} title="Demandes de la mairie">
      <h1>Demandes de titres — {nomCommune}</h1>
      <ul class="fr-btns-group fr-btns-group--inline-md">
        <li>
          <a class="fr-btn" href="/mairie/cerfa">
            Saisir un Cerfa papier
          </a>
        </li>
        <li>
          <a class="fr-btn fr-btn--secondary" href="/mairie/reception">
            Réceptionner des titres
          </a>
        </li>
        <li>
          <a class="fr-btn fr-btn--secondary" href="/mairie/remise">
            Remettre un titre
          </a>
        </li>
      </ul>
      {demandes.length === 0 ? (
        <p>Aucune demande en cours dans votre commune.</p>
      ) : (
        <div class="fr-table">
          <table>
            <caption>Demandes en cours ({demandes.length})</caption>
            <thead>
              <tr>
                <th scope="col">Numéro</th>
                <th scope="col">Demandeur</th>
                <th scope="col">Titre</th>
                <th scope="col">État</th>
              </tr>
            </thead>
            <tbody>
              {demandes.map((demande) => (
                <tr>
                  <td>
                    <a href={`/mairie/demandes/${demande.id}`}>{demande.numero}</a>
                  </td>
                  <td>
                    {demande.nom} {demande.prenoms}
                  </td>
                  <td>{TITRES[demande.titre]}</td>
                  <td>
                    <BadgeEtat etat={demande.etat} />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </Layout>
  );
}

export function DemandeMairiePage(props: {
  ctx: PageContext;
  demande: DemandeRow;
  historique: HistoriqueRow[];
  controles: ControleRemiseRow[];
  remise: EtatRemise;
  nomCommune: (code: string) => string;
  erreur?: string | undefined;
  tentative: number;
}) {
  const { ctx, demande } = props;
  const action = (nom: string) => `/mairie/demandes/${demande.id}/${nom}`;
  return (
    <Layout ctx={ctx} title={`Demande ${demande.numero}`}>
      <p>
        <a class="fr-link fr-icon-arrow-left-line fr-link--icon-left" href="/mairie/demandes">
          Retour aux demandes
        </a>
      </p>
      <h1>Demande {demande.numero}</h1>
      {props.erreur ? (
        <Alert type="error" title="Action impossible">
          <p>{props.erreur}</p>
        </Alert>
      ) : null}
      <FicheDemande demande={demande} nomCommune={props.nomCommune} />
      {demande.etat !== 'recueillie' ? (
        <p class="fr-mt-2w">
          <a class="fr-link fr-icon-download-line fr-link--icon-left" href={`/mairie/demandes/${demande.id}/recepisse.pdf`}>
            Imprimer le récépissé (PDF)
          </a>
        </p>
      ) : null}
      {demande.etat === 'recueillie' ? (
        <>
          <h2 class="fr-mt-4w">Recueil</h2>
          <form method="post" action={action('capture')} class="fr-mb-3w">
            <CsrfField token={ctx.csrfToken} />
            <input type="hidden" name="tentative" value={String(props.tentative)} />
            <button class="fr-btn fr-btn--secondary" type="submit">
              {demande.capture ? 'Reprendre la photo et les empreintes' : 'Prendre la photo et les empreintes (dispositif de recueil)'}
            </button>
          </form>
          {demande.timbre_requis && !demande.timbre_consomme ? (
            <form method="post" action={action('timbre')} class="fr-mb-3w">
              <CsrfField token={ctx.csrfToken} />
              <Input name="timbre" label="Numéro du timbre fiscal électronique" hint="16 chiffres, scannés ou saisis" inputmode="numeric" maxlength={19} autocomplete="off" />
              <button class="fr-btn fr-btn--secondary" type="submit">
                Vérifier et consommer le timbre
              </button>
            </form>
          ) : null}
          <form method="post" action={action('transmettre')}>
            <CsrfField token={ctx.csrfToken} />
            <button class="fr-btn" type="submit">
              Transmettre la demande
            </button>
          </form>
        </>
      ) : null}
      {demande.etat === 'en_production' ? (
        <form method="post" action={action('receptionner')} class="fr-mt-4w">
          <CsrfField token={ctx.csrfToken} />
          <button class="fr-btn" type="submit">
            Réceptionner le titre
          </button>
        </form>
      ) : null}
      {demande.etat === 'disponible' ? <FormulaireRemise ctx={ctx} demande={demande} etat={props.remise} /> : null}
      <ControlesRemise lignes={props.controles} />
      <h2 class="fr-mt-4w">Historique</h2>
      <Historique lignes={props.historique} />
    </Layout>
  );
}

export function CerfaPage({ ctx, saisie, erreurs }: { ctx: PageContext; saisie: Partial<SaisieCerfa>; erreurs: Partial<Record<keyof SaisieCerfa, string>> }) {
  return (
    <Layout ctx={ctx} title="Saisir un Cerfa papier">
      <h1>Saisir un Cerfa papier</h1>
      <p>À utiliser lorsque le demandeur n’a pas fait de pré-demande en ligne.</p>
      <ErrorSummary errors={erreurs} />
      <form method="post" action="/mairie/cerfa" novalidate>
        <CsrfField token={ctx.csrfToken} />
        <Select name="titre" label="Titre demandé" options={Object.entries(TITRES).map(([value, label]) => ({ value, label }))} value={saisie.titre} error={erreurs.titre} />
        <Select name="motif" label="Motif" options={Object.entries(MOTIFS).map(([value, label]) => ({ value, label }))} value={saisie.motif} error={erreurs.motif} />
        <Input name="nom" label="Nom de naissance" value={saisie.nom} error={erreurs.nom} autocomplete="off" maxlength={80} />
        <Input name="prenoms" label="Prénoms" hint="Dans l’ordre de l’état civil, séparés par des virgules" value={saisie.prenoms} error={erreurs.prenoms} autocomplete="off" maxlength={120} />
        <Input name="date_naissance" label="Date de naissance" type="date" value={saisie.date_naissance} error={erreurs.date_naissance} />
        <Input name="mobile" label="Téléphone portable (facultatif)" hint="Pour le SMS « titre disponible » : 06 ou 07" type="tel" value={saisie.mobile} error={erreurs.mobile} autocomplete="off" maxlength={20} />
        <Input name="email" label="Adresse électronique (facultatif)" type="email" value={saisie.email} error={erreurs.email} autocomplete="off" maxlength={254} />
        <button class="fr-btn" type="submit">
          Enregistrer la demande
        </button>
      </form>
    </Layout>
  );
}

export function ReceptionPage({ ctx, resultats, saisie }: { ctx: PageContext; resultats: Array<{ numero: string; message: string; ok: boolean }>; saisie: string }) {
  return (
    <Layout ctx={ctx} title="Réception des titres">
      <h1>Réception des titres</h1>
      {resultats.length > 0 ? (
        <Alert type={resultats.every((r) => r.ok) ? 'success' : 'warning'} title="Résultat de la réception">
          <ul>
            {resultats.map((r) => (
              <li>
                {r.numero} : {r.message}
              </li>
            ))}
          </ul>
        </Alert>
      ) : null}
      <form method="post" action="/mairie/reception" novalidate>
        <CsrfField token={ctx.csrfToken} />
        <div class="fr-input-group">
          <label class="fr-label" for="numeros">
            Numéros des titres reçus
            <span class="fr-hint-text">Un par ligne : scannez-les les uns après les autres ou saisissez-les.</span>
          </label>
          <textarea class="fr-input" id="numeros" name="numeros" rows={6} maxlength={5000}>
            {saisie}
          </textarea>
        </div>
        <button class="fr-btn" type="submit">
          Réceptionner et prévenir les demandeurs
        </button>
      </form>
    </Layout>
  );
}
