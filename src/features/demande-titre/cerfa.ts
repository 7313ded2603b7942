/**
 * The paper Cerfa keyed in at the mairie when there is no pré-demande. Pure validation:
 * each answer is checked, every error is returned at once, keyed by field.
 */
import { MOBILE_INVALIDE, mobileE164 } from '../../kernel/telephone/mobile.ts';

export interface SaisieCerfa {
  titre: string;
  motif: string;
  nom: string;
  prenoms: string;
  date_naissance: string;
  mobile: string;
  email: string;
}

export const CHAMPS_CERFA: Array<keyof SaisieCerfa> = ['titre', 'motif', 'nom', 'prenoms', 'date_naissance', 'mobile', 'email'];
export const MOTIFS = { premiere: 'Première demande', renouvellement: 'Renouvellement', perte: 'Perte', vol: 'Vol' } as const;


/** Passport always; CNI only after loss or theft (the tax stamp rule). */
export function timbreRequis(titre: 'cni' | 'passeport', motif: keyof typeof MOTIFS) {
  return titre === 'passeport' || motif === 'perte' || motif === 'vol';
}

export function validerCerfa(saisie: SaisieCerfa, aujourdHui: Date): Partial<Record<keyof SaisieCerfa, string>> {
  const erreurs: Partial<Record<keyof SaisieCerfa, string>> = {};
  if (saisie.titre !== 'cni' && saisie.titre !== 'passeport') erreurs.titre = 'Choisissez le titre demandé.';
  if (!(saisie.motif in MOTIFS)) erreurs.motif = 'Choisissez le motif de la demande.';
  const nomValide = /^[\p{L}][\p{L}' -]{0,79}$/u;
  if (!saisie.nom.trim()) erreurs.nom = 'Saisissez le nom de naissance.';
  else if (!nomValide.test(saisie.nom.trim())) erreurs.nom = 'Le nom ne peut contenir que des lettres, des espaces, des apostrophes et des tirets.';
  if (!saisie.prenoms.trim()) erreurs.prenoms = 'Saisissez les prénoms, dans l’ordre de l’état civil.';
  else if (!/^[\p{L}][\p{L}' ,-]{0,119}$/u.test(saisie.prenoms.trim())) erreurs.prenoms = 'Les prénoms ne peuvent contenir que des lettres, des espaces, des apostrophes et des tirets.';
  const date = /^\d{4}-\d{2}-\d{2}$/.test(saisie.date_naissance) ? new Date(`${saisie.date_naissance}T00:00:00Z`) : undefined;
  if (!saisie.date_naissance) erreurs.date_naissance = 'Saisissez la date de naissance.';
  else if (!date || Number.isNaN(date.getTime()) || date.toISOString().slice(0, 10) !== saisie.date_naissance) erreurs.date_naissance = 'La date de naissance doit être une date réelle, au format jj/mm/aaaa.';
  else if (date > aujourdHui) erreurs.date_naissance = 'La date de naissance ne peut pas être dans le futur.';
  else if (aujourdHui.getUTCFullYear() - date.getUTCFullYear() > 130) erreurs.date_naissance = 'Vérifiez l’année de naissance.';
  if (saisie.mobile.trim() && !mobileE164(saisie.mobile)) erreurs.mobile = MOBILE_INVALIDE;
  if (saisie.email.trim() && !/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(saisie.email.trim())) erreurs.email = 'Saisissez une adresse électronique valide, par exemple nom@domaine.fr.';
  return erreurs;
}

/** The stamp that pays for this application: the age that counts is the age on the day of the recueil. */
export function usageTimbre(titre: 'cni' | 'passeport', dateNaissance: string, jour: Date): string {
  if (titre === 'cni') return 'cni-perte-vol';
  const naissance = new Date(`${dateNaissance}T00:00:00Z`);
  let age = jour.getUTCFullYear() - naissance.getUTCFullYear();
  if (jour.getUTCMonth() < naissance.getUTCMonth() || (jour.getUTCMonth() === naissance.getUTCMonth() && jour.getUTCDate() < naissance.getUTCDate())) age -= 1;
  return age >= 18 ? 'passeport-majeur' : age >= 15 ? 'passeport-mineur-15' : 'passeport-mineur-moins-15';
}
