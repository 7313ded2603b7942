import { describe, expect, it } from 'vitest';
import { base32, codeHotp, codeTotp, depuisBase32, verifierTotp } from './totp.ts';

// RFC 4226 appendix D and RFC 6238 appendix B test vectors (secret "12345678901234567890").
const SECRET = base32(Buffer.from('12345678901234567890'));

describe('TOTP', () => {
  it('gives the RFC 4226 HOTP values', () => {
    expect(['755224', '287082', '359152', '969429', '338314', '254676', '287922', '162583', '399871', '520489'].map((_, i) => codeHotp(SECRET, i))).toEqual([
      '755224', '287082', '359152', '969429', '338314', '254676', '287922', '162583', '399871', '520489',
    ]);
  });

  it('gives the RFC 6238 SHA-1 values (last six digits)', () => {
    expect(codeTotp(SECRET, new Date(59_000))).toBe('287082');
    expect(codeTotp(SECRET, new Date(1_111_111_109_000))).toBe('081804');
    expect(codeTotp(SECRET, new Date(1_234_567_890_000))).toBe('005924');
    expect(codeTotp(SECRET, new Date(20_000_000_000_000))).toBe('353130');
  });

  it('accepts one step of drift either side, never a code already used', () => {
    const at = new Date('2026-12-06T10:00:10Z');
    const code = codeTotp(SECRET, at);
    const pas = verifierTotp(SECRET, code, new Date(at.getTime() + 30_000), null);
    expect(pas).toBeDefined();
    expect(verifierTotp(SECRET, code, at, pas!)).toBeUndefined();
    expect(verifierTotp(SECRET, code, new Date(at.getTime() + 90_000), null)).toBeUndefined();
    expect(verifierTotp(SECRET, '12345', at, null)).toBeUndefined();
  });

  it('reads back its own base32', () => {
    expect(depuisBase32(base32(Buffer.from('bonjour')))).toEqual(Buffer.from('bonjour'));
  });
});
