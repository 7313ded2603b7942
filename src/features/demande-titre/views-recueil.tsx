import { Layout } from '../../kernel/views/layout.tsx';
import type { PageContext } from '../../kernel/views/page-context.ts';
import { Alert, ErrorSummary } from '../../kernel/views/components/alert.tsx';
import { CsrfField } from '../../kernel/views/components/csrf-field.tsx';
import { Input } from '../../kernel/views/components/input.tsx';
import { formatDate, TITRES } from './views-communs.tsx';

export function RecherchePreDemandePage({ ctx, numero, erreur }: { ctx: PageContext; numero?: string; erreur?: string | undefined }) {
  return (
    <Layout ctx={ctx} title="Recueil d’une pré-demande" scripts={['/assets/scan-qr.js']}>
      <h1>Recueillir une demande à partir d’une pré-demande</h1>
      <p>Scannez le QR code du récapitulatif (une douchette saisit le numéro dans le champ ci-dessous) ou tapez le numéro à 10 caractères.</p>
      <ErrorSummary errors={{ numero: erreur }} />
      <form method="post" action="/mairie/recueil" novalidate id="form-recueil">
        <CsrfField token={ctx.csrfToken} />
        <Input name="numero" label="Numéro de pré-demande" hint="10 lettres et chiffres, par exemple 3PXZ7K2M9Q" value={numero} error={erreur} autocomplete="off" maxlength={40} />
        <div class="gt-scan" hidden id="scan-zone">
          <button type="button" class="fr-btn fr-btn--secondary fr-icon-qr-code-line fr-btn--icon-left" id="scan-bouton">
            Scanner avec la caméra
          </button>
          <video id="scan-video" class="gt-scan__video" muted playsinline aria-label="Image de la caméra" />
        </div>
        <button class="fr-btn" type="submit">
          Rechercher la pré-demande
        </button>
      </form>
      <p class="fr-mt-3w">
        Pas de pré-demande ? <a href="/mairie/cerfa">Saisir un Cerfa papier</a>.
      </p>
    </Layout>
  );
}

export interface ApercuPreDemande {
  numero: string;
  titres: Array<'cni' | 'passeport'>;
  motif: string;
  nom: string;
  prenoms: string;
  dateNaissance: string;
  lieuNaissance: string;
  adresse: string;
  justificatifs: Array<{ id: string; libelle: string }>;
}

export function OuvertureRecueilPage(props: {
  ctx: PageContext;
  apercu: ApercuPreDemande;
  saisie: { nom: string; prenoms: string; date_naissance: string; coches: string[]; identite: boolean };
  erreurs: Partial<Record<'nom' | 'prenoms' | 'date_naissance' | 'identite', string>>;
}) {
  const { ctx, apercu, saisie, erreurs } = props;
  return (
    <Layout ctx={ctx} title={`Pré-demande ${apercu.numero}`}>
      <h1>Pré-demande {apercu.numero}</h1>
      <ErrorSummary errors={erreurs} />
      <dl class="gt-fiche fr-mb-4w">
        <dt>Titre(s)</dt>
        <dd>{apercu.titres.map((titre) => TITRES[titre]).join(' et ')}</dd>
        <dt>Motif</dt>
        <dd>{apercu.motif}</dd>
        <dt>Né(e) le, à</dt>
        <dd>
          {formatDate(apercu.dateNaissance)}, {apercu.lieuNaissance}
        </dd>
        <dt>Adresse</dt>
        <dd>{apercu.adresse}</dd>
      </dl>
      <form method="post" action="/mairie/recueil/ouvrir" novalidate>
        <CsrfField token={ctx.csrfToken} />
        <input type="hidden" name="numero" value={apercu.numero} />
        <fieldset class={`fr-fieldset${erreurs.identite ? ' fr-fieldset--error' : ''}`} id="champ-identite">
          <legend class="fr-fieldset__legend">Vérifications</legend>
          <div class="fr-fieldset__element">
            <div class="fr-checkbox-group">
              <input type="checkbox" id="identite" name="identite" value="oui" checked={saisie.identite} />
              <label class="fr-label" for="identite">
                J’ai vérifié l’identité du demandeur
              </label>
            </div>
          </div>
          {apercu.justificatifs.map((justificatif) => (
            <div class="fr-fieldset__element">
              <div class="fr-checkbox-group">
                <input type="checkbox" id={`j-${justificatif.id}`} name={`j-${justificatif.id}`} value="oui" checked={saisie.coches.includes(justificatif.id)} />
                <label class="fr-label" for={`j-${justificatif.id}`}>
                  {justificatif.libelle}
                </label>
              </div>
            </div>
          ))}
          {erreurs.identite ? (
            <div class="fr-messages-group">
              <p class="fr-message fr-message--error">{erreurs.identite}</p>
            </div>
          ) : null}
        </fieldset>
        <h2 class="fr-h4">État civil</h2>
        <p>Corrigez une faute de frappe si besoin : la correction est enregistrée dans l’historique de la demande.</p>
        <Input name="nom" label="Nom de naissance" value={saisie.nom} error={erreurs.nom} autocomplete="off" maxlength={80} />
        <Input name="prenoms" label="Prénoms" value={saisie.prenoms} error={erreurs.prenoms} autocomplete="off" maxlength={120} />
        <Input name="date_naissance" label="Date de naissance" type="date" value={saisie.date_naissance} error={erreurs.date_naissance} />
        <button class="fr-btn" type="submit">
          Ouvrir la demande
        </button>
      </form>
      <Alert type="info" title="Et ensuite">
        <p>La demande ouverte, prenez la photo et les empreintes au dispositif de recueil, vérifiez le timbre fiscal s’il est requis, puis transmettez.</p>
      </Alert>
    </Layout>
  );
}
