// Dashboard filters read from the query string (no personal data in them): each bad value
// gets its own French message next to its field, and the other answers are kept.
import type { Principal } from '../../kernel/auth/principal.ts';
import { decalerMois, type Perimetre, type Periode, type Titre } from './modele.ts';

export const NATIONAL = 'FR';
export const DUREE_MAX_MOIS = 36;

export interface SaisieFiltres {
  du: string;
  au: string;
  titre: string;
  arrondissement: string;
  departement: string;
}

export interface FiltresLus {
  saisie: SaisieFiltres;
  erreurs: Partial<Record<keyof SaisieFiltres, string>>;
  periode: Periode;
  titre: Titre | undefined;
  arrondissement: string | undefined;
}

// A real calendar month of the service's lifetime: year 9999 would overflow the month after it.
const MOIS = /^20\d{2}-(0[1-9]|1[0-2])$/;
const DEPARTEMENT = /^(0[1-9]|[1-8]\d|9[0-5]|2[AB]|97[1-6])$/;
const texte = (v: unknown, max: number) => (typeof v === 'string' ? v.trim().slice(0, max) : '');

export const moisCourant = (now: Date) => now.toISOString().slice(0, 7);
const nombreDeMois = (p: Periode) => {
  const [a1, m1] = p.du.split('-').map(Number) as [number, number];
  const [a2, m2] = p.au.split('-').map(Number) as [number, number];
  return (a2 - a1) * 12 + (m2 - m1) + 1;
};

/** Reads the filters; `arrondissements` are those offered for the chosen département. */
export function lireFiltres(query: unknown, now: Date, arrondissements: (departement: string | undefined) => readonly string[]): FiltresLus & { departementChoisi: string | undefined } {
  const q = (query ?? {}) as Record<string, unknown>;
  const saisie: SaisieFiltres = { du: texte(q.du, 7), au: texte(q.au, 7), titre: texte(q.titre, 10), arrondissement: texte(q.arrondissement, 4), departement: texte(q.departement, 3).toUpperCase() };
  const erreurs: FiltresLus['erreurs'] = {};
  const au = saisie.au === '' ? moisCourant(now) : saisie.au;
  const du = saisie.du === '' ? decalerMois(au, -11) : saisie.du;
  if (!MOIS.test(du)) erreurs.du = 'Saisissez le mois de début sous la forme AAAA-MM, entre 2000-01 et 2099-12, par exemple 2026-01.';
  if (!MOIS.test(au)) erreurs.au = 'Saisissez le mois de fin sous la forme AAAA-MM, entre 2000-01 et 2099-12, par exemple 2026-12.';
  if (!erreurs.du && !erreurs.au) {
    if (du > au) erreurs.du = 'Le mois de début doit précéder le mois de fin.';
    else if (nombreDeMois({ du, au }) > DUREE_MAX_MOIS) erreurs.du = `La période ne peut pas dépasser ${DUREE_MAX_MOIS} mois.`;
  }
  if (saisie.titre !== '' && saisie.titre !== 'cni' && saisie.titre !== 'passeport') erreurs.titre = 'Choisissez un titre dans la liste.';
  if (saisie.departement !== '' && saisie.departement !== NATIONAL && !DEPARTEMENT.test(saisie.departement)) {
    erreurs.departement = 'Saisissez un code de département (par exemple 24, 2A ou 974) ou FR pour la France entière.';
  }
  const departementChoisi = saisie.departement === '' || erreurs.departement ? undefined : saisie.departement;
  if (saisie.arrondissement !== '' && !arrondissements(departementChoisi).includes(saisie.arrondissement)) erreurs.arrondissement = 'Choisissez un arrondissement dans la liste.';
  return {
    saisie,
    erreurs,
    departementChoisi,
    periode: { du, au },
    titre: saisie.titre === 'cni' || saisie.titre === 'passeport' ? saisie.titre : undefined,
    arrondissement: saisie.arrondissement === '' ? undefined : saisie.arrondissement,
  };
}

/**
 * Who sees what: a mairie agent their commune, préfecture agents and instructeurs their
 * département; an administrator chooses a département or the whole country.
 */
export function perimetreDe(principal: Principal, departementChoisi: string | undefined, departementParDefaut: string): Perimetre | undefined {
  if (principal.role === 'agent_mairie') return principal.communeInsee && principal.departement ? { niveau: 'commune', commune: principal.communeInsee, departement: principal.departement } : undefined;
  if (principal.role === 'agent_prefecture' || principal.role === 'instructeur') return principal.departement ? { niveau: 'departement', departement: principal.departement } : undefined;
  if (principal.role !== 'admin') return undefined;
  const departement = departementChoisi ?? principal.departement ?? departementParDefaut;
  return departement === NATIONAL ? { niveau: 'national' } : { niveau: 'departement', departement };
}
