import { Algorithm, hash, verify } from '@node-rs/argon2';
import { dictionary } from '@zxcvbn-ts/language-common';

// OWASP's argon2id recommendation (m=19 MiB, t=2, p=1).
const ARGON2_OPTIONS = { algorithm: Algorithm.Argon2id, memoryCost: 19_456, timeCost: 2, parallelism: 1 } as const;

export const MIN_LENGTH = { usager: 12, agent: 16 } as const;
const MAX_LENGTH = 256;
// About 49,000 passwords seen most often in leaks.
const COMMON = new Set(dictionary['passwords-common'].map((word) => word.toLowerCase()));

export function hashPassword(password: string): Promise<string> {
  return hash(password, ARGON2_OPTIONS);
}

export async function verifyPassword(stored: string | null, password: string): Promise<boolean> {
  if (!stored) {
    // Same cost whether or not the account exists, so timing does not reveal it.
    await hash(password, ARGON2_OPTIONS);
    return false;
  }
  try {
    return await verify(stored, password);
  } catch {
    return false;
  }
}

/** Returns the French message to show next to the field, or undefined when acceptable. */
export function passwordProblem(password: string, kind: 'usager' | 'agent', personal: string[] = []): string | undefined {
  const min = MIN_LENGTH[kind];
  if ([...password].length < min) return `Le mot de passe doit contenir au moins ${min} caractères.`;
  if (password.length > MAX_LENGTH) return `Le mot de passe ne doit pas dépasser ${MAX_LENGTH} caractères.`;
  const lower = password.toLowerCase();
  const squeezed = lower.replace(/[\s\d!?.,;:_-]+$/u, '');
  if (COMMON.has(lower) || COMMON.has(squeezed) || /^(.)\1+$/u.test(password) || isSequence(lower)) {
    return 'Ce mot de passe est trop courant. Choisissez une phrase de plusieurs mots, facile à retenir pour vous seul.';
  }
  for (const value of personal) {
    const part = value.toLowerCase().split('@')[0] ?? '';
    if (part.length >= 4 && lower.includes(part)) {
      return 'Le mot de passe ne doit pas contenir votre adresse électronique ou votre nom.';
    }
  }
  return undefined;
}

function isSequence(text: string) {
  const sequences = ['abcdefghijklmnopqrstuvwxyz', '01234567890123456789', 'azertyuiopqsdfghjklmwxcvbn', 'qwertyuiopasdfghjklzxcvbnm'];
  return sequences.some((sequence) => sequence.includes(text));
}
