import { Alert, ErrorSummary } from '../../kernel/views/components/alert.tsx';
import { CsrfField } from '../../kernel/views/components/csrf-field.tsx';
import { Input } from '../../kernel/views/components/input.tsx';
import { Layout } from '../../kernel/views/layout.tsx';
import type { PageContext } from '../../kernel/views/page-context.ts';
import { formaterMobile } from '../../kernel/telephone/mobile.ts';
import type { Commande } from './commandes-repository.ts';
import { Bouton } from './composants.tsx';
import { dateFr, euros } from './contenu.ts';
import { formaterNumero } from './numero.ts';
import type { Timbre } from './timbres-repository.ts';

export function PaiementNonAboutiPage({ ctx, commande }: { ctx: PageContext; commande: Commande }) {
  const refuse = commande.statut === 'refusee';
  return (
    <Layout ctx={ctx} title={refuse ? 'Paiement refusé' : 'Paiement en cours de vérification'}>
      <h1>{refuse ? 'Le paiement n’a pas abouti' : 'Paiement en cours de vérification'}</h1>
      {refuse ? (
        <Alert type="error" title="Paiement refusé">
          <p>Aucun montant n’a été débité et aucun timbre n’a été émis. Votre panier est conservé : vous pouvez réessayer.</p>
        </Alert>
      ) : (
        <Alert type="info" title="Nous attendons la confirmation de la banque">
          <p>Dès qu’elle arrive, le timbre est émis et envoyé. Actualisez cette page dans quelques instants.</p>
        </Alert>
      )}
      <a class="fr-btn" href={refuse ? '/timbre/validation' : '/timbre/retour'}>
        {refuse ? 'Revenir au panier validé' : 'Actualiser'}
      </a>
    </Layout>
  );
}

export interface ConfirmationProps {
  ctx: PageContext;
  commande: Commande;
  timbres: Timbre[];
  libelles: Map<number, string>;
  /** Path of the pré-demande the purchase started from, when it can be found. */
  retourPreDemande?: string | undefined;
}

export function ConfirmationPage({ ctx, commande, timbres, libelles, retourPreDemande }: ConfirmationProps) {
  return (
    <Layout ctx={ctx} title="Paiement accepté — votre timbre fiscal">
      <h1>Paiement accepté</h1>
      <Alert type="success" title={timbres.length > 1 ? `Vos ${timbres.length} timbres sont émis` : 'Votre timbre est émis'}>
        <p>
          {commande.modeReception === 'sms'
            ? `Un SMS avec le numéro est envoyé au ${formaterMobile(commande.destinataire)}.`
            : `Un courriel avec le timbre en PDF est envoyé à ${commande.destinataire}.`}
        </p>
      </Alert>
      <div class="fr-table">
        <table>
          <caption>Timbres de la transaction {commande.reference}</caption>
          <thead>
            <tr>
              <th scope="col">Numéro du timbre</th>
              <th scope="col">Timbre</th>
              <th scope="col">Montant</th>
              <th scope="col">Valable jusqu’au</th>
            </tr>
          </thead>
          <tbody>
            {timbres.map((t) => (
              <tr>
                <td>
                  <strong class="gt-numero-timbre">{formaterNumero(t.numero)}</strong>
                </td>
                <td>{libelles.get(t.ligne) ?? t.code}</td>
                <td>{euros(t.montantCentimes)}</td>
                <td>{dateFr(t.expireLe)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {commande.preDemande ? (
        <p>
          Ces timbres sont rattachés à votre pré-demande n° {commande.preDemande} : vous n’avez pas à recopier leur numéro.
          {retourPreDemande ? null : (
            <>
              {' '}
              Retrouvez-la dans <a href="/mon-espace">votre espace</a>.
            </>
          )}
        </p>
      ) : null}
      <h2 class="fr-h4">Preuve de paiement</h2>
      <p>
        Numéro de transaction : <strong>{commande.reference}</strong> — {euros(commande.montantCentimes)} payés le {dateFr(commande.payeeLe ?? commande.creeLe)}. Notez-le : il est demandé pour un
        remboursement.
      </p>
      <ul class="fr-btns-group fr-btns-group--inline-md">
        {retourPreDemande ? (
          <li>
            <a class="fr-btn fr-icon-arrow-left-line fr-btn--icon-left" href={retourPreDemande}>
              Revenir à ma pré-demande
            </a>
          </li>
        ) : null}
        <li>
          <a class={`fr-btn fr-icon-download-line fr-btn--icon-left${retourPreDemande ? ' fr-btn--secondary' : ''}`} href="/timbre/confirmation/timbres.pdf" download>
            Télécharger le PDF
          </a>
        </li>
        <li>
          <a class="fr-btn fr-btn--secondary" href="/timbre/demarche">
            Acheter un autre timbre
          </a>
        </li>
      </ul>
    </Layout>
  );
}

export interface RemboursementState {
  numero?: string;
  transaction?: string;
  erreurs?: { numero?: string | undefined; transaction?: string | undefined };
  message?: string | undefined;
}

export function RemboursementPage({ ctx, state }: { ctx: PageContext; state: RemboursementState }) {
  const e = state.erreurs ?? {};
  return (
    <Layout ctx={ctx} title={`${e.numero || e.transaction ? 'Erreur — ' : ''}Demander le remboursement d’un timbre`}>
      <div class="fr-grid-row">
        <div class="fr-col-12 fr-col-md-8">
          <h1>Demander le remboursement d’un timbre</h1>
          <p>Un timbre non utilisé est remboursable pendant 18 mois après son achat, sur la carte qui l’a payé.</p>
          <ErrorSummary errors={e} />
          {state.message ? (
            <Alert type="error" title="Remboursement impossible">
              <p>{state.message}</p>
            </Alert>
          ) : null}
          <form method="post" action="/timbre/remboursement" novalidate>
            <CsrfField token={ctx.csrfToken} />
            <Input name="numero" label="Numéro du timbre" hint="16 chiffres, par exemple 1234 5678 9012 3456" inputmode="numeric" value={state.numero} error={e.numero} maxlength={24} />
            <Input name="transaction" label="Numéro de transaction" hint="Sur la preuve de paiement, par exemple TF-AB12-CD34" value={state.transaction} error={e.transaction} maxlength={20} />
            <Bouton>Demander le remboursement</Bouton>
          </form>
        </div>
      </div>
    </Layout>
  );
}

export function RemboursementFaitPage({ ctx, montantCentimes, effectue }: { ctx: PageContext; montantCentimes: number; effectue: boolean }) {
  return (
    <Layout ctx={ctx} title="Remboursement enregistré">
      <h1>Remboursement enregistré</h1>
      <Alert type="success" title="Le timbre est annulé">
        <p>
          {euros(montantCentimes)} {effectue ? 'sont recrédités sur la carte qui a payé le timbre.' : 'seront recrédités sur la carte qui a payé le timbre dès que la banque aura confirmé.'} Le timbre ne
          peut plus être utilisé.
        </p>
      </Alert>
    </Layout>
  );
}
