// Lecture prudente des paramètres de requête : un paramètre répété arrive en tableau, un
// paramètre absent en undefined ; rien de tout cela ne doit produire une erreur 500.

export function texteParam(query: unknown, nom: string): string | undefined {
  if (typeof query !== 'object' || query === null) return undefined;
  const valeur = (query as Record<string, unknown>)[nom];
  if (typeof valeur === 'string') return valeur;
  if (Array.isArray(valeur) && typeof valeur[0] === 'string') return valeur[0];
  return undefined;
}

export function listeParam(query: unknown, nom: string): string[] {
  if (typeof query !== 'object' || query === null) return [];
  const valeur = (query as Record<string, unknown>)[nom];
  const brut = typeof valeur === 'string' ? [valeur] : Array.isArray(valeur) ? valeur.filter((v): v is string => typeof v === 'string') : [];
  return brut.flatMap((v) => v.split(',')).map((v) => v.trim()).filter((v) => v !== '');
}

export type Position = { readonly lon: number; readonly lat: number };

/** Latitude et longitude en degrés décimaux (virgule acceptée) ; message en français sinon. */
export function lirePosition(latBrute: string, lonBrute: string): { ok: true; position: Position } | { ok: false; message: string } {
  const nombre = (texte: string) => (/^\s*-?\d{1,3}([.,]\d{1,12})?\s*$/.test(texte) ? Number(texte.trim().replace(',', '.')) : NaN);
  const lat = nombre(latBrute);
  const lon = nombre(lonBrute);
  if (!Number.isFinite(lat) || lat < -90 || lat > 90) return { ok: false, message: 'La latitude est un nombre entre -90 et 90, par exemple 45.18.' };
  if (!Number.isFinite(lon) || lon < -180 || lon > 180) return { ok: false, message: 'La longitude est un nombre entre -180 et 180, par exemple 0.72.' };
  return { ok: true, position: { lat, lon } };
}
