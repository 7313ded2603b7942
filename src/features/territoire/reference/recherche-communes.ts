// Recherche d'une commune par tout nom qu'un usager peut encore employer (nom actuel, nom
// d'une commune déléguée ou associée), par code postal ou par code INSEE, y compris un
// ancien code d'une commune fusionnée. Index en mémoire : un département compte quelques
// centaines de noms, la France entière moins de 40 000, un parcours linéaire suffit.
import type { CommuneReference } from './communes-source.ts';
import {
  comparerNom,
  estCodeInsee,
  normaliserRecherche,
  rangNiveau,
  type NiveauCorrespondance,
} from './normalize.ts';

export type Correspondance = 'code-insee' | 'ancien-code-insee' | 'code-postal' | NiveauCorrespondance;

export interface ResultatRecherche {
  /** La commune trouvée : actuelle, ou déléguée / associée quand c'est son nom qui correspond. */
  readonly commune: CommuneReference;
  /** Pour une déléguée ou associée, la commune actuelle dont elle dépend (sa mairie principale). */
  readonly communeNouvelle?: CommuneReference;
  readonly correspondance: Correspondance;
}

interface EntreeNom {
  readonly cle: string;
  readonly commune: CommuneReference;
  readonly communeNouvelle?: CommuneReference;
}

export interface IndexCommunes {
  readonly noms: readonly EntreeNom[];
  readonly parCode: ReadonlyMap<string, readonly ResultatRecherche[]>;
  readonly parAncienCode: ReadonlyMap<string, CommuneReference>;
  readonly parCodePostal: ReadonlyMap<string, readonly CommuneReference[]>;
}

// Au-delà, aucun nom de commune ne peut correspondre (le plus long en compte 45 lettres) :
// inutile de normaliser et de comparer une saisie de plusieurs kilo-octets.
const LONGUEUR_MAX_REQUETE = 200;
const LIMITE_MAX = 100;

function ajouter<K, V>(carte: Map<K, V[]>, cle: K, valeur: V): void {
  const liste = carte.get(cle);
  if (liste) liste.push(valeur);
  else carte.set(cle, [valeur]);
}

function parPopulation(a: CommuneReference, b: CommuneReference): number {
  return (b.population ?? -1) - (a.population ?? -1) || a.nom.localeCompare(b.nom, 'fr');
}

export function construireIndexCommunes(communes: readonly CommuneReference[]): IndexCommunes {
  const actuelles = new Map(communes.filter((c) => c.type === 'commune-actuelle').map((c) => [c.code, c]));
  const noms: EntreeNom[] = [];
  const parCode = new Map<string, ResultatRecherche[]>();
  const parAncienCode = new Map<string, CommuneReference>();
  const parCodePostal = new Map<string, CommuneReference[]>();

  for (const commune of actuelles.values()) {
    noms.push({ cle: normaliserRecherche(commune.nom), commune });
    ajouter(parCode, commune.code, { commune, correspondance: 'code-insee' });
    for (const ancien of commune.anciensCodes) parAncienCode.set(ancien, commune);
    for (const codePostal of commune.codesPostaux) ajouter(parCodePostal, codePostal, commune);
  }
  for (const commune of communes) {
    const communeNouvelle = commune.communeNouvelle ? actuelles.get(commune.communeNouvelle) : undefined;
    if (commune.type === 'commune-actuelle' || !communeNouvelle) continue;
    ajouter(parCode, commune.code, { commune, communeNouvelle, correspondance: 'code-insee' });
    const cle = normaliserRecherche(commune.nom);
    // Une déléguée homonyme de sa commune nouvelle ferait doublon dans les résultats.
    if (cle !== normaliserRecherche(communeNouvelle.nom)) noms.push({ cle, commune, communeNouvelle });
  }
  for (const liste of parCodePostal.values()) liste.sort(parPopulation);
  return { noms, parCode, parAncienCode, parCodePostal };
}

function rechercherParCode(index: IndexCommunes, code: string): ResultatRecherche[] {
  const directs = index.parCode.get(code);
  if (directs) return [...directs];
  const absorbante = index.parAncienCode.get(code);
  return absorbante ? [{ commune: absorbante, correspondance: 'ancien-code-insee' }] : [];
}

/** Un code postal complet, ou son début (« 240 ») pendant la saisie. */
function rechercherParCodePostal(index: IndexCommunes, debut: string): ResultatRecherche[] {
  const trouvees = new Set<CommuneReference>();
  for (const [codePostal, communes] of index.parCodePostal) {
    if (codePostal.startsWith(debut)) for (const c of communes) trouvees.add(c);
  }
  return [...trouvees].sort(parPopulation).map((commune) => ({ commune, correspondance: 'code-postal' }));
}

function rechercherParNom(index: IndexCommunes, requete: string): ResultatRecherche[] {
  const trouves: { entree: EntreeNom; niveau: NiveauCorrespondance }[] = [];
  for (const entree of index.noms) {
    const niveau = comparerNom(entree.cle, requete);
    if (niveau) trouves.push({ entree, niveau });
  }
  trouves.sort(
    (a, b) =>
      rangNiveau(a.niveau) - rangNiveau(b.niveau) ||
      // Une déléguée n'a pas de population propre : on la classe selon sa commune nouvelle.
      parPopulation(a.entree.communeNouvelle ?? a.entree.commune, b.entree.communeNouvelle ?? b.entree.commune),
  );
  return trouves.map(({ entree, niveau }) =>
    entree.communeNouvelle
      ? { commune: entree.commune, communeNouvelle: entree.communeNouvelle, correspondance: niveau }
      : { commune: entree.commune, correspondance: niveau },
  );
}

/**
 * Meilleures communes pour une saisie libre : code INSEE, puis code postal, puis nom
 * (exact, début du nom, début d'un mot, contenu). Saisie vide ou démesurée : aucun résultat.
 */
export function rechercherCommunes(index: IndexCommunes, requete: string, limite = 10): ResultatRecherche[] {
  const borne = Number.isFinite(limite) ? Math.min(Math.max(Math.trunc(limite), 1), LIMITE_MAX) : 10;
  if (requete.length > LONGUEUR_MAX_REQUETE) return [];
  const saisie = requete.trim();
  if (estCodeInsee(saisie)) {
    // Cinq chiffres peuvent être à la fois un code INSEE et un code postal (24170 est
    // Eyvirat et le code postal de Belvès) : on donne les deux, l'identité exacte d'abord.
    const parCode = rechercherParCode(index, saisie.toUpperCase());
    const dejaVues = new Set(parCode.map((r) => r.commune));
    const parCodePostal = rechercherParCodePostal(index, saisie).filter((r) => !dejaVues.has(r.commune));
    return [...parCode, ...parCodePostal].slice(0, borne);
  }
  if (/^\d{2,4}$/.test(saisie)) return rechercherParCodePostal(index, saisie).slice(0, borne);
  return rechercherParNom(index, normaliserRecherche(saisie)).slice(0, borne);
}
