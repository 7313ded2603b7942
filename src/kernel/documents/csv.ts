/**
 * CSV cells as every export of the platform writes them (";" separator, RFC 4180 quoting).
 *
 * A text that a spreadsheet would take for a formula — starting with =, +, -, @, a tab or a
 * carriage return — is written behind an apostrophe, which spreadsheets show as text and
 * never execute (CSV formula injection). Plain numbers (-0.57, +3) are left as they are.
 * `lireCelluleCsv` removes that apostrophe again, so an export re-imports unchanged.
 */
const FORMULE = /^[=+\-@\t\r]/;
const NOMBRE = /^[+-]?\d+(?:[.,]\d+)?$/;

export function neutraliserFormule(valeur: string): string {
  return FORMULE.test(valeur) && !NOMBRE.test(valeur) ? `'${valeur}` : valeur;
}

export function celluleCsv(valeur: string): string {
  const texte = neutraliserFormule(valeur);
  return /[";\n\r]/.test(texte) ? `"${texte.replaceAll('"', '""')}"` : texte;
}

/** The value of a cell written by celluleCsv (the neutralising apostrophe removed). */
export function lireCelluleCsv(cellule: string): string {
  return cellule.startsWith("'") && FORMULE.test(cellule.slice(1)) && !NOMBRE.test(cellule.slice(1)) ? cellule.slice(1) : cellule;
}
