/**
 * The one lifecycle of a demande de titre (one per titre per person), declared as a table:
 * states, events in the agents' own words, the roles allowed to raise each event and a
 * named guard per transition. The status changes only through `transition()`.
 */
export const ETATS = [
  'recueillie',
  'transmise',
  'en_instruction',
  'complement_demande',
  'accordee',
  'refusee',
  'classee_sans_suite',
  'en_production',
  'disponible',
  'remise',
  'detruite',
] as const;
export type Etat = (typeof ETATS)[number];

export const ETATS_FINAUX: ReadonlySet<Etat> = new Set(['refusee', 'classee_sans_suite', 'remise', 'detruite']);

export type RoleActeur = 'agent_mairie' | 'agent_prefecture' | 'instructeur' | 'admin' | 'usager' | 'systeme';

export interface Acteur {
  role: RoleActeur;
  communeInsee?: string | null;
  departement?: string | null;
}

/** What the guards need to know about the application. */
export interface DemandeTitre {
  etat: Etat;
  communeRecueil: string;
  communeRemise: string;
  departement: string;
  timbreRequis: boolean;
  timbreConsomme: boolean;
  capturesFaites: boolean;
  disponibleDepuis: Date | null;
}

export interface ContexteTransition {
  maintenant: Date;
  motif?: string | undefined;
  identiteVerifiee?: boolean;
  /** Months a title waits at the mairie before destruction (3 by default). */
  delaiRetraitMois?: number;
}

export type Garde = (demande: DemandeTitre, acteur: Acteur, contexte: ContexteTransition) => string | undefined;

// Guards return the French reason for a refusal, or undefined when the transition may happen.
export const GARDES = {
  timbreRegle: (d) => (d.timbreRequis && !d.timbreConsomme ? 'Le timbre fiscal requis n’a pas été vérifié et consommé.' : undefined),
  capturesFaites: (d) => (d.capturesFaites ? undefined : 'La photo et les empreintes n’ont pas été recueillies.'),
  mairieDeRecueil: (d, a) => (a.role !== 'agent_mairie' || a.communeInsee === d.communeRecueil ? undefined : 'Cette demande a été recueillie dans une autre commune.'),
  mairieDeRemise: (d, a) => (a.role !== 'agent_mairie' || a.communeInsee === d.communeRemise ? undefined : 'Ce titre est remis dans une autre commune.'),
  departementInstruit: (d, a) => (a.role !== 'instructeur' || a.departement === d.departement ? undefined : 'Cette demande relève d’un autre département.'),
  motifRenseigne: (_d, _a, c) => (c.motif && c.motif.trim().length >= 3 ? undefined : 'Le motif est obligatoire.'),
  identiteVerifiee: (_d, _a, c) => (c.identiteVerifiee ? undefined : 'L’identité du demandeur doit être vérifiée avant la remise.'),
  delaiDeRetraitDepasse: (d, _a, c) => {
    if (!d.disponibleDepuis) return 'Le titre n’est pas disponible.';
    const limite = new Date(d.disponibleDepuis);
    limite.setUTCMonth(limite.getUTCMonth() + (c.delaiRetraitMois ?? 3));
    return c.maintenant >= limite ? undefined : 'Le délai de retrait n’est pas dépassé.';
  },
} satisfies Record<string, Garde>;
export type NomGarde = keyof typeof GARDES;

interface RegleTransition {
  de: readonly Etat[];
  vers: Etat;
  roles: readonly RoleActeur[];
  gardes: readonly NomGarde[];
}

export const TRANSITIONS = {
  transmettre: { de: ['recueillie'], vers: 'transmise', roles: ['agent_mairie'], gardes: ['mairieDeRecueil', 'capturesFaites', 'timbreRegle'] },
  prendre_en_instruction: { de: ['transmise'], vers: 'en_instruction', roles: ['instructeur'], gardes: ['departementInstruit'] },
  demander_complement: { de: ['en_instruction'], vers: 'complement_demande', roles: ['instructeur'], gardes: ['departementInstruit', 'motifRenseigne'] },
  recevoir_complement: { de: ['complement_demande'], vers: 'en_instruction', roles: ['instructeur'], gardes: ['departementInstruit'] },
  accorder: { de: ['en_instruction'], vers: 'accordee', roles: ['instructeur'], gardes: ['departementInstruit'] },
  refuser: { de: ['en_instruction'], vers: 'refusee', roles: ['instructeur'], gardes: ['departementInstruit', 'motifRenseigne'] },
  classer_sans_suite: { de: ['en_instruction', 'complement_demande'], vers: 'classee_sans_suite', roles: ['instructeur'], gardes: ['departementInstruit', 'motifRenseigne'] },
  lancer_production: { de: ['accordee'], vers: 'en_production', roles: ['systeme'], gardes: [] },
  receptionner: { de: ['en_production'], vers: 'disponible', roles: ['agent_mairie'], gardes: ['mairieDeRemise'] },
  remettre: { de: ['disponible'], vers: 'remise', roles: ['agent_mairie'], gardes: ['mairieDeRemise', 'identiteVerifiee'] },
  detruire: { de: ['disponible'], vers: 'detruite', roles: ['systeme', 'agent_mairie'], gardes: ['mairieDeRemise', 'delaiDeRetraitDepasse'] },
} as const satisfies Record<string, RegleTransition>;
export type Evenement = keyof typeof TRANSITIONS;
export const EVENEMENTS = Object.keys(TRANSITIONS) as Evenement[];

export type RefusTransition = { ok: false; code: 'ETAT_INCOMPATIBLE' | 'ROLE_NON_AUTORISE' | 'GARDE'; raison: string };
export type ResultatTransition = { ok: true; de: Etat; vers: Etat; evenement: Evenement } | RefusTransition;

/** The only way a status changes. Pure: the caller writes the new state and its history row. */
export function transition(demande: DemandeTitre, evenement: Evenement, acteur: Acteur, contexte: ContexteTransition): ResultatTransition {
  const regle: RegleTransition = TRANSITIONS[evenement];
  if (!regle.de.includes(demande.etat)) {
    return { ok: false, code: 'ETAT_INCOMPATIBLE', raison: `Impossible de « ${LIBELLES_EVENEMENTS[evenement]} » une demande ${LIBELLES_ETATS[demande.etat]}.` };
  }
  if (!regle.roles.includes(acteur.role)) {
    return { ok: false, code: 'ROLE_NON_AUTORISE', raison: 'Votre rôle ne permet pas cette action.' };
  }
  for (const nom of regle.gardes) {
    const raison = GARDES[nom](demande, acteur, contexte);
    if (raison) return { ok: false, code: 'GARDE', raison };
  }
  return { ok: true, de: demande.etat, vers: regle.vers, evenement };
}

export const LIBELLES_ETATS: Record<Etat, string> = {
  recueillie: 'recueillie en mairie',
  transmise: 'transmise pour instruction',
  en_instruction: 'en cours d’instruction',
  complement_demande: 'en attente d’un complément',
  accordee: 'accordée',
  refusee: 'refusée',
  classee_sans_suite: 'classée sans suite',
  en_production: 'en cours de fabrication',
  disponible: 'disponible en mairie',
  remise: 'remise à son titulaire',
  detruite: 'détruite faute de retrait',
};

export const LIBELLES_EVENEMENTS: Record<Evenement, string> = {
  transmettre: 'transmettre',
  prendre_en_instruction: 'prendre en instruction',
  demander_complement: 'demander un complément pour',
  recevoir_complement: 'reprendre l’instruction de',
  accorder: 'accorder',
  refuser: 'refuser',
  classer_sans_suite: 'classer sans suite',
  lancer_production: 'lancer la fabrication de',
  receptionner: 'réceptionner',
  remettre: 'remettre',
  detruire: 'détruire',
};
