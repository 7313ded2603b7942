// Rassemble ce que le kit montre, depuis les données vivantes : lieux ouverts, communes et
// contours du territoire (carte OÙ), rôles (QUI), fiches pas à pas (COMMENT) ; et, pour le
// kit d'une commune, son rôle et ses lieux les plus proches. La version des données (celle du
// territoire et le contenu des fiches) sert de clé aux caches.
import { createHash } from 'node:crypto';
import { TYPES_POINT, type FicheCommune, type Point, type PointProche, type TerritoireService, type TypePoint } from '../territoire/index.ts';
import { cacheParVersion } from './cache.ts';
import { calculerCarte, type Carte } from './carte.ts';

/** Une fiche pas à pas, telle que la fonctionnalité « guides » la donne (liens vérifiés, prix du catalogue). */
export interface GuideKit {
  readonly titre: string;
  readonly chemin: string;
  readonly intro: readonly string[];
  readonly tarifs: readonly { libelle: string; montant: string; conditions: string }[];
  readonly etapes: readonly { numero: number; titre: string; paragraphes: readonly string[]; lien?: { libelle: string; href: string } | undefined }[];
  readonly encadre?: { titre: string; paragraphes: readonly string[]; liens: readonly { libelle: string; href: string }[] } | undefined;
  readonly conclusion?: readonly string[] | undefined;
}

export type TerritoireKit = Pick<TerritoireService, 'nomDepartement' | 'departement' | 'points' | 'communes' | 'recherche' | 'fiche' | 'orientation'>;

export interface KitServiceDeps {
  territoire: TerritoireKit;
  /** Empreinte des données du territoire (change à chaque lieu ajouté, modifié, fermé…). */
  versionTerritoire: () => Promise<string>;
  /**
   * Les fiches COMMENT : `empreinte` résume ce dont elles dépendent et qui peut changer sans
   * redémarrage (les prix du catalogue) ; `construire` ne sert qu'à une nouvelle version.
   * Leur texte, lui, est dans des fichiers de contenu : il change avec un déploiement.
   */
  guides: () => Promise<{ empreinte: string; construire: () => readonly GuideKit[] }>;
  now: () => Date;
  publicUrl: URL;
  operatorName: string;
  serviceName: string;
}

export interface DonneesKit {
  readonly version: string;
  readonly nomDepartement: string;
  readonly operateur: string;
  readonly service: string;
  readonly adresseEnLigne: string;
  readonly genereLe: Date;
  readonly points: readonly Point[];
  readonly dr: readonly Point[];
  readonly nomDe: (code: string) => string;
  readonly carte: Carte;
  readonly guides: readonly GuideKit[];
}

export interface CommuneKit {
  readonly fiche: FicheCommune;
  readonly dr: readonly PointProche[];
  readonly aide: readonly PointProche[];
  /** Faux quand la commune n'a pas de centre connu : pas de distance calculable. */
  readonly positionConnue: boolean;
}

/** Nombre de lieux ouverts de chaque sorte (légende de la carte). */
export function comptesParType(points: readonly Point[]) {
  return Object.fromEntries(TYPES_POINT.map((t) => [t, points.filter((p) => p.type === t).length])) as Record<TypePoint, number>;
}

export interface Version {
  readonly cle: string;
  readonly guides: () => readonly GuideKit[];
}

export function kitService(deps: KitServiceDeps) {
  const donneesCache = cacheParVersion<DonneesKit>(1);

  /** Lue à chaque demande (deux requêtes légères) : c'est elle qui dit si le cache est à jour. */
  async function version(): Promise<Version> {
    const [territoire, guides] = await Promise.all([deps.versionTerritoire(), deps.guides()]);
    const cle = createHash('sha256').update(territoire).update('\0').update(guides.empreinte).digest('base64url').slice(0, 22);
    return { cle, guides: guides.construire };
  }

  async function construire(cle: string, guides: readonly GuideKit[]): Promise<DonneesKit> {
    const t = deps.territoire;
    const [points, communes, contours, noms] = await Promise.all([
      t.points.lister({ ouvertsSeulement: true }),
      t.communes.toutes(),
      t.communes.contours(t.departement),
      t.recherche.noms(),
    ]);
    const nomDe = (code: string) => noms.get(code) ?? code;
    const placables = points.filter((p) => p.position !== null);
    const carte = calculerCarte({
      centres: communes.filter((c) => c.type === 'commune-actuelle' && c.centre).map((c) => ({ lon: c.centre!.lon, lat: c.centre!.lat })),
      contours: contours.map((c) => c.contour),
      lieux: placables.map((p) => ({ type: p.type, nom: p.nom, commune: nomDe(p.communeCode), lon: p.position!.lon, lat: p.position!.lat })),
    });
    const dr = points.filter((p) => p.type === 'dr').sort((a, b) => nomDe(a.communeCode).localeCompare(nomDe(b.communeCode), 'fr') || a.nom.localeCompare(b.nom, 'fr'));
    return {
      version: cle,
      nomDepartement: t.nomDepartement,
      operateur: deps.operatorName,
      service: deps.serviceName,
      adresseEnLigne: new URL('/kit', deps.publicUrl).toString(),
      genereLe: deps.now(),
      points,
      dr,
      nomDe,
      carte,
      guides,
    };
  }

  return {
    version,
    /** Les données du kit, recalculées seulement quand la version a changé. */
    async donnees(v?: Version): Promise<DonneesKit> {
      const { cle, guides } = v ?? (await version());
      return donneesCache.lire('kit', cle) ?? donneesCache.ecrire('kit', cle, construire(cle, guides()));
    },

    /** null : commune inconnue. Le code rendu peut différer du code demandé (commune déléguée, ancien code). */
    async commune(code: string): Promise<CommuneKit | null> {
      const fiche = await deps.territoire.fiche(code);
      if (!fiche) return null;
      const orientation = await deps.territoire.orientation.pourSaisie(fiche.code);
      if (orientation.statut !== 'trouvee') return { fiche, dr: [], aide: [], positionConnue: false };
      return { fiche, dr: orientation.dr, aide: orientation.aide, positionConnue: orientation.origine !== null };
    },
  };
}
export type KitService = ReturnType<typeof kitService>;
