import { createHmac, randomBytes, randomInt } from 'node:crypto';

/**
 * Time-based one-time passwords (RFC 6238, on HOTP of RFC 4226): HMAC-SHA1, 30-second
 * steps, 6 digits — what every authenticator app reads from an `otpauth://` QR code.
 */
export const PAS_SECONDES = 30;
const CHIFFRES = 6;
const BASE32 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';

export function base32(bytes: Buffer): string {
  let bits = 0;
  let value = 0;
  let out = '';
  for (const byte of bytes) {
    value = (value << 8) | byte;
    bits += 8;
    while (bits >= 5) {
      out += BASE32[(value >>> (bits - 5)) & 31];
      bits -= 5;
    }
  }
  if (bits > 0) out += BASE32[(value << (5 - bits)) & 31];
  return out;
}

export function depuisBase32(texte: string): Buffer {
  const clean = texte.replace(/[\s=-]/g, '').toUpperCase();
  let bits = 0;
  let value = 0;
  const out: number[] = [];
  for (const char of clean) {
    const index = BASE32.indexOf(char);
    if (index < 0) throw new Error('Secret TOTP invalide (base32 attendu)');
    value = (value << 5) | index;
    bits += 5;
    if (bits >= 8) {
      out.push((value >>> (bits - 8)) & 255);
      bits -= 8;
    }
  }
  return Buffer.from(out);
}

/** A new secret of 160 bits (RFC 4226's recommendation), in base32. */
export function nouveauSecretTotp(): string {
  return base32(randomBytes(20));
}

export function codeHotp(secret: string, compteur: number): string {
  const message = Buffer.alloc(8);
  message.writeBigUInt64BE(BigInt(compteur));
  const digest = createHmac('sha1', depuisBase32(secret)).update(message).digest();
  const offset = digest[digest.length - 1]! & 0x0f;
  const binaire = (digest.readUInt32BE(offset) & 0x7fffffff) % 10 ** CHIFFRES;
  return String(binaire).padStart(CHIFFRES, '0');
}

export const pasDe = (at: Date) => Math.floor(at.getTime() / 1000 / PAS_SECONDES);

export function codeTotp(secret: string, at: Date): string {
  return codeHotp(secret, pasDe(at));
}

/**
 * The step a code was made for, within one step either side (clocks drift), and only if it
 * is later than `dernierPas`: a code already used never opens a second session.
 */
export function verifierTotp(secret: string, saisie: string, at: Date, dernierPas: number | null): number | undefined {
  const code = saisie.replace(/\s/g, '');
  if (!/^\d{6}$/.test(code)) return undefined;
  const pas = pasDe(at);
  for (const candidat of [pas - 1, pas, pas + 1]) {
    if (dernierPas !== null && candidat <= dernierPas) continue;
    if (codeHotp(secret, candidat) === code) return candidat;
  }
  return undefined;
}

/** What an authenticator app reads from the QR code. */
export function uriOtpauth(secret: string, compte: string, emetteur: string): string {
  const label = encodeURIComponent(`${emetteur}:${compte}`);
  return `otpauth://totp/${label}?secret=${secret}&issuer=${encodeURIComponent(emetteur)}&algorithm=SHA1&digits=${CHIFFRES}&period=${PAS_SECONDES}`;
}

const ALPHABET_SECOURS = 'ABCDEFGHJKLMNPQRSTUVWXYZ23456789';
/** Ten single-use recovery codes, « ABCD-EFGH », to keep on paper. */
export function codesDeSecours(nombre = 10): string[] {
  return Array.from({ length: nombre }, () => {
    const chars = Array.from({ length: 8 }, () => ALPHABET_SECOURS[randomInt(ALPHABET_SECOURS.length)]).join('');
    return `${chars.slice(0, 4)}-${chars.slice(4)}`;
  });
}
export const normaliserCodeSecours = (saisie: string) => saisie.toUpperCase().replace(/[^A-Z0-9]/g, '');
