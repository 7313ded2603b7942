import { LIBELLES_ETATS, type Etat } from './cycle-de-vie.ts';
import type { DemandeRow, HistoriqueRow } from './demandes-repository.ts';

/** What each state means for the citizen, and what happens next. */
export const ETAPE_SUIVANTE: Record<Etat, string> = {
  recueillie: 'La mairie va transmettre votre demande pour instruction.',
  transmise: 'Votre demande attend d’être examinée par le service instructeur.',
  en_instruction: 'Votre demande est en cours d’examen.',
  complement_demande: 'Un complément vous a été demandé par courriel : votre demande attend votre réponse.',
  accordee: 'Votre titre va être fabriqué.',
  en_production: 'Votre titre est en fabrication ; vous recevrez un SMS dès qu’il sera disponible.',
  disponible: 'Votre titre vous attend en mairie : présentez-vous avec votre récépissé dans les 3 mois.',
  remise: 'Votre titre vous a été remis.',
  refusee: 'Votre demande a été refusée ; le motif vous a été communiqué par courriel.',
  classee_sans_suite: 'Votre demande a été classée sans suite.',
  detruite: 'Votre titre n’a pas été retiré dans le délai et a été détruit. Une nouvelle demande est nécessaire.',
};

const ANCIEN_TITRE_LIBELLES = { restitue: 'Restitué à la remise', aucun: 'Aucun (première demande)', perdu_vole: 'Déclaré perdu ou volé' } as const;

export const TITRES = { cni: 'Carte nationale d’identité', passeport: 'Passeport' } as const;

const COULEUR_ETAT: Partial<Record<Etat, string>> = {
  disponible: 'fr-badge--success',
  remise: 'fr-badge--success',
  refusee: 'fr-badge--error',
  detruite: 'fr-badge--error',
  complement_demande: 'fr-badge--warning',
};

export function BadgeEtat({ etat }: { etat: Etat }) {
  return <p class={`fr-badge fr-badge--sm ${COULEUR_ETAT[etat] ?? 'fr-badge--info'}`}>{LIBELLES_ETATS[etat]}</p>;
}

export function formatDate(date: Date | string | null) {
  if (!date) return '';
  const value = typeof date === 'string' ? new Date(`${date}T00:00:00Z`) : date;
  return value.toLocaleDateString('fr-FR', { timeZone: typeof date === 'string' ? 'UTC' : 'Europe/Paris' });
}

export function ageEnJours(depuis: Date, maintenant: Date) {
  return Math.floor((maintenant.getTime() - depuis.getTime()) / 86_400_000);
}

export function FicheDemande({ demande, nomCommune }: { demande: DemandeRow; nomCommune: (code: string) => string }) {
  return (
    <dl class="gt-fiche">
      <dt>Numéro de demande</dt>
      <dd>{demande.numero}</dd>
      <dt>Titre</dt>
      <dd>{TITRES[demande.titre]}</dd>
      <dt>Origine</dt>
      <dd>{demande.origine === 'cerfa' ? 'Cerfa papier' : `Pré-demande en ligne ${demande.pre_demande_numero ?? ''}`}</dd>
      <dt>Demandeur</dt>
      <dd>
        {demande.nom} {demande.prenoms}, né(e) le {formatDate(demande.date_naissance)}
      </dd>
      <dt>Mairie de recueil / de remise</dt>
      <dd>
        {nomCommune(demande.commune_recueil)} / {nomCommune(demande.commune_remise)}
      </dd>
      <dt>Timbre fiscal</dt>
      <dd>{!demande.timbre_requis ? 'Non requis' : demande.timbre_consomme ? `Consommé (${demande.timbre_numero})` : 'Requis, pas encore consommé'}</dd>
      <dt>Photo et empreintes</dt>
      <dd>
        {demande.capture
          ? `Recueillies sur ${demande.capture.dispositif} (qualité photo ${demande.capture.qualitePhoto}/100${demande.capture.qualiteEmpreintes === null ? ', sans empreintes : moins de 12 ans' : `, empreintes ${demande.capture.qualiteEmpreintes}/100`})`
          : 'Non recueillies'}
      </dd>
      {demande.numero_titre ? (
        <>
          <dt>Numéro du titre</dt>
          <dd>{demande.numero_titre}</dd>
        </>
      ) : null}
      {demande.ancien_titre ? (
        <>
          <dt>Ancien titre</dt>
          <dd>{ANCIEN_TITRE_LIBELLES[demande.ancien_titre]}</dd>
        </>
      ) : null}
      <dt>État</dt>
      <dd>
        <BadgeEtat etat={demande.etat} />
      </dd>
    </dl>
  );
}

export function Historique({ lignes }: { lignes: HistoriqueRow[] }) {
  return (
    <div class="fr-table">
      <table>
        <caption>Historique de la demande</caption>
        <thead>
          <tr>
            <th scope="col">Date</th>
            <th scope="col">Étape</th>
            <th scope="col">Par</th>
            <th scope="col">Motif</th>
          </tr>
        </thead>
        <tbody>
          {lignes.map((ligne) => (
            <tr>
              <td>{ligne.at.toLocaleString('fr-FR', { timeZone: 'Europe/Paris' })}</td>
              <td>{LIBELLES_ETATS[ligne.vers]}</td>
              <td>
                {ligne.acteur_role}
                {ligne.acteur_commune ? ` (${ligne.acteur_commune})` : ''}
              </td>
              <td>{ligne.motif ?? ''}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/** "Mon espace identité": each application with what its state means and its timeline. */
export function MesDemandesTitres({ suivis, nomCommune }: { suivis: Array<{ demande: DemandeRow; historique: HistoriqueRow[] }>; nomCommune: (code: string) => string }) {
  if (suivis.length === 0) return null;
  return (
    <section class="fr-mt-5w" aria-labelledby="mes-demandes">
      <h2 id="mes-demandes">Mes demandes de titre</h2>
      {suivis.map(({ demande, historique }) => (
        <div class="fr-card fr-mb-3w">
          <div class="fr-card__body">
            <div class="fr-card__content">
              <h3 class="fr-card__title">
                {TITRES[demande.titre]} — demande {demande.numero}
              </h3>
              <div class="fr-card__start">
                <BadgeEtat etat={demande.etat} />
              </div>
              <p class="fr-card__desc">
                {ETAPE_SUIVANTE[demande.etat]} Mairie de retrait : {nomCommune(demande.commune_remise)}.
              </p>
              <ol class="gt-chronologie">
                {historique.map((ligne) => (
                  <li>
                    {ligne.at.toLocaleDateString('fr-FR', { timeZone: 'Europe/Paris' })} : {LIBELLES_ETATS[ligne.vers]}
                  </li>
                ))}
              </ol>
            </div>
          </div>
        </div>
      ))}
    </section>
  );
}
