// D'une saisie libre (nom, code postal, code INSEE) à une commune, ou à une liste où choisir.
// L'index des noms est construit une fois depuis la base : les noms ne changent pas pendant
// que l'application tourne (seuls les centres changent, et ils sont relus à chaque réponse).
import type { CommunesRepository } from './communes-repository.ts';
import { construireIndexCommunes, rechercherCommunes, type IndexCommunes, type ResultatRecherche } from './reference/index.ts';

/** Au-delà, ce n'est pas un nom de commune : on le dit sans chercher. */
export const LONGUEUR_MAX_SAISIE = 100;

export type Resolution =
  | { readonly statut: 'vide' }
  | { readonly statut: 'trop-longue' }
  | { readonly statut: 'inconnue' }
  | { readonly statut: 'plusieurs'; readonly choix: readonly ResultatRecherche[] }
  | { readonly statut: 'trouvee'; readonly resultat: ResultatRecherche };

/** Choix sans ambiguïté : un seul résultat, un seul nom exact, ou un code INSEE qui n'est pas aussi un code postal. */
export function choisir(resultats: readonly ResultatRecherche[]): Resolution {
  const [premier] = resultats;
  if (!premier) return { statut: 'inconnue' };
  if (resultats.length === 1) return { statut: 'trouvee', resultat: premier };
  const exacts = resultats.filter((r) => r.correspondance === 'nom-exact');
  if (exacts.length === 1 && exacts[0]) return { statut: 'trouvee', resultat: exacts[0] };
  const parCode = resultats.filter((r) => r.correspondance === 'code-insee' || r.correspondance === 'ancien-code-insee');
  const parCodePostal = resultats.some((r) => r.correspondance === 'code-postal');
  if (parCode.length > 0 && !parCodePostal) {
    // Un code partagé par une commune nouvelle et sa déléguée désigne la commune actuelle.
    const actuelle = parCode.find((r) => r.commune.type === 'commune-actuelle') ?? parCode[0]!;
    return { statut: 'trouvee', resultat: actuelle };
  }
  return { statut: 'plusieurs', choix: resultats };
}

export function rechercheCommunes(repo: CommunesRepository) {
  let index: Promise<IndexCommunes> | undefined;
  let noms: Promise<ReadonlyMap<string, string>> | undefined;
  // Une lecture échouée n'est pas gardée en cache : la requête suivante réessaie.
  const charger = () =>
    (index ??= repo
      .toutes()
      .then(construireIndexCommunes)
      .catch((error: unknown) => {
        index = undefined;
        noms = undefined;
        throw error;
      }));
  return {
    async rechercher(saisie: string, limite = 10): Promise<ResultatRecherche[]> {
      const texte = saisie.trim();
      if (texte === '' || texte.length > LONGUEUR_MAX_SAISIE) return [];
      return rechercherCommunes(await charger(), texte, limite);
    },
    async resoudre(saisie: string): Promise<Resolution> {
      const texte = saisie.trim();
      if (texte === '') return { statut: 'vide' };
      if (texte.length > LONGUEUR_MAX_SAISIE) return { statut: 'trop-longue' };
      return choisir(rechercherCommunes(await charger(), texte, 20));
    },
    /** Nom de chaque commune actuelle, par code INSEE. */
    noms(): Promise<ReadonlyMap<string, string>> {
      return (noms ??= charger().then((idx) => {
        const carte = new Map<string, string>();
        for (const [code, resultats] of idx.parCode) {
          const actuelle = resultats.find((r) => r.commune.type === 'commune-actuelle');
          if (actuelle) carte.set(code, actuelle.commune.nom);
        }
        return carte;
      }));
    },
  };
}
export type RechercheCommunes = ReturnType<typeof rechercheCommunes>;
