import { expect } from 'vitest';
import type { TestClient } from '../../kernel/testing/test-client.ts';

/** Test helper: walks the purchase journey like a buyer, up to the sandbox's hosted page. */
export interface Commande {
  demarche?: string;
  age?: string;
  quantite?: string;
  mode?: 'courriel' | 'sms';
  courriel?: string;
  mobile?: string;
}

export async function remplirPanier(client: TestClient, c: Commande = {}) {
  expect((await client.submit('/timbre/demarche', '/timbre/demarche', { demarche: c.demarche ?? 'passeport' })).statusCode).toBe(303);
  if ((c.demarche ?? 'passeport') === 'passeport') expect((await client.submit('/timbre/age', '/timbre/age', { age: c.age ?? 'majeur' })).statusCode).toBe(303);
  expect((await client.submit('/timbre/formulaire', '/timbre/formulaire', { quantite: c.quantite ?? '1' })).statusCode).toBe(303);
}

export async function choisirReception(client: TestClient, c: Commande = {}) {
  const mode = c.mode ?? 'courriel';
  const reponse = await client.submit('/timbre/reception', '/timbre/reception', mode === 'sms' ? { mode, mobile: c.mobile ?? '06 12 34 56 78' } : { mode, courriel: c.courriel ?? 'acheteur@exemple.fr' });
  expect(reponse.statusCode).toBe(303);
}

/** Validates the cart and returns the sandbox payment id from the redirection. */
export async function validerPanier(client: TestClient): Promise<string> {
  const reponse = await client.submit('/timbre/validation', '/timbre/validation', {});
  expect(reponse.statusCode).toBe(303);
  const match = /^\/paiement-test\/(pay_[0-9a-f]+)$/.exec(String(reponse.headers.location));
  expect(match).not.toBeNull();
  return match![1]!;
}

/** Card page then 3-D Secure; returns the last response (the redirection back to the shop). */
export async function payer(client: TestClient, paiementId: string, carte = '4970 1000 0000 0014', code = '123456') {
  const saisie = await client.submit(`/paiement-test/${paiementId}`, `/paiement-test/${paiementId}`, { numero: carte, expiration: '12/30', cvv: '123' });
  if (saisie.headers.location !== `/paiement-test/${paiementId}/3ds`) return saisie;
  return client.submit(`/paiement-test/${paiementId}/3ds`, `/paiement-test/${paiementId}/3ds`, { code, action: 'confirmer' });
}

export async function acheter(client: TestClient, c: Commande = {}) {
  await remplirPanier(client, c);
  await choisirReception(client, c);
  return validerPanier(client);
}

export function numerosDans(html: string): string[] {
  return [...html.matchAll(/class="gt-numero-timbre">(\d{4} \d{4} \d{4} \d{4})</g)].map((m) => m[1]!.replaceAll(' ', ''));
}
