import { describe, expect, it } from 'vitest';
import { clefDeControle, formaterNumero, genererNumero, normaliserNumero, numeroValide, problemeNumero } from './numero.ts';

const echantillons = Array.from({ length: 300 }, () => genererNumero());

describe('stamp number (ISO 7064 MOD 97-10)', () => {
  it('draws 16 digits whose check digits hold, and no two alike over many draws', () => {
    const many = new Set(Array.from({ length: 20_000 }, () => genererNumero()));
    expect(many.size).toBe(20_000);
    for (const numero of echantillons) {
      expect(numero).toMatch(/^\d{16}$/);
      expect(numeroValide(numero)).toBe(true);
      expect(numero.slice(14)).toBe(clefDeControle(numero.slice(0, 14)));
    }
  });

  it('catches every single-digit substitution, at every position, on every sample', () => {
    let essais = 0;
    for (const numero of echantillons) {
      for (let position = 0; position < 16; position += 1) {
        for (let chiffre = 0; chiffre <= 9; chiffre += 1) {
          if (String(chiffre) === numero[position]) continue;
          const faute = numero.slice(0, position) + chiffre + numero.slice(position + 1);
          expect(numeroValide(faute), `${numero} → ${faute}`).toBe(false);
          essais += 1;
        }
      }
    }
    expect(essais).toBe(300 * 16 * 9);
  });

  it('catches every transposition of two different adjacent digits, including 09 ↔ 90 that Luhn misses', () => {
    for (const numero of [...echantillons, '0900000000000000'.slice(0, 14) + clefDeControle('09000000000000')]) {
      for (let position = 0; position < 15; position += 1) {
        const [a, b] = [numero[position]!, numero[position + 1]!];
        if (a === b) continue;
        const faute = numero.slice(0, position) + b + a + numero.slice(position + 2);
        expect(numeroValide(faute), `${numero} → ${faute}`).toBe(false);
      }
    }
  });

  it('reads what people type: spaces and dashes allowed, anything else explained', () => {
    const numero = echantillons[0]!;
    expect(normaliserNumero(formaterNumero(numero))).toBe(numero);
    expect(normaliserNumero(numero.replace(/(\d{4})/g, '$1-').slice(0, -1))).toBe(numero);
    expect(problemeNumero('')).toBe('vide');
    expect(problemeNumero('1234')).toBe('format');
    expect(problemeNumero('12345678901234ab')).toBe('format');
    expect(problemeNumero(`${numero.slice(0, 15)}${(Number(numero[15]) + 1) % 10}`)).toBe('clef');
    expect(problemeNumero(formaterNumero(numero))).toBeUndefined();
    expect(formaterNumero('1234567890123456')).toBe('1234 5678 9012 3456');
  });
});
