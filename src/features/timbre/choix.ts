import type { Age, Demarche } from './contenu.ts';

/**
 * The questions pick the stamp, so nobody has to choose among amounts. Pure: the
 * answers go in, a catalogue code (or "no stamp needed") comes out.
 */
export interface Reponses {
  demarche?: Demarche;
  age?: Age;
}

export type Choix = { kind: 'timbre'; code: string } | { kind: 'gratuit' } | { kind: 'incomplet'; question: 'demarche' | 'age' };

export function choisirTimbre(reponses: Reponses): Choix {
  if (!reponses.demarche) return { kind: 'incomplet', question: 'demarche' };
  if (reponses.demarche === 'cni') return { kind: 'gratuit' };
  if (reponses.demarche === 'cni-perte-vol') return { kind: 'timbre', code: 'cni-perte-vol' };
  if (!reponses.age) return { kind: 'incomplet', question: 'age' };
  const codes: Record<Age, string> = { majeur: 'passeport-majeur', 'mineur-15': 'passeport-mineur-15', 'mineur-moins-15': 'passeport-mineur-moins-15' };
  return { kind: 'timbre', code: codes[reponses.age] };
}


export const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

export function normaliserCourriel(saisie: string): string | undefined {
  const value = saisie.trim();
  return value.length <= 254 && EMAIL.test(value) ? value : undefined;
}

export function lireQuantite(saisie: string, max: number): number | undefined {
  if (!/^\d{1,2}$/.test(saisie.trim())) return undefined;
  const value = Number(saisie.trim());
  return value >= 1 && value <= max ? value : undefined;
}

