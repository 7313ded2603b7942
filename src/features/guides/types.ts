/**
 * The shape of a guide, as the pages and the printable kit use it. Content files write
 * `ContenuGuide` (links as page paths, prices as `{prix:code}` placeholders); `guides()`
 * resolves them into `Guide` (hrefs checked, prices from the stamp catalogue).
 */
export type SlugGuide = 'adresse-electronique' | 'pre-demande' | 'timbre';

export interface LienEtape {
  libelle: string;
  href: string;
}

export interface EtapeGuide {
  /** The kit's own numbering: #0 to #8. */
  numero: number;
  titre: string;
  paragraphes: string[];
  lien?: LienEtape;
}

export interface TarifAffiche {
  libelle: string;
  /** Already formatted in French, e.g. « 86 € ». */
  montant: string;
  conditions: string;
}

export interface Guide {
  slug: SlugGuide;
  /** Its page on the platform: `/guides/<slug>`. */
  chemin: string;
  titre: string;
  /** One sentence, for lists of guides. */
  resume: string;
  intro: string[];
  /** Prices shown up front (the stamp guide); empty for the others. */
  tarifs: TarifAffiche[];
  etapes: EtapeGuide[];
  /** A boxed aside after the steps (« sans adresse électronique ? »). */
  encadre?: { titre: string; paragraphes: string[]; liens: LienEtape[] };
}

/** A step as an editor writes it: `cible` is a page path; paragraphs may hold `{prix:code}`. */
export interface ContenuEtape {
  numero: number;
  titre: string;
  paragraphes: string[];
  lien?: { libelle: string; cible: string };
}

export interface ContenuGuide {
  slug: SlugGuide;
  titre: string;
  resume: string;
  intro: string[];
  /** Catalogue codes whose price is shown up front, in this order. */
  tarifsAffiches: string[];
  etapes: ContenuEtape[];
  encadre?: { titre: string; paragraphes: string[]; liens: { libelle: string; cible: string }[] };
}
