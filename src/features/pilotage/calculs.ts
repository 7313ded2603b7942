// Pure arithmetic of the dashboard: rates, percentiles read on day histograms, trend and
// ranking. Everything here works on aggregate rows, never on applications.
import { MESURES, TITRES, type Mesure, type Titre } from './modele.ts';

export interface Comptes {
  preDemandes: number;
  cerfa: number;
  total: number;
  /** Share of applications that came with an online pré-demande, 0–1; null when nothing was collected. */
  taux: number | null;
}

export const VIDE: Comptes = { preDemandes: 0, cerfa: 0, total: 0, taux: null };

export function comptes(preDemandes: number, cerfa: number): Comptes {
  const total = preDemandes + cerfa;
  return { preDemandes, cerfa, total, taux: total === 0 ? null : preDemandes / total };
}

export function ajouter(a: Comptes, origine: 'pre_demande' | 'cerfa', nombre: number): Comptes {
  return origine === 'pre_demande' ? comptes(a.preDemandes + nombre, a.cerfa) : comptes(a.preDemandes, a.cerfa + nombre);
}

interface LigneOrigine {
  origine: 'pre_demande' | 'cerfa';
  nombre: number;
}

/** Sums origin rows grouped by a key (commune, month…). */
export function regrouper<L extends LigneOrigine>(lignes: readonly L[], cle: (l: L) => string): Map<string, Comptes> {
  const resultat = new Map<string, Comptes>();
  for (const l of lignes) resultat.set(cle(l), ajouter(resultat.get(cle(l)) ?? VIDE, l.origine, l.nombre));
  return resultat;
}

export type ParTitre = Record<Titre, Comptes>;
export function parTitre(lignes: readonly (LigneOrigine & { titre: Titre })[]): ParTitre {
  const groupes = regrouper(lignes, (l) => l.titre);
  return Object.fromEntries(TITRES.map((t) => [t, groupes.get(t) ?? VIDE])) as ParTitre;
}

export interface Delai {
  nombre: number;
  mediane: number | null;
  p90: number | null;
}

/** Nearest-rank percentile on a day histogram: the smallest day count reached by q of the titles. */
export function centile(histogramme: readonly { jours: number; nombre: number }[], q: number): number | null {
  const tries = [...histogramme].filter((h) => h.nombre > 0).sort((a, b) => a.jours - b.jours);
  const effectif = tries.reduce((s, h) => s + h.nombre, 0);
  if (effectif === 0) return null;
  const rang = Math.max(1, Math.ceil(q * effectif));
  let cumul = 0;
  for (const h of tries) {
    cumul += h.nombre;
    if (cumul >= rang) return h.jours;
  }
  return tries[tries.length - 1]!.jours;
}

export type Delais = Record<Mesure, Delai>;
export function delais(lignes: readonly { mesure: Mesure; jours: number; nombre: number }[]): Delais {
  return Object.fromEntries(
    MESURES.map((m) => {
      const h = lignes.filter((l) => l.mesure === m);
      return [m, { nombre: h.reduce((s, l) => s + l.nombre, 0), mediane: centile(h, 0.5), p90: centile(h, 0.9) }];
    }),
  ) as Delais;
}

/** Change in points between the first and the last month that had applications; null with fewer than two. */
export function tendance(serie: readonly { mois: string; comptes: Comptes }[]): { de: string; a: string; points: number } | null {
  const connus = serie.filter((s) => s.comptes.taux !== null);
  if (connus.length < 2) return null;
  const premier = connus[0]!;
  const dernier = connus[connus.length - 1]!;
  return { de: premier.mois, a: dernier.mois, points: (dernier.comptes.taux! - premier.comptes.taux!) * 100 };
}

/** Gap in points to the reference rate; null when either is unknown. */
export function ecart(taux: number | null, reference: number | null) {
  return taux === null || reference === null ? null : (taux - reference) * 100;
}

/** Furthest below the reference first; mairies without applications last, then by name. */
export function classerParEcart<M extends { ecart: number | null; nom: string }>(mairies: readonly M[]): M[] {
  return [...mairies].sort((a, b) => {
    if (a.ecart === null || b.ecart === null) return a.ecart === null && b.ecart === null ? a.nom.localeCompare(b.nom, 'fr') : a.ecart === null ? 1 : -1;
    return a.ecart - b.ecart || a.nom.localeCompare(b.nom, 'fr');
  });
}

const pourcent = new Intl.NumberFormat('fr-FR', { minimumFractionDigits: 1, maximumFractionDigits: 1 });
const entier = new Intl.NumberFormat('fr-FR');

/** "66,7 %", or "—" when the rate cannot be computed. */
export function formaterTaux(taux: number | null) {
  return taux === null ? '—' : `${pourcent.format(taux * 100)} %`;
}
export function formaterPoints(points: number | null) {
  return points === null ? '—' : `${points > 0 ? '+' : points < 0 ? '−' : ''}${pourcent.format(Math.abs(points))} pt`;
}
export function formaterNombre(n: number) {
  return entier.format(n);
}
/** Decimal with a comma and no unit, for CSV files opened in a French spreadsheet. */
export function decimal(n: number | null, chiffres = 1) {
  return n === null ? '' : n.toFixed(chiffres).replace('.', ',');
}
