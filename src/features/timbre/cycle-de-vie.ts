/**
 * The stamp's lifecycle as one declared table. A status changes only through
 * `transition()`, which checks the transition exists and its named guard holds.
 * `consomme` and `rembourse` are final; `expire` is not, because an unused stamp stays
 * refundable after its validity ends, until the refund window closes.
 */
export type StatutTimbre = 'valide' | 'consomme' | 'rembourse' | 'expire';
export type EvenementTimbre = 'consommer' | 'rembourser' | 'expirer';
export const STATUTS: readonly StatutTimbre[] = ['valide', 'consomme', 'rembourse', 'expire'];
export const EVENEMENTS: readonly EvenementTimbre[] = ['consommer', 'rembourser', 'expirer'];
export const STATUTS_FINAUX: readonly StatutTimbre[] = ['consomme', 'rembourse'];

export interface EtatTimbre {
  statut: StatutTimbre;
  usage: string;
  expireLe: Date;
  remboursableJusquAu: Date;
}

export interface Acteur {
  /** 'agent:<id>', 'acheteur' or 'systeme': who asked, for the history. */
  nom: string;
  at: Date;
  /** The usage the application needs (consumption only). */
  usageAttendu?: string;
}

export type MotifRefus =
  | 'deja-consomme'
  | 'rembourse'
  | 'expire'
  | 'usage-different'
  | 'hors-delai-remboursement'
  | 'non-expire'
  | 'transition-interdite';

type Garde = (timbre: EtatTimbre, acteur: Acteur) => MotifRefus | undefined;

const gardes = {
  nonExpire: (t, a) => (a.at.getTime() < t.expireLe.getTime() ? undefined : 'expire'),
  usageConforme: (t, a) => (a.usageAttendu === t.usage ? undefined : 'usage-different'),
  dansLaFenetreDeRemboursement: (t, a) => (a.at.getTime() < t.remboursableJusquAu.getTime() ? undefined : 'hors-delai-remboursement'),
  echeanceAtteinte: (t, a) => (a.at.getTime() >= t.expireLe.getTime() ? undefined : 'non-expire'),
} satisfies Record<string, Garde>;

interface Regle {
  de: StatutTimbre;
  evenement: EvenementTimbre;
  vers: StatutTimbre;
  gardes: Garde[];
}

export const TABLE_DES_TRANSITIONS: readonly Regle[] = [
  { de: 'valide', evenement: 'consommer', vers: 'consomme', gardes: [gardes.nonExpire, gardes.usageConforme] },
  { de: 'valide', evenement: 'rembourser', vers: 'rembourse', gardes: [gardes.dansLaFenetreDeRemboursement] },
  { de: 'valide', evenement: 'expirer', vers: 'expire', gardes: [gardes.echeanceAtteinte] },
  { de: 'expire', evenement: 'rembourser', vers: 'rembourse', gardes: [gardes.dansLaFenetreDeRemboursement] },
];

export type ResultatTransition = { ok: true; de: StatutTimbre; vers: StatutTimbre } | { ok: false; motif: MotifRefus };

const MOTIF_PAR_STATUT: Partial<Record<StatutTimbre, MotifRefus>> = { consomme: 'deja-consomme', rembourse: 'rembourse', expire: 'expire' };

export function transition(timbre: EtatTimbre, evenement: EvenementTimbre, acteur: Acteur): ResultatTransition {
  const regle = TABLE_DES_TRANSITIONS.find((r) => r.de === timbre.statut && r.evenement === evenement);
  if (!regle) return { ok: false, motif: MOTIF_PAR_STATUT[timbre.statut] ?? 'transition-interdite' };
  for (const garde of regle.gardes) {
    const motif = garde(timbre, acteur);
    if (motif) return { ok: false, motif };
  }
  return { ok: true, de: timbre.statut, vers: regle.vers };
}

/** The status a reader should see: a `valide` row past its expiry is shown as `expire`. */
export function statutEffectif(timbre: EtatTimbre, at: Date): StatutTimbre {
  return timbre.statut === 'valide' && at.getTime() >= timbre.expireLe.getTime() ? 'expire' : timbre.statut;
}
