import type { MotifRefus } from './cycle-de-vie.ts';

/**
 * French wording and default durations of the stamp shop in one place. The durations are
 * defaults: the composition root may pass others (TIMBRE_VALIDITE_MOIS, TIMBRE_REMBOURSEMENT_MOIS).
 */
export const VALIDITE_MOIS_PAR_DEFAUT = 12;
export const FENETRE_REMBOURSEMENT_MOIS_PAR_DEFAUT = 18;
export const QUANTITE_MAX = 5;

export const MOTIFS: Record<MotifRefus | 'inconnu' | 'clef' | 'format' | 'vide', string> = {
  'deja-consomme': 'Timbre déjà consommé.',
  rembourse: 'Timbre remboursé : il ne peut plus être utilisé.',
  expire: 'Timbre expiré : sa durée de validité est dépassée.',
  'usage-different': 'Ce timbre ne correspond pas à cette démarche (usage ou montant différent).',
  'hors-delai-remboursement': 'Le délai de remboursement est dépassé.',
  'non-expire': 'Ce timbre n’est pas encore arrivé à échéance.',
  'transition-interdite': 'Opération impossible pour ce timbre.',
  inconnu: 'Aucun timbre ne porte ce numéro.',
  clef: 'Ce numéro comporte une erreur de saisie (clé de contrôle incorrecte) : vérifiez chaque chiffre.',
  format: 'Le numéro de timbre comporte 16 chiffres.',
  vide: 'Saisissez le numéro du timbre (16 chiffres).',
};

export const LIBELLE_STATUT = {
  valide: 'Valide',
  consomme: 'Consommé',
  rembourse: 'Remboursé',
  expire: 'Expiré',
} as const;

export const DEMARCHES = [
  { value: 'passeport', label: 'Demande ou renouvellement de passeport' },
  { value: 'cni-perte-vol', label: 'Carte nationale d’identité à refaire après une perte ou un vol' },
  { value: 'cni', label: 'Première carte nationale d’identité ou renouvellement (carte non perdue ni volée)' },
] as const;

export const AGES = [
  { value: 'majeur', label: '18 ans ou plus' },
  { value: 'mineur-15', label: 'De 15 à 17 ans' },
  { value: 'mineur-moins-15', label: 'Moins de 15 ans' },
] as const;

export type Demarche = (typeof DEMARCHES)[number]['value'];
export type Age = (typeof AGES)[number]['value'];

export const MODES_RECEPTION = [
  { value: 'courriel', label: 'Par courriel (timbre en PDF)' },
  { value: 'sms', label: 'Par SMS (numéro de timbre)' },
] as const;

export const ERREURS = {
  demarche: 'Indiquez la démarche pour laquelle vous achetez le timbre.',
  age: 'Indiquez l’âge du demandeur du passeport.',
  quantite: `Indiquez une quantité entre 1 et ${QUANTITE_MAX}.`,
  mode: 'Choisissez comment recevoir le timbre.',
  courriel: 'Saisissez une adresse électronique valide, par exemple nom@domaine.fr.',
  mobile: 'Saisissez un numéro de téléphone mobile français commençant par 06 ou 07, par exemple 06 12 34 56 78.',
  panierVide: 'Votre panier est vide : choisissez d’abord un timbre.',
  transaction: 'Saisissez le numéro de transaction indiqué sur la preuve de paiement.',
} as const;

export function euros(centimes: number): string {
  return `${(centimes / 100).toLocaleString('fr-FR', { minimumFractionDigits: 2, maximumFractionDigits: 2 })} €`;
}

export function dateFr(date: Date): string {
  return date.toLocaleDateString('fr-FR', { timeZone: 'Europe/Paris', day: 'numeric', month: 'long', year: 'numeric' });
}

export function ajouterMois(date: Date, mois: number): Date {
  const result = new Date(date.getTime());
  result.setUTCMonth(result.getUTCMonth() + mois);
  return result;
}
