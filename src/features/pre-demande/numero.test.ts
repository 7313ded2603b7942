import { describe, expect, it } from 'vitest';
import { lireQr } from './test-qr.ts';
import { ALPHABET, estNumeroPreDemande, nouveauNumero } from './numero.ts';
import { matriceQr, qrSvg } from './qr.ts';

describe('pré-demande number', () => {
  it('has 10 characters from an alphabet without look-alikes', () => {
    expect(ALPHABET).not.toMatch(/[01OIL]/);
    for (let i = 0; i < 500; i += 1) {
      const numero = nouveauNumero();
      expect(numero).toMatch(/^[A-Z0-9]{10}$/);
      expect(estNumeroPreDemande(numero)).toBe(true);
    }
    expect(estNumeroPreDemande('ABCDEFGH0J')).toBe(false);
  });

  it('uses every character of the alphabet at every position (no bias towards a subset)', () => {
    const seen = Array.from({ length: 10 }, () => new Set<string>());
    for (let i = 0; i < 3000; i += 1) [...nouveauNumero()].forEach((char, index) => seen[index]!.add(char));
    for (const position of seen) expect(position.size).toBe(ALPHABET.length);
  });

  it('draws 10,000 numbers without a collision', () => {
    const numbers = new Set(Array.from({ length: 10_000 }, () => nouveauNumero()));
    expect(numbers.size).toBe(10_000);
  });
});

describe('QR code', () => {
  it('is read back as the number by a standard decoder', () => {
    const numero = nouveauNumero();
    const { taille, noir } = matriceQr(numero);
    const scale = 4;
    const side = (taille + 8) * scale;
    const pixels = new Uint8ClampedArray(side * side * 4).fill(255);
    for (let y = 0; y < side; y += 1) {
      for (let x = 0; x < side; x += 1) {
        const [row, col] = [Math.floor(y / scale) - 4, Math.floor(x / scale) - 4];
        if (row >= 0 && col >= 0 && row < taille && col < taille && noir(row, col)) pixels.fill(0, (y * side + x) * 4, (y * side + x) * 4 + 3);
      }
    }
    expect(lireQr(pixels, side, side)).toBe(numero);
  });

  it('is an SVG with an accessible name, and refuses anything but a number', () => {
    expect(qrSvg('ABCDE23456')).toMatch(/^<svg [^>]*role="img" aria-label="QR code du numéro de pré-demande ABCDE23456"/);
    expect(() => qrSvg('<script>')).toThrow();
  });
});
