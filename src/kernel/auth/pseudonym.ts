import { hmac } from './tokens.ts';

/**
 * Keyed pseudonym of an identifier (address, IP) for rate-limit keys and logs: stable for
 * counting, useless to whoever reads the table without the secret.
 */
export function pseudonymizer(secret: Buffer) {
  return (kind: string, value: string) => `${kind}:${hmac(secret, `${kind}:${value.trim().toLowerCase()}`).slice(0, 22)}`;
}
export type Pseudonymize = ReturnType<typeof pseudonymizer>;
