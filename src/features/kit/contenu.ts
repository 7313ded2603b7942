// Les mots du kit, réunis ici pour qu'un rédacteur les change sans toucher à la logique.
// Les rôles des mairies et la légende viennent du territoire (mêmes mots partout) ; ce
// fichier porte ce qui n'appartient qu'au kit : couverture, introductions, rôle des agents
// de préfecture. Adaptés du « Kit d'accompagnement de l'usager » (préfecture de la Dordogne, 2017).

export const KIT = {
  titre: 'Kit d’accompagnement de l’usager',
  sousTitre: 'Demandes de cartes nationales d’identité et de passeports',
  accroche: 'Les modalités de délivrance des cartes nationales d’identité et des passeports.',
  introduction: [
    'Depuis mars 2017, vous pouvez faire votre demande de carte nationale d’identité (CNI) ou de passeport dans n’importe quelle commune équipée d’un dispositif de recueil (DR), pas seulement dans la vôtre.',
    'La démarche commence par une pré-demande en ligne : chez vous, depuis votre ordinateur ou votre téléphone, ou avec l’aide d’un espace numérique de proximité.',
    'Ce kit est destiné aux agents de préfecture (accueil du public et accueil téléphonique), aux agents des mairies quel que soit leur équipement, et au public.',
  ],
  /** Les chiffres du département, calculés sur les données de la plateforme. */
  chiffres: (dr: number, espaces: number) =>
    `Aujourd’hui, selon les données de la plateforme : ${dr} ${dr > 1 ? 'communes équipées' : 'commune équipée'} d’un dispositif de recueil, ${espaces} ${espaces > 1 ? 'mairies' : 'mairie'} avec un espace numérique enregistrée${espaces > 1 ? 's' : ''}.`,
  questions: [
    { titre: 'QUI ?', texte: 'le rôle de chaque mairie selon son équipement, et celui des agents de préfecture.' },
    { titre: 'OÙ ?', texte: 'la carte du département : mairies équipées d’un DR, espaces numériques, MSAP et points numériques de la préfecture.' },
    { titre: 'COMMENT ?', texte: 'trois fiches pas à pas : créer une adresse électronique, faire sa pré-demande, acheter le timbre fiscal en ligne.' },
  ],
  miseAJour: (quand: string) => `Édition générée le ${quand} à partir des données à jour de la plateforme.`,
  versionEnLigne: (adresse: string) => `Version en ligne, toujours à jour : ${adresse}`,
} as const;

export const QUI = {
  titre: 'QUI ? Le rôle de chacun',
  intro: 'Chaque mairie a un rôle selon son niveau d’équipement. Toutes renseignent et orientent les usagers.',
  prefecture: {
    titre: 'Agents de préfecture',
    role: [
      'Informent les usagers à l’accueil du public et au téléphone.',
      'Orientent vers la mairie équipée d’un dispositif de recueil ou l’espace numérique le plus proche.',
      'Suivent les dossiers du département et répondent aux questions sur une demande en cours.',
    ],
  },
  autresLieux: 'Les autres lieux de la carte',
} as const;

export const OU = {
  titre: 'OÙ ? Les lieux du département',
  intro: 'Vous pouvez déposer votre demande dans n’importe quelle mairie équipée d’un dispositif de recueil, même hors de votre commune.',
  carteTitre: (departement: string) => `Carte des lieux — ${departement}`,
  legende: 'Légende',
  centreCommune: 'Commune (centre)',
  sources: 'Positions : au centre de la commune quand l’adresse exacte n’est pas connue. Contours des communes : IGN Admin Express (Licence Ouverte), quand ils ont été importés.',
  listeDr: 'Les communes équipées d’un dispositif de recueil',
  aucunDr: 'Aucune mairie équipée d’un dispositif de recueil n’est enregistrée pour l’instant.',
  nonRenseignee: 'non renseignée',
  nonRenseigne: 'non renseigné',
  demonstration: 'Certains lieux sont des exemples de démonstration : ils n’existent pas.',
} as const;

export const COMMENT = {
  titre: 'COMMENT ? Pas à pas',
  intro: 'Trois fiches pour réaliser la démarche en ligne. Chaque étape renvoie à la page de la plateforme qui la réalise.',
  indisponible: 'Les fiches pas à pas ne sont pas encore disponibles.',
} as const;

export const COMMUNE = {
  titre: (nom: string) => `Votre commune : ${nom}`,
  role: 'Rôle de la mairie',
  drProches: 'Mairies équipées d’un dispositif de recueil les plus proches',
  aideProches: 'Lieux qui aident à faire la pré-demande en ligne les plus proches',
  sansCentre: 'La position de la commune n’est pas connue : les distances ne peuvent pas être calculées. Consultez la liste des lieux du département.',
  aucunLieu: 'Aucun lieu enregistré.',
  distance: (km: string) => `${km} à vol d’oiseau`,
} as const;

export function formaterKm(km: number): string {
  if (km < 1) return 'moins de 1 km';
  return `${km < 10 ? km.toFixed(1).replace('.', ',') : Math.round(km)} km`;
}
