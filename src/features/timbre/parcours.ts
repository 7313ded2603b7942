import { choisirTimbre, type Reponses } from './choix.ts';
import type { Panier } from './panier-repository.ts';

/**
 * The purchase journey as data: the kit's steps, their path and what must be answered
 * before each. Routes ask `etapeBloquante()` and send the buyer back to the first step
 * still missing, so no step can be skipped by typing an address.
 */
export interface Etape {
  cle: 'demarche' | 'age' | 'formulaire' | 'panier' | 'reception' | 'validation' | 'paiement';
  path: string;
  titre: string;
}

export const ETAPES: readonly Etape[] = [
  { cle: 'demarche', path: '/timbre/demarche', titre: 'Choisir le timbre : votre démarche' },
  { cle: 'age', path: '/timbre/age', titre: 'Choisir le timbre : l’âge du demandeur' },
  { cle: 'formulaire', path: '/timbre/formulaire', titre: 'Remplir le formulaire et ajouter au panier' },
  { cle: 'panier', path: '/timbre/panier', titre: 'Vérifier le panier' },
  { cle: 'reception', path: '/timbre/reception', titre: 'Choisir le mode de réception' },
  { cle: 'validation', path: '/timbre/validation', titre: 'Valider le panier' },
  { cle: 'paiement', path: '/timbre/retour', titre: 'Payer par carte et recevoir le timbre' },
];

export function etape(cle: Etape['cle']) {
  const index = ETAPES.findIndex((e) => e.cle === cle);
  return { ...ETAPES[index]!, numero: index + 1, total: ETAPES.length, suivante: ETAPES[index + 1]?.titre };
}

/** The path of the first unmet prerequisite of `cle`, or undefined when the step may be shown. */
export function etapeBloquante(cle: Etape['cle'], panier: Pick<Panier, 'reponses' | 'lignes' | 'modeReception' | 'destinataire'>): string | undefined {
  const reponses: Reponses = panier.reponses;
  if (cle === 'age' && reponses.demarche !== 'passeport') return '/timbre/demarche';
  if (cle === 'formulaire') {
    const choix = choisirTimbre(reponses);
    if (choix.kind === 'incomplet') return `/timbre/${choix.question}`;
    if (choix.kind === 'gratuit') return '/timbre/gratuit';
  }
  if ((cle === 'reception' || cle === 'validation') && panier.lignes.length === 0) return '/timbre/panier';
  if (cle === 'validation' && (!panier.modeReception || !panier.destinataire)) return '/timbre/reception';
  return undefined;
}
