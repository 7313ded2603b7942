import { Alert } from '../../kernel/views/components/alert.tsx';
import { CsrfField } from '../../kernel/views/components/csrf-field.tsx';
import { Input } from '../../kernel/views/components/input.tsx';
import type { PageContext } from '../../kernel/views/page-context.ts';
import type { LignePanier } from './boutique-service.ts';
import { Bouton, Radios } from './composants.tsx';
import { MODES_RECEPTION, QUANTITE_MAX, euros } from './contenu.ts';
import { formaterMobile } from '../../kernel/telephone/mobile.ts';
import { PageEtape } from './vues-achat.tsx';

export interface Contenu {
  lignes: LignePanier[];
  totalCentimes: number;
}

function TableauPanier({ ctx, contenu, modifiable }: { ctx: PageContext; contenu: Contenu; modifiable: boolean }) {
  return (
    <div class="fr-table fr-table--no-caption">
      <table>
        <caption>Contenu du panier</caption>
        <thead>
          <tr>
            <th scope="col">Timbre</th>
            <th scope="col">Prix unitaire</th>
            <th scope="col">Quantité</th>
            <th scope="col">Sous-total</th>
            {modifiable ? <th scope="col">Retirer</th> : null}
          </tr>
        </thead>
        <tbody>
          {contenu.lignes.map((l) => (
            <tr>
              <td>{l.libelle}</td>
              <td>{euros(l.montantCentimes)}</td>
              <td>
                {modifiable ? (
                  <form method="post" action="/timbre/panier/quantite">
                    <CsrfField token={ctx.csrfToken} />
                    <input type="hidden" name="code" value={l.code} />
                    <label class="fr-label fr-sr-only" for={`quantite-${l.code}`}>
                      Quantité pour {l.libelle}
                    </label>
                    <select class="fr-select" id={`quantite-${l.code}`} name="quantite">
                      {Array.from({ length: QUANTITE_MAX }, (_, i) => i + 1).map((n) => (
                        <option value={String(n)} selected={n === l.quantite}>
                          {n}
                        </option>
                      ))}
                    </select>
                    <button class="fr-btn fr-btn--sm fr-btn--tertiary fr-mt-1w" type="submit">
                      Mettre à jour
                    </button>
                  </form>
                ) : (
                  l.quantite
                )}
              </td>
              <td>{euros(l.sousTotalCentimes)}</td>
              {modifiable ? (
                <td>
                  <form method="post" action="/timbre/panier/retirer">
                    <CsrfField token={ctx.csrfToken} />
                    <input type="hidden" name="code" value={l.code} />
                    <button class="fr-btn fr-btn--sm fr-btn--tertiary" type="submit" aria-label={`Retirer ${l.libelle} du panier`}>
                      Retirer
                    </button>
                  </form>
                </td>
              ) : null}
            </tr>
          ))}
        </tbody>
        <tfoot>
          <tr>
            <th scope="row" colspan={3}>
              Total
            </th>
            <td colspan={modifiable ? 2 : 1}>
              <strong>{euros(contenu.totalCentimes)}</strong>
            </td>
          </tr>
        </tfoot>
      </table>
    </div>
  );
}

export function PanierPage({ ctx, contenu, erreur }: { ctx: PageContext; contenu: Contenu; erreur?: string }) {
  const vide = contenu.lignes.length === 0;
  return (
    <PageEtape ctx={ctx} cle="panier" titre="Votre panier">
      {erreur ? (
        <Alert type="error" title="Panier">
          <p>{erreur}</p>
        </Alert>
      ) : null}
      {vide ? <p>Votre panier est vide.</p> : <TableauPanier ctx={ctx} contenu={contenu} modifiable />}
      <ul class="fr-btns-group fr-btns-group--inline-md">
        {vide ? null : (
          <li>
            <a class="fr-btn" href="/timbre/reception">
              Continuer
            </a>
          </li>
        )}
        <li>
          <a class="fr-btn fr-btn--secondary" href="/timbre/demarche">
            {vide ? 'Choisir un timbre' : 'Acheter un autre timbre'}
          </a>
        </li>
      </ul>
    </PageEtape>
  );
}

export interface ReceptionState {
  mode?: string | undefined;
  courriel?: string | undefined;
  mobile?: string | undefined;
  erreurs?: { mode?: string; courriel?: string; mobile?: string };
}

export function ReceptionPage({ ctx, state }: { ctx: PageContext; state: ReceptionState }) {
  const e = state.erreurs ?? {};
  return (
    <PageEtape ctx={ctx} cle="reception" titre="Comment voulez-vous recevoir le timbre ?" erreurs={e}>
      <form method="post" action="/timbre/reception" novalidate>
        <CsrfField token={ctx.csrfToken} />
        <Radios name="mode" legend="Mode de réception" options={MODES_RECEPTION} value={state.mode} error={e.mode} />
        <Input name="courriel" label="Adresse électronique (réception par courriel)" hint="Format attendu : nom@domaine.fr" type="email" autocomplete="email" value={state.courriel} error={e.courriel} maxlength={254} />
        <Input name="mobile" label="Téléphone mobile (réception par SMS)" hint="Mobile français uniquement, commençant par 06 ou 07, par exemple 06 12 34 56 78" type="tel" autocomplete="tel" value={state.mobile} error={e.mobile} maxlength={20} />
        <Bouton>Continuer</Bouton>
      </form>
    </PageEtape>
  );
}

export function ValidationPage({ ctx, contenu, mode, destinataire, paiementDisponible, erreur }: { ctx: PageContext; contenu: Contenu; mode: string; destinataire: string; paiementDisponible: boolean; erreur?: string }) {
  return (
    <PageEtape ctx={ctx} cle="validation" titre="Vérifiez et validez votre panier">
      {erreur || !paiementDisponible ? (
        <Alert type="error" title="Paiement indisponible">
          <p>{erreur ?? 'Le paiement en ligne n’est pas disponible sur ce service : aucun paiement ne peut être effectué.'}</p>
        </Alert>
      ) : null}
      <TableauPanier ctx={ctx} contenu={contenu} modifiable={false} />
      <p>
        <a href="/timbre/panier">Modifier le panier</a>
      </p>
      <h2 class="fr-h4">Réception</h2>
      <p>
        {mode === 'sms' ? `Par SMS au ${formaterMobile(destinataire)}` : `Par courriel à ${destinataire}`} — <a href="/timbre/reception">Modifier le mode de réception</a>
      </p>
      <form method="post" action="/timbre/validation">
        <CsrfField token={ctx.csrfToken} />
        <ul class="fr-btns-group fr-btns-group--inline-md">
          {paiementDisponible ? (
            <li>
              <Bouton>Valider et payer {euros(contenu.totalCentimes)}</Bouton>
            </li>
          ) : null}
          <li>
            <a class="fr-btn fr-btn--secondary" href="/timbre/demarche">
              Acheter un autre timbre
            </a>
          </li>
        </ul>
      </form>
    </PageEtape>
  );
}
