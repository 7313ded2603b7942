import { createHash } from 'node:crypto';

/**
 * Port to the dispositif de recueil (DR). The real station belongs to the State; a mairie
 * application may only keep that a capture happened, when, on which device and its
 * quality — never a fingerprint image. The port therefore returns nothing else.
 */
export interface CaptureBiometrique {
  dispositif: string;
  captureeLe: Date;
  qualitePhoto: number;
  /** null when fingerprints are not taken (under 12 years old). */
  qualiteEmpreintes: number | null;
}

export type EchecCapture = { ok: false; code: 'DISPOSITIF_INDISPONIBLE' | 'QUALITE_INSUFFISANTE'; message: string };

export interface DispositifRecueil {
  readonly identifiant: string;
  capturer(demande: { reference: string; dateNaissance: Date; tentative: number }, maintenant: Date): Promise<({ ok: true } & CaptureBiometrique) | EchecCapture>;
  /**
   * At the remise, from 12 years old: does the finger on the sensor match the prints taken
   * at the recueil? Only the outcome comes back, never an image.
   */
  verifierEmpreintes(demande: { reference: string; dateNaissance: Date }, maintenant: Date): Promise<VerificationEmpreintes | EchecCapture>;
}

export type VerificationEmpreintes = { ok: true; dispositif: string; concordance: boolean };

/** What the simulated sensor answers at the remise: a fixed outcome, or one chosen per application. */
export type ScenarioVerification = 'concordance' | 'discordance' | 'panne';

export const AGE_MINIMUM_EMPREINTES = 12;
const QUALITE_MINIMALE = 40;

export function ageLe(dateNaissance: Date, jour: Date): number {
  let age = jour.getUTCFullYear() - dateNaissance.getUTCFullYear();
  const anniversairePasse =
    jour.getUTCMonth() > dateNaissance.getUTCMonth() || (jour.getUTCMonth() === dateNaissance.getUTCMonth() && jour.getUTCDate() >= dateNaissance.getUTCDate());
  if (!anniversairePasse) age -= 1;
  return age;
}

/** Deterministic score in [0, 100) from a text: the same application and attempt always score the same. */
function score(texte: string): number {
  return createHash('sha256').update(texte).digest().readUInt32BE(0) % 100;
}

/**
 * Simulator shipped with the platform: deterministic quality, fingerprints refused under
 * 12, a capture below the quality threshold fails (a new attempt may pass), and the device
 * can be switched off to exercise the failure path. At the remise the finger matches unless
 * a scenario says otherwise (tests and demonstrations choose a no-match or a breakdown).
 */
export function simulateurDispositif(
  identifiant: string,
  options: { horsService?: boolean; verification?: ScenarioVerification | ((reference: string) => ScenarioVerification) } = {},
): DispositifRecueil {
  const indisponible: EchecCapture = { ok: false, code: 'DISPOSITIF_INDISPONIBLE', message: 'Le dispositif de recueil ne répond pas. Vérifiez qu’il est allumé et connecté.' };
  type Capture = Awaited<ReturnType<DispositifRecueil['capturer']>>;
  type Verification = Awaited<ReturnType<DispositifRecueil['verifierEmpreintes']>>;
  function capturer(demande: Parameters<DispositifRecueil['capturer']>[0], maintenant: Date): Capture {
    if (options.horsService) return indisponible;
    const qualitePhoto = 50 + (score(`photo:${demande.reference}:${demande.tentative}`) % 50);
    const avecEmpreintes = ageLe(demande.dateNaissance, maintenant) >= AGE_MINIMUM_EMPREINTES;
    const qualiteEmpreintes = avecEmpreintes ? score(`empreintes:${demande.reference}:${demande.tentative}`) : null;
    if (qualiteEmpreintes !== null && qualiteEmpreintes < QUALITE_MINIMALE) {
      return { ok: false, code: 'QUALITE_INSUFFISANTE', message: `Empreintes de qualité insuffisante (${qualiteEmpreintes}/100) : nettoyez le capteur et recommencez.` };
    }
    return { ok: true, dispositif: identifiant, captureeLe: maintenant, qualitePhoto, qualiteEmpreintes };
  }
  function verifierEmpreintes(demande: Parameters<DispositifRecueil['verifierEmpreintes']>[0], maintenant: Date): Verification {
    if (options.horsService) return indisponible;
    if (ageLe(demande.dateNaissance, maintenant) < AGE_MINIMUM_EMPREINTES) {
      return { ok: false, code: 'QUALITE_INSUFFISANTE', message: 'Pas de contrôle d’empreintes avant 12 ans : vérifiez l’identité du représentant légal.' };
    }
    const scenario = typeof options.verification === 'function' ? options.verification(demande.reference) : (options.verification ?? 'concordance');
    if (scenario === 'panne') return indisponible;
    return { ok: true, dispositif: identifiant, concordance: scenario === 'concordance' };
  }
  return {
    identifiant,
    capturer: (demande, maintenant) => Promise.resolve(capturer(demande, maintenant)),
    verifierEmpreintes: (demande, maintenant) => Promise.resolve(verifierEmpreintes(demande, maintenant)),
  };
}
