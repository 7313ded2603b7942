import { euros, type EntreeCatalogue } from '../timbre/index.ts';
import { GUIDE_ADRESSE_ELECTRONIQUE } from './contenu/adresse-electronique.ts';
import { GUIDE_PRE_DEMANDE } from './contenu/pre-demande.ts';
import { GUIDE_TIMBRE } from './contenu/timbre.ts';
import type { ContenuGuide, Guide, LienEtape, SlugGuide } from './types.ts';

export const CONTENUS_GUIDES: readonly ContenuGuide[] = [GUIDE_ADRESSE_ELECTRONIQUE, GUIDE_PRE_DEMANDE, GUIDE_TIMBRE];

/** What the guides need from the rest of the platform to be resolved. */
export interface ContexteGuides {
  /** The stamp tariffs in force (timbre's `tarifsTimbres(db, jour)`): prices are never typed in the guides. */
  tarifs: readonly EntreeCatalogue[];
  /**
   * Whether a page exists (GET). A step whose page does not exist yet links to the
   * « bientôt disponible » notice instead of a 404. Omitted: every page is taken to exist.
   */
  pageExiste?: (chemin: string) => boolean;
}

export const CHEMIN_BIENTOT = '/bientot-disponible';
const PRIX = /\{prix:([a-z0-9-]+)\}/g;

/** A price placeholder for a code missing from the catalogue reads as a pointer to the shop, never as a made-up amount. */
export function remplirPrix(texte: string, tarifs: readonly EntreeCatalogue[]): string {
  return texte.replace(PRIX, (_, code: string) => {
    const entree = tarifs.find((t) => t.code === code);
    return entree ? euros(entree.montantCentimes) : 'le prix affiché dans la boutique du timbre';
  });
}

/**
 * The three guides with their prices taken from the stamp catalogue and every link pointing
 * to a page that answers. Pure: same context, same guides.
 */
export function guides(ctx: ContexteGuides): Guide[] {
  return CONTENUS_GUIDES.map((contenu) => resoudre(contenu, ctx));
}

export function guide(ctx: ContexteGuides, slug: SlugGuide): Guide {
  return resoudre(CONTENUS_GUIDES.find((c) => c.slug === slug)!, ctx);
}

function resoudre(contenu: ContenuGuide, ctx: ContexteGuides): Guide {
  const texte = (t: string) => remplirPrix(t, ctx.tarifs);
  const lien = (l: { libelle: string; cible: string }): LienEtape => ({ libelle: l.libelle, href: cibleOuBientot(l.cible, ctx.pageExiste) });
  return {
    slug: contenu.slug,
    chemin: `/guides/${contenu.slug}`,
    titre: contenu.titre,
    resume: texte(contenu.resume),
    intro: contenu.intro.map(texte),
    tarifs: contenu.tarifsAffiches.flatMap((code) => {
      const entree = ctx.tarifs.find((t) => t.code === code);
      return entree ? [{ libelle: entree.libelle, montant: euros(entree.montantCentimes), conditions: entree.conditions }] : [];
    }),
    etapes: contenu.etapes.map((etape) => ({
      numero: etape.numero,
      titre: texte(etape.titre),
      paragraphes: etape.paragraphes.map(texte),
      ...(etape.lien ? { lien: lien(etape.lien) } : {}),
    })),
    ...(contenu.encadre
      ? { encadre: { titre: texte(contenu.encadre.titre), paragraphes: contenu.encadre.paragraphes.map(texte), liens: contenu.encadre.liens.map(lien) } }
      : {}),
  };
}

export function cibleOuBientot(cible: string, pageExiste?: (chemin: string) => boolean): string {
  const chemin = cible.split(/[?#]/)[0]!;
  if (!pageExiste || pageExiste(chemin)) return cible;
  return `${CHEMIN_BIENTOT}?page=${encodeURIComponent(chemin)}`;
}
