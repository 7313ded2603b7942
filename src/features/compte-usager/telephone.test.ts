import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { estMobileFrancais, formaterMobile } from './telephone.ts';

describe('French mobile numbers', () => {
  it('accepts the ways people write a mobile number and refuses landlines and short numbers', () => {
    for (const ok of ['06 12 34 56 78', '0712345678', '+33 6 12 34 56 78', '0033612345678', '06.12.34.56.78', '+262 692 12 34 56']) expect(estMobileFrancais(ok), ok).toBe(true);
    for (const ko of ['05 53 02 24 24', '061234567', '+44 7700 900123', '', 'zéro six']) expect(estMobileFrancais(ko), ko).toBe(false);
  });

  it('writes any accepted metropolitan number as 06 12 34 56 78', () => {
    fc.assert(
      fc.property(fc.constantFrom('6', '7'), fc.stringMatching(/^\d{8}$/), fc.constantFrom('0', '+33', '0033'), (first, rest, prefix) => {
        const typed = `${prefix}${first}${rest}`;
        expect(estMobileFrancais(typed)).toBe(true);
        expect(formaterMobile(typed)).toBe(`0${first}${rest}`.replace(/(\d{2})(?=\d)/g, '$1 '));
      }),
    );
  });
});
