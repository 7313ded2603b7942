// Vocabulary of the pilotage: what is filtered, over which territory, and the constants
// the figures are judged against.

export type Titre = 'cni' | 'passeport';
export const TITRES: readonly Titre[] = ['cni', 'passeport'];
export const LIBELLES_TITRES: Record<Titre, string> = { cni: 'Carte d’identité', passeport: 'Passeport' };

export const MESURES = ['recueil_disponible', 'disponible_remise'] as const;
export type Mesure = (typeof MESURES)[number];
export const LIBELLES_MESURES: Record<Mesure, string> = {
  recueil_disponible: 'Du recueil à la mise à disposition',
  disponible_remise: 'De la mise à disposition à la remise',
};

/** Delays are bucketed in whole days; anything longer falls in the last bucket. */
export const JOURS_MAX = 365;

/** National threshold above which a DR device is considered overloaded (applications per year). */
export const SEUIL_DEMANDES_PAR_DISPOSITIF = 3750;

/** The département of an INSEE commune code: 3 characters overseas (971…), 2 elsewhere (24, 2A). */
export const departementDe = (commune: string) => (commune.startsWith('97') ? commune.slice(0, 3) : commune.slice(0, 2));

/** Months as "YYYY-MM", both ends included. */
export interface Periode {
  du: string;
  au: string;
}

export type Perimetre = { niveau: 'commune'; commune: string; departement: string } | { niveau: 'departement'; departement: string } | { niveau: 'national' };

export interface Filtres {
  periode: Periode;
  titre: Titre | undefined;
  arrondissement: string | undefined;
  /** Only an administrator chooses it: a département code or "FR" for the whole country. */
  departement: string | undefined;
}

export function moisSuivant(mois: string) {
  const [a, m] = mois.split('-').map(Number) as [number, number];
  return m === 12 ? `${a + 1}-01` : `${a}-${String(m + 1).padStart(2, '0')}`;
}

export function decalerMois(mois: string, n: number) {
  const [a, m] = mois.split('-').map(Number) as [number, number];
  const total = a * 12 + (m - 1) + n;
  return `${Math.floor(total / 12)}-${String((total % 12) + 1).padStart(2, '0')}`;
}

export function moisDeLaPeriode(periode: Periode): string[] {
  const liste: string[] = [];
  for (let m = periode.du; m <= periode.au; m = moisSuivant(m)) liste.push(m);
  return liste;
}

const NOMS_MOIS = ['janvier', 'février', 'mars', 'avril', 'mai', 'juin', 'juillet', 'août', 'septembre', 'octobre', 'novembre', 'décembre'];
export function libelleMois(mois: string) {
  const [a, m] = mois.split('-').map(Number) as [number, number];
  return `${NOMS_MOIS[m - 1]} ${a}`;
}
