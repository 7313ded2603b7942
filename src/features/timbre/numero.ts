import { randomInt } from 'node:crypto';

/**
 * The 16-digit stamp number: 14 digits from a cryptographically secure generator followed
 * by 2 check digits computed with ISO 7064 MOD 97-10 (the IBAN scheme): the whole number
 * is ≡ 1 (mod 97). Why not Luhn: Luhn misses the 09 ↔ 90 transposition; MOD 97-10 catches
 * every single-digit substitution and every adjacent transposition, because neither change
 * can be a multiple of the prime 97 (d·10^k and 9·(a−b)·10^k with |d|, |a−b| ≤ 9).
 */
export const LONGUEUR_NUMERO = 16;
const CORPS = 14;

function mod97(digits: string): number {
  let rest = 0;
  for (const digit of digits) rest = (rest * 10 + Number(digit)) % 97;
  return rest;
}

export function clefDeControle(corps: string): string {
  return String(98 - mod97(`${corps}00`)).padStart(2, '0');
}

export function genererNumero(): string {
  // randomInt's range must stay under 2^48; 10^14 does.
  const corps = String(randomInt(0, 10 ** CORPS)).padStart(CORPS, '0');
  return corps + clefDeControle(corps);
}

/** What the agent or buyer typed, without spaces or dashes; undefined when it is not 16 digits. */
export function normaliserNumero(saisie: string): string | undefined {
  const digits = saisie.replace(/[\s.-]/g, '');
  return /^\d{16}$/.test(digits) ? digits : undefined;
}

export function numeroValide(numero: string): boolean {
  return /^\d{16}$/.test(numero) && mod97(numero) === 1;
}

export type ProblemeNumero = 'vide' | 'format' | 'clef';

export function problemeNumero(saisie: string): ProblemeNumero | undefined {
  if (saisie.trim() === '') return 'vide';
  const numero = normaliserNumero(saisie);
  if (!numero) return 'format';
  return numeroValide(numero) ? undefined : 'clef';
}

/** Four groups of four digits, as printed on the stamp and easier to read aloud. */
export function formaterNumero(numero: string): string {
  return numero.replace(/(\d{4})(?=\d)/g, '$1 ');
}
