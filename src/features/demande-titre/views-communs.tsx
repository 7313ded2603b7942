import { LIBELLES_ETATS, type Etat } from './cycle-de-vie.ts';
import type { DemandeRow, HistoriqueRow } from './demandes-repository.ts';

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
