// Cache en mémoire des documents générés, par clé (le kit du département, le kit d'une
// commune) et par version des données : une entrée d'une autre version est périmée. On garde
// la promesse, pas seulement le résultat, pour qu'une rafale de demandes au même moment ne
// génère le document qu'une fois. Capacité bornée : les moins récemment servis partent.

export interface CacheParVersion<T> {
  lire(cle: string, version: string): Promise<T> | undefined;
  ecrire(cle: string, version: string, valeur: Promise<T>): Promise<T>;
  taille(): number;
}

export function cacheParVersion<T>(capacite: number): CacheParVersion<T> {
  const entrees = new Map<string, { version: string; valeur: Promise<T> }>();
  return {
    lire(cle, version) {
      const entree = entrees.get(cle);
      if (!entree || entree.version !== version) return undefined;
      entrees.delete(cle);
      entrees.set(cle, entree);
      return entree.valeur;
    },
    ecrire(cle, version, valeur) {
      entrees.delete(cle);
      entrees.set(cle, { version, valeur });
      // Un échec n'est pas gardé : la demande suivante réessaiera.
      valeur.catch(() => {
        if (entrees.get(cle)?.valeur === valeur) entrees.delete(cle);
      });
      for (const ancienne of entrees.keys()) {
        if (entrees.size <= capacite) break;
        entrees.delete(ancienne);
      }
      return valeur;
    },
    taille: () => entrees.size,
  };
}
