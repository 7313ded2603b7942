import { randomInt } from 'node:crypto';

/**
 * The national format: 10 characters A–Z and 0–9. Our alphabet leaves out the characters
 * that are confused when read aloud or copied by hand (0/O, 1/I/L), so a number dictated
 * at the counter is typed right the first time.
 */
export const ALPHABET = 'ABCDEFGHJKMNPQRSTUVWXYZ23456789';
export const LONGUEUR = 10;

/** Drawn from the operating system's cryptographic generator: numbers cannot be guessed. */
export function nouveauNumero(draw: (max: number) => number = randomInt): string {
  let numero = '';
  for (let i = 0; i < LONGUEUR; i += 1) numero += ALPHABET[draw(ALPHABET.length)];
  return numero;
}

export function estNumeroPreDemande(value: string): boolean {
  return value.length === LONGUEUR && [...value].every((char) => ALPHABET.includes(char));
}
