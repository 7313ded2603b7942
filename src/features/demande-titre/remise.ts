import type { DemandeRow, AncienTitre, QualiteRepresentant, ResultatControle } from './demandes-repository.ts';
import { AGE_MINIMUM_EMPREINTES, ageLe } from './dispositif-recueil.ts';

/**
 * The remise at the counter, as rules: how the holder's identity is checked (fingerprints
 * from 12 years old, otherwise the legal representative present), and what became of the
 * old title. The outcome of each check is kept, never a fingerprint.
 */
export type MethodeControle = 'empreintes' | 'representant_legal';

export type ControleIdentite =
  | { methode: 'empreintes'; resultat: Exclude<ResultatControle, 'representant_present'>; dispositif: string }
  | { methode: 'representant_legal'; resultat: 'representant_present'; representantNom: string; representantQualite: QualiteRepresentant };

export const controleReussi = (controle: ControleIdentite) => controle.resultat === 'concordance' || controle.resultat === 'representant_present';

/** Fingerprints only when the holder is 12 or more and prints were taken at the recueil. */
export function methodeControle(demande: Pick<DemandeRow, 'date_naissance' | 'capture'>, maintenant: Date): MethodeControle {
  const age = ageLe(new Date(`${demande.date_naissance}T00:00:00Z`), maintenant);
  return age >= AGE_MINIMUM_EMPREINTES && demande.capture?.qualiteEmpreintes != null ? 'empreintes' : 'representant_legal';
}

export const ANCIEN_TITRE: Record<string, { valeur: AncienTitre; libelle: string }> = {
  oui: { valeur: 'restitue', libelle: 'L’ancien titre est restitué' },
  aucun: { valeur: 'aucun', libelle: 'Pas d’ancien titre (première demande)' },
  perdu_vole: { valeur: 'perdu_vole', libelle: 'L’ancien titre a été déclaré perdu ou volé' },
};

export const QUALITES: Record<QualiteRepresentant, string> = { mere: 'Mère', pere: 'Père', tuteur: 'Tuteur ou tutrice' };

export interface SaisieRemise {
  ancien: string;
  representant_nom: string;
  representant_qualite: string;
  representant_piece: boolean;
}
export type ErreursRemise = Partial<Record<'ancien' | 'representant_nom' | 'representant_qualite' | 'representant_piece', string>>;

export function lireSaisieRemise(body: Record<string, string>): SaisieRemise {
  return {
    ancien: (body.ancien ?? '').trim(),
    representant_nom: (body.representant_nom ?? '').trim().slice(0, 120),
    representant_qualite: (body.representant_qualite ?? '').trim(),
    representant_piece: body.representant_piece === 'oui',
  };
}

export function validerSaisieRemise(saisie: SaisieRemise, methode: MethodeControle): ErreursRemise {
  const erreurs: ErreursRemise = {};
  if (!Object.hasOwn(ANCIEN_TITRE, saisie.ancien)) erreurs.ancien = 'Indiquez si l’ancien titre est restitué, s’il n’y en a pas, ou s’il a été perdu ou volé.';
  if (methode === 'representant_legal') {
    if (saisie.representant_nom.length < 2) erreurs.representant_nom = 'Saisissez le nom et le prénom du représentant légal présent.';
    if (!Object.hasOwn(QUALITES, saisie.representant_qualite)) erreurs.representant_qualite = 'Indiquez si le représentant légal est la mère, le père ou le tuteur.';
    if (!saisie.representant_piece) erreurs.representant_piece = 'Vérifiez la pièce d’identité du représentant légal avant de remettre le titre.';
  }
  return erreurs;
}

export const MESSAGES_CONTROLE = {
  discordance:
    'Les empreintes ne correspondent pas à celles recueillies pour ce titre : ne le remettez pas. Vérifiez que le titulaire lui-même est présent ; en cas de doute, contactez le service instructeur de la préfecture.',
  dispositif_indisponible: 'Le dispositif de recueil ne répond pas : le titre n’a pas été remis. Vérifiez qu’il est allumé et connecté, puis réessayez.',
} as const;

export const LIBELLES_CONTROLE: Record<ResultatControle, string> = {
  concordance: 'Empreintes concordantes',
  discordance: 'Empreintes non concordantes',
  dispositif_indisponible: 'Dispositif indisponible',
  representant_present: 'Représentant légal présent',
};
