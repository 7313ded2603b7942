// Faits publics de 2017 pour la Dordogne, tirés du kit d'accompagnement de la préfecture
// (voir ../shared/MISSION.md). Seuls les noms des communes sont connus : ni adresse, ni
// téléphone, ni horaires, ni nombre de dispositifs par mairie. Ces champs restent vides, et
// chaque point est placé au centre de sa commune, ce que les pages disent.
import type { TypePoint } from './types-points.ts';

export const SOURCE_KIT_2017 = "Préfecture de la Dordogne, kit d'accompagnement 2017";

export interface PointConnu {
  readonly type: TypePoint;
  /** Nom de la commune en 2017, tel que le kit l'écrit. */
  readonly commune2017: string;
  /**
   * Nom actuel quand la commune a été renommée depuis sans devenir déléguée (Montignac est
   * devenue Montignac-Lascaux, même code INSEE) ; la fusion en commune nouvelle, elle, se
   * retrouve dans le Code officiel géographique par le nom de la déléguée.
   */
  readonly renommee?: string;
  readonly nom: string;
}

const mairie = (commune2017: string, renommee?: string): PointConnu => ({
  type: 'dr',
  commune2017,
  nom: `Mairie de ${commune2017}`,
  ...(renommee ? { renommee } : {}),
});

/** Les 17 communes équipées d'un dispositif de recueil en 2017. */
export const DR_DORDOGNE_2017: readonly PointConnu[] = [
  mairie('Belvès'),
  mairie('Bergerac'),
  mairie('Boulazac-Isle-Manoire'),
  mairie('Coulounieix-Chamiers'),
  mairie('Excideuil'),
  mairie('Gardonne'),
  mairie('Lalinde'),
  mairie('Montignac', 'Montignac-Lascaux'),
  mairie('Montpon-Ménestérol'),
  mairie('Mussidan'),
  mairie('Nontron'),
  mairie('Périgueux'),
  mairie('Ribérac'),
  mairie('Saint-Astier'),
  mairie('Sarlat-la-Canéda'),
  mairie('Terrasson-Lavilledieu'),
  mairie('Thiviers'),
];

export const PREFECTURES_DORDOGNE: readonly PointConnu[] = [
  { type: 'prefecture', commune2017: 'Périgueux', nom: 'Préfecture de la Dordogne' },
  { type: 'prefecture', commune2017: 'Bergerac', nom: 'Sous-préfecture de Bergerac' },
  { type: 'prefecture', commune2017: 'Nontron', nom: 'Sous-préfecture de Nontron' },
  { type: 'prefecture', commune2017: 'Sarlat-la-Canéda', nom: 'Sous-préfecture de Sarlat-la-Canéda' },
];

/** Points livrés pour un département ; les autres départements démarrent sans point. */
export function pointsConnus(departement: string): readonly PointConnu[] {
  return departement === '24' ? [...DR_DORDOGNE_2017, ...PREFECTURES_DORDOGNE] : [];
}
