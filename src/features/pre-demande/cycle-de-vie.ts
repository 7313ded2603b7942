/**
 * The pré-demande's lifecycle, declared once. Status changes only through `transition()`;
 * each event names who may trigger it and the guard that must hold.
 */
export const STATUTS = ['brouillon', 'validee', 'consommee', 'expiree', 'annulee'] as const;
export type Statut = (typeof STATUTS)[number];
export const STATUTS_FINAUX: readonly Statut[] = ['consommee', 'expiree', 'annulee'];

export type Acteur = 'usager' | 'agent_mairie' | 'systeme';
export type Evenement = 'valider' | 'consommer' | 'expirer' | 'annuler';

export interface PreDemandeEtat {
  statut: Statut;
  expireLe: Date | null;
  reponsesCompletes: boolean;
}

type Garde = (pd: PreDemandeEtat, now: Date) => boolean;

export const GARDES = {
  reponsesCompletes: (pd) => pd.reponsesCompletes,
  encoreValable: (pd, now) => pd.expireLe !== null && pd.expireLe > now,
  echeanceDepassee: (pd, now) => pd.expireLe !== null && pd.expireLe <= now,
} satisfies Record<string, Garde>;

export const TRANSITIONS: Record<Evenement, { de: readonly Statut[]; vers: Statut; acteurs: readonly Acteur[]; garde?: keyof typeof GARDES }> = {
  valider: { de: ['brouillon'], vers: 'validee', acteurs: ['usager'], garde: 'reponsesCompletes' },
  consommer: { de: ['validee'], vers: 'consommee', acteurs: ['agent_mairie'], garde: 'encoreValable' },
  expirer: { de: ['validee'], vers: 'expiree', acteurs: ['systeme'], garde: 'echeanceDepassee' },
  annuler: { de: ['validee'], vers: 'annulee', acteurs: ['usager'] },
};

export type Refus = 'statut' | 'acteur' | 'garde';

export function transition(pd: PreDemandeEtat, evenement: Evenement, acteur: Acteur, now: Date): { ok: true; de: Statut; vers: Statut } | { ok: false; refus: Refus } {
  const rule = TRANSITIONS[evenement];
  if (!rule.de.includes(pd.statut)) return { ok: false, refus: 'statut' };
  if (!rule.acteurs.includes(acteur)) return { ok: false, refus: 'acteur' };
  if (rule.garde && !GARDES[rule.garde](pd, now)) return { ok: false, refus: 'garde' };
  return { ok: true, de: pd.statut, vers: rule.vers };
}

export const LIBELLES_STATUT: Record<Statut, string> = {
  brouillon: 'Brouillon',
  validee: 'Validée',
  consommee: 'Utilisée en mairie',
  expiree: 'Expirée',
  annulee: 'Annulée',
};
