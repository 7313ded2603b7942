/**
 * The pré-demande's lifecycle, declared once. Status changes only through `transition()`;
 * each event names who may trigger it and the guard that must hold.
 */
export const STATUTS = ['brouillon', 'validee', 'declaree', 'consommee', 'expiree', 'annulee'] as const;
export type Statut = (typeof STATUTS)[number];
export const STATUTS_FINAUX: readonly Statut[] = ['consommee', 'expiree', 'annulee'];

/** `prise_de_rendez_vous`: the appointment feature or an editor's software booking a slot. */
export type Acteur = 'usager' | 'agent_mairie' | 'systeme' | 'prise_de_rendez_vous';
export type Evenement = 'valider' | 'declarer' | 'consommer' | 'expirer' | 'annuler';

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
  // An appointment is booked for a pré-demande still valid (national vocabulary: declared).
  declarer: { de: ['validee'], vers: 'declaree', acteurs: ['prise_de_rendez_vous'], garde: 'encoreValable' },
  consommer: { de: ['validee', 'declaree'], vers: 'consommee', acteurs: ['agent_mairie'], garde: 'encoreValable' },
  expirer: { de: ['validee', 'declaree'], vers: 'expiree', acteurs: ['systeme'], garde: 'echeanceDepassee' },
  annuler: { de: ['validee', 'declaree'], vers: 'annulee', acteurs: ['usager'] },
};

export type Refus = 'statut' | 'acteur' | 'garde';

/** Still usable at a mairie: validated, with or without an appointment. */
export const STATUTS_ACTIFS: readonly Statut[] = ['validee', 'declaree'];

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
  declaree: 'Rendez-vous pris',
  consommee: 'Utilisée en mairie',
  expiree: 'Expirée',
  annulee: 'Annulée',
};
