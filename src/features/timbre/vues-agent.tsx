import { Alert, ErrorSummary } from '../../kernel/views/components/alert.tsx';
import { CsrfField } from '../../kernel/views/components/csrf-field.tsx';
import { Input } from '../../kernel/views/components/input.tsx';
import { Select } from '../../kernel/views/components/select.tsx';
import { Layout } from '../../kernel/views/layout.tsx';
import type { PageContext } from '../../kernel/views/page-context.ts';
import type { EntreeCatalogue } from './catalogue-repository.ts';
import { LIBELLE_STATUT, dateFr, euros } from './contenu.ts';
import { formaterNumero } from './numero.ts';
import type { FicheTimbre } from './verification-service.ts';

export interface AgentState {
  numero?: string;
  fiche?: FicheTimbre | undefined;
  erreurs?: { numero?: string | undefined; usage?: string | undefined; reference?: string | undefined };
  refus?: string | undefined;
  succes?: string | undefined;
  usage?: string;
  reference?: string;
}

function Fiche({ fiche, usages }: { fiche: FicheTimbre; usages: EntreeCatalogue[] }) {
  const usage = usages.find((u) => u.usage === fiche.usage);
  return (
    <dl class="gt-fiche">
      <dt>Numéro</dt>
      <dd>{formaterNumero(fiche.numero)}</dd>
      <dt>Statut</dt>
      <dd>
        <p class={`fr-badge fr-badge--${fiche.statut === 'valide' ? 'success' : 'error'}`}>{LIBELLE_STATUT[fiche.statut]}</p>
      </dd>
      <dt>Usage</dt>
      <dd>{usage?.libelle ?? fiche.usage}</dd>
      <dt>Montant</dt>
      <dd>{euros(fiche.montantCentimes)}</dd>
      <dt>Acheté le</dt>
      <dd>{dateFr(fiche.acheteLe)}</dd>
      <dt>Valable jusqu’au</dt>
      <dd>{dateFr(fiche.expireLe)}</dd>
      {fiche.consommation ? (
        <>
          <dt>Consommé</dt>
          <dd>
            le {dateFr(fiche.consommation.consommeLe)} pour le dossier {fiche.consommation.referenceDossier}
          </dd>
        </>
      ) : null}
    </dl>
  );
}

/** The counter page: type or scan a number, read the stamp, consume it for one application. */
export function AgentTimbresPage({ ctx, state, usages }: { ctx: PageContext; state: AgentState; usages: EntreeCatalogue[] }) {
  const e = state.erreurs ?? {};
  const options = usages.map((u) => ({ value: u.usage, label: `${u.libelle} (${euros(u.montantCentimes)})` }));
  return (
    <Layout ctx={ctx} title={`${Object.values(e).some(Boolean) ? 'Erreur — ' : ''}Vérifier un timbre fiscal`}>
      <h1>Vérifier et consommer un timbre fiscal</h1>
      <ErrorSummary errors={e} />
      {state.refus ? (
        <Alert type="error" title="Timbre refusé">
          <p>{state.refus}</p>
        </Alert>
      ) : null}
      {state.succes ? (
        <Alert type="success" title="Timbre consommé">
          <p>{state.succes}</p>
        </Alert>
      ) : null}
      <form method="post" action="/agent/timbres" novalidate>
        <CsrfField token={ctx.csrfToken} />
        <Input name="numero" label="Numéro du timbre" hint="16 chiffres, saisis ou lus avec la douchette sur le code du timbre" inputmode="numeric" value={state.numero} error={e.numero} maxlength={24} />
        <button class="fr-btn" type="submit">
          Vérifier
        </button>
      </form>
      {state.fiche ? (
        <section class="fr-mt-4w" aria-labelledby="titre-fiche">
          <h2 id="titre-fiche">Timbre {formaterNumero(state.fiche.numero)}</h2>
          <Fiche fiche={state.fiche} usages={usages} />
          {state.fiche.statut === 'valide' ? (
            <form method="post" action="/agent/timbres/consommer" novalidate>
              <CsrfField token={ctx.csrfToken} />
              <input type="hidden" name="numero" value={state.fiche.numero} />
              <Select name="usage" label="Démarche du dossier" options={options} value={state.usage ?? state.fiche.usage} error={e.usage} />
              <Input name="reference" label="Référence du dossier (pré-demande ou Cerfa)" value={state.reference} error={e.reference} maxlength={40} />
              <button class="fr-btn" type="submit">
                Consommer le timbre pour ce dossier
              </button>
            </form>
          ) : null}
        </section>
      ) : null}
      <p class="fr-mt-6w">
        Le logiciel de votre mairie peut aussi vérifier et consommer les timbres par l’<a href="/api/agent/timbres/openapi.json">API des timbres (description OpenAPI)</a>, avec un{' '}
        <a href="/agent/jetons-api">jeton d’accès personnel</a>.
      </p>
    </Layout>
  );
}
