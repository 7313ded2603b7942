// Les sortes de points d'accueil, dans l'ordre et avec les mots de la légende du kit de la
// préfecture (2017), et ce que chacune peut faire pour une demande de CNI ou de passeport.

export const TYPES_POINT = ['dr', 'espace_numerique', 'msap', 'msap_poste', 'prefecture'] as const;
export type TypePoint = (typeof TYPES_POINT)[number];

export function estTypePoint(valeur: unknown): valeur is TypePoint {
  return typeof valeur === 'string' && (TYPES_POINT as readonly string[]).includes(valeur);
}

/** Libellés de la légende du kit. */
export const LEGENDE: Record<TypePoint, string> = {
  dr: 'Dispositif de recueil (DR)',
  espace_numerique: 'Mairies avec espace numérique de proximité',
  msap: 'MSAP (aujourd’hui France Services)',
  msap_poste: 'MSAP de La Poste',
  prefecture: 'Préfecture et sous-préfecture disposant d’un point numérique',
};

/** Couleurs de la légende, reprises par la carte ; contrastées sur fond blanc. */
export const COULEUR: Record<TypePoint, string> = {
  dr: '#c9191e',
  espace_numerique: '#18753c',
  msap: '#000091',
  msap_poste: '#b34000',
  prefecture: '#6e445a',
};

export const LIBELLE_COURT: Record<TypePoint, string> = {
  dr: 'Mairie équipée d’un DR',
  espace_numerique: 'Espace numérique',
  msap: 'MSAP / France Services',
  msap_poste: 'MSAP de La Poste',
  prefecture: 'Préfecture ou sous-préfecture',
};

/** Ce que le lieu fait pour l'usager : la réponse à « qu'est-ce qu'on fera pour moi là-bas ? ». */
export const CE_QUE_FAIT: Record<TypePoint, string> = {
  dr: 'Reçoit votre demande avec votre numéro de pré-demande et vos justificatifs, prend vos empreintes, puis vous remet le titre. À défaut de pré-demande, dossier Cerfa papier.',
  espace_numerique: 'Vous aide à créer une adresse électronique et à remplir la pré-demande en ligne. Ne prend pas les empreintes.',
  msap: 'Vous aide à faire la pré-demande et à acheter le timbre fiscal en ligne. Ne prend pas les empreintes.',
  msap_poste: 'Vous aide à faire la pré-demande et à acheter le timbre fiscal en ligne. Ne prend pas les empreintes.',
  prefecture: 'Point numérique : vous aide à faire la pré-demande en ligne, informe et oriente. Ne prend pas les empreintes.',
};

/** Types qui aident à la pré-demande en ligne sans recueillir la demande. */
export const TYPES_AIDE: readonly TypePoint[] = ['espace_numerique', 'msap', 'msap_poste', 'prefecture'];

export type NiveauEquipement = 'dr' | 'espace_numerique' | 'aucun';

export const LIBELLE_NIVEAU: Record<NiveauEquipement, string> = {
  dr: 'Mairie équipée d’un dispositif de recueil',
  espace_numerique: 'Mairie avec espace numérique',
  aucun: 'Mairie sans espace numérique',
};

/** Les trois lignes « QUI ? » du kit : rôle de la mairie selon son équipement. */
export const ROLE_MAIRIE: Record<NiveauEquipement, readonly string[]> = {
  dr: [
    'Reçoit les demandeurs de toute commune.',
    'Traite les pré-demandes réalisées en ligne ; à défaut, traite les dossiers Cerfa papier.',
    'Prend les empreintes digitales et remet le titre terminé.',
  ],
  espace_numerique: [
    'Aide les usagers à créer une adresse électronique personnelle.',
    'Aide à réaliser la pré-demande en ligne (mode accompagné).',
    'Oriente vers la mairie équipée d’un dispositif de recueil la plus proche.',
  ],
  aucun: [
    'Informe les usagers sur la pré-demande en ligne.',
    'Oriente vers la mairie équipée d’un dispositif de recueil ou l’espace numérique le plus proche.',
  ],
};

/** Niveau déduit des points ouverts de la commune : un DR l'emporte sur un espace numérique. */
export function niveauDeduit(typesOuverts: readonly TypePoint[]): NiveauEquipement {
  if (typesOuverts.includes('dr')) return 'dr';
  if (typesOuverts.includes('espace_numerique')) return 'espace_numerique';
  return 'aucun';
}

export function estNiveau(valeur: unknown): valeur is NiveauEquipement {
  return valeur === 'dr' || valeur === 'espace_numerique' || valeur === 'aucun';
}
