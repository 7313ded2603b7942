import { Layout } from '../../kernel/views/layout.tsx';
import type { PageContext } from '../../kernel/views/page-context.ts';
import { Alert, ErrorSummary } from '../../kernel/views/components/alert.tsx';
import { CsrfField } from '../../kernel/views/components/csrf-field.tsx';
import { Input } from '../../kernel/views/components/input.tsx';
import { Select } from '../../kernel/views/components/select.tsx';
import type { ControleRemiseRow, DemandeRow } from './demandes-repository.ts';
import { ANCIEN_TITRE, LIBELLES_CONTROLE, QUALITES, type ErreursRemise, type MethodeControle, type SaisieRemise } from './remise.ts';
import { formatDate, TITRES } from './views-communs.tsx';

export interface RechercheRemise {
  numero?: string;
  nom?: string;
  date_naissance?: string;
  erreurs?: Partial<Record<'numero' | 'nom' | 'date_naissance', string>>;
  /** Titles waiting in this mairie for the name and birth date searched. */
  resultats?: DemandeRow[];
  alerte?: { type: 'info' | 'error'; titre: string; texte: string };
}

export function RechercheRemisePage({ ctx, etat }: { ctx: PageContext; etat: RechercheRemise }) {
  const erreurs = etat.erreurs ?? {};
  return (
    <Layout ctx={ctx} title="Remise d’un titre" scripts={['/assets/scan-qr.js']}>
      <p>
        <a class="fr-link fr-icon-arrow-left-line fr-link--icon-left" href="/mairie/demandes">
          Retour aux demandes
        </a>
      </p>
      <h1>Remettre un titre</h1>
      <p>Retrouvez le titre à remettre : par le QR code ou le numéro du récépissé, ou, sans récépissé, par le nom et la date de naissance du titulaire.</p>
      <ErrorSummary errors={erreurs} />
      {etat.alerte ? (
        <Alert type={etat.alerte.type} title={etat.alerte.titre}>
          <p>{etat.alerte.texte}</p>
        </Alert>
      ) : null}
      {etat.resultats && etat.resultats.length > 0 ? (
        <div class="fr-table">
          <table>
            <caption>Titres disponibles dans votre mairie ({etat.resultats.length})</caption>
            <thead>
              <tr>
                <th scope="col">Numéro de demande</th>
                <th scope="col">Titulaire</th>
                <th scope="col">Titre</th>
                <th scope="col">Disponible depuis le</th>
              </tr>
            </thead>
            <tbody>
              {etat.resultats.map((demande) => (
                <tr>
                  <td>
                    <a href={`/mairie/demandes/${demande.id}`}>{demande.numero}</a>
                  </td>
                  <td>
                    {demande.nom} {demande.prenoms}, né(e) le {formatDate(demande.date_naissance)}
                  </td>
                  <td>{TITRES[demande.titre]}</td>
                  <td>{formatDate(demande.disponible_depuis)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
      <h2>Par le récépissé</h2>
      <form method="post" action="/mairie/remise" novalidate id="form-recueil" class="fr-mb-5w">
        <CsrfField token={ctx.csrfToken} />
        <input type="hidden" name="recherche" value="numero" />
        <Input name="numero" label="Numéro de demande" hint="Scannez le QR code du récépissé (une douchette saisit le numéro) ou tapez-le, par exemple D-24-K7M2QX9P" value={etat.numero} error={erreurs.numero} autocomplete="off" maxlength={40} />
        <div class="gt-scan" hidden id="scan-zone">
          <button type="button" class="fr-btn fr-btn--secondary fr-icon-qr-code-line fr-btn--icon-left" id="scan-bouton">
            Scanner avec la caméra
          </button>
          <video id="scan-video" class="gt-scan__video" muted playsinline aria-label="Image de la caméra" />
        </div>
        <button class="fr-btn" type="submit">
          Rechercher par numéro
        </button>
      </form>
      <h2>Par le nom et la date de naissance</h2>
      <form method="post" action="/mairie/remise" novalidate>
        <CsrfField token={ctx.csrfToken} />
        <input type="hidden" name="recherche" value="identite" />
        <Input name="nom" label="Nom de naissance du titulaire" value={etat.nom} error={erreurs.nom} autocomplete="off" maxlength={80} />
        <Input name="date_naissance" label="Date de naissance du titulaire" type="date" value={etat.date_naissance} error={erreurs.date_naissance} />
        <button class="fr-btn fr-btn--secondary" type="submit">
          Rechercher par nom
        </button>
      </form>
    </Layout>
  );
}

function Radios({ saisie, erreur }: { saisie: SaisieRemise; erreur?: string | undefined }) {
  return (
    <fieldset class={`fr-fieldset${erreur ? ' fr-fieldset--error' : ''}`} aria-labelledby="ancien-legende">
      <legend class="fr-fieldset__legend" id="ancien-legende">
        Ancien titre
      </legend>
      {Object.entries(ANCIEN_TITRE).map(([valeur, { libelle }], index) => (
        <div class="fr-fieldset__element">
          <div class="fr-radio-group">
            <input type="radio" id={index === 0 ? 'champ-ancien' : `champ-ancien-${valeur}`} name="ancien" value={valeur} checked={saisie.ancien === valeur} />
            <label class="fr-label" for={index === 0 ? 'champ-ancien' : `champ-ancien-${valeur}`}>
              {libelle}
            </label>
          </div>
        </div>
      ))}
      {erreur ? (
        <div class="fr-messages-group">
          <p class="fr-message fr-message--error">{erreur}</p>
        </div>
      ) : null}
    </fieldset>
  );
}

export interface EtatRemise {
  methode: MethodeControle;
  saisie: SaisieRemise;
  erreurs: ErreursRemise;
  /** After a breakdown of the device, the button says it is a new attempt. */
  reessayer?: boolean;
}

/** The remise form: the identity check the holder's age calls for, and the old title. */
export function FormulaireRemise({ ctx, demande, etat }: { ctx: PageContext; demande: DemandeRow; etat: EtatRemise }) {
  const { saisie, erreurs } = etat;
  return (
    <>
      <h2 class="fr-mt-4w">Remise du titre</h2>
      <ErrorSummary errors={erreurs} />
      <form method="post" action={`/mairie/demandes/${demande.id}/remettre`} novalidate>
        <CsrfField token={ctx.csrfToken} />
        {etat.methode === 'empreintes' ? (
          <p>
            Contrôle d’identité par les empreintes : invitez le titulaire à poser son doigt sur le capteur du dispositif de recueil. La vérification a lieu à l’envoi de ce formulaire ;
            seul son résultat est enregistré.
          </p>
        ) : (
          <fieldset class="fr-fieldset" aria-labelledby="representant-legende">
            <legend class="fr-fieldset__legend" id="representant-legende">
              Représentant légal présent (titulaire de moins de 12 ans : pas de contrôle d’empreintes)
            </legend>
            <div class="fr-fieldset__element">
              <Input name="representant_nom" label="Nom et prénom du représentant légal" value={saisie.representant_nom} error={erreurs.representant_nom} autocomplete="off" maxlength={120} />
            </div>
            <div class="fr-fieldset__element">
              <Select name="representant_qualite" label="Lien avec l’enfant" options={Object.entries(QUALITES).map(([value, label]) => ({ value, label }))} value={saisie.representant_qualite} error={erreurs.representant_qualite} />
            </div>
            <div class="fr-fieldset__element">
              <div class={`fr-checkbox-group${erreurs.representant_piece ? ' fr-checkbox-group--error' : ''}`}>
                <input type="checkbox" id="champ-representant_piece" name="representant_piece" value="oui" checked={saisie.representant_piece} aria-describedby={erreurs.representant_piece ? 'piece-message' : undefined} />
                <label class="fr-label" for="champ-representant_piece">
                  J’ai vérifié la pièce d’identité du représentant légal
                </label>
                {erreurs.representant_piece ? (
                  <div class="fr-messages-group" id="piece-message">
                    <p class="fr-message fr-message--error">{erreurs.representant_piece}</p>
                  </div>
                ) : null}
              </div>
            </div>
          </fieldset>
        )}
        <Radios saisie={saisie} erreur={erreurs.ancien} />
        <button class="fr-btn" type="submit">
          {etat.methode === 'empreintes' ? (etat.reessayer ? 'Réessayer la vérification des empreintes' : 'Vérifier les empreintes et remettre le titre') : 'Remettre le titre'}
        </button>
      </form>
    </>
  );
}

export function ControlesRemise({ lignes }: { lignes: ControleRemiseRow[] }) {
  if (lignes.length === 0) return null;
  return (
    <div class="fr-table">
      <table>
        <caption>Contrôles d’identité à la remise</caption>
        <thead>
          <tr>
            <th scope="col">Date</th>
            <th scope="col">Résultat</th>
            <th scope="col">Précision</th>
          </tr>
        </thead>
        <tbody>
          {lignes.map((ligne) => (
            <tr>
              <td>{ligne.at.toLocaleString('fr-FR', { timeZone: 'Europe/Paris' })}</td>
              <td>{LIBELLES_CONTROLE[ligne.resultat]}</td>
              <td>{ligne.methode === 'empreintes' ? `Dispositif ${ligne.dispositif ?? ''}` : `${ligne.representant_nom ?? ''} (${QUALITES[ligne.representant_qualite ?? 'tuteur'].toLowerCase()})`}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
