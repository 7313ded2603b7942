import { createHmac, timingSafeEqual } from 'node:crypto';

/**
 * Webhook signature `t=<unix seconds>,v1=<hex HMAC-SHA256 of "t.body">`: the timestamp is
 * signed too, so an old notification cannot be replayed with a fresh date.
 */
export const TOLERANCE_SECONDES = 300;

export function signer(secret: Buffer, corps: string, at: Date): string {
  const t = Math.floor(at.getTime() / 1000);
  return `t=${t},v1=${createHmac('sha256', secret).update(`${t}.${corps}`).digest('hex')}`;
}

export function verifierSignature(secret: Buffer, corps: string, entete: string | undefined, now: Date): 'ok' | 'signature' | 'perimee' {
  if (!entete || entete.length > 200) return 'signature';
  const parts = Object.fromEntries(entete.split(',').map((p) => p.split('=', 2) as [string, string]));
  const t = Number(parts.t);
  const v1 = parts.v1 ?? '';
  if (!Number.isInteger(t) || !/^[0-9a-f]{64}$/.test(v1)) return 'signature';
  const attendu = Buffer.from(createHmac('sha256', secret).update(`${t}.${corps}`).digest('hex'));
  if (!timingSafeEqual(attendu, Buffer.from(v1))) return 'signature';
  return Math.abs(now.getTime() / 1000 - t) <= TOLERANCE_SECONDES ? 'ok' : 'perimee';
}
