import { describe, expect, it } from 'vitest';
import { estMobile, formaterMobile, mobileE164 } from './mobile.ts';

describe('French mobile numbers', () => {
  it.each([
    ['06 12 34 56 78', '+33612345678', '06 12 34 56 78'],
    ['07.12.34.56.78', '+33712345678', '07 12 34 56 78'],
    ['+33 6 12 34 56 78', '+33612345678', '06 12 34 56 78'],
    ['0033612345678', '+33612345678', '06 12 34 56 78'],
    // Overseas départements: national form and international form name the same phone.
    ['06 92 12 34 56', '+262692123456', '06 92 12 34 56'],
    ['+262 692 12 34 56', '+262692123456', '06 92 12 34 56'],
    ['0639 12 34 56', '+262639123456', '06 39 12 34 56'],
    ['+590 690 12 34 56', '+590690123456', '06 90 12 34 56'],
    ['0694 12 34 56', '+594694123456', '06 94 12 34 56'],
    ['+596 696 12 34 56', '+596696123456', '06 96 12 34 56'],
    ['+687 75 12 34', '+687751234', '+687 75 12 34'],
    ['+689 87 12 34 56', '+68987123456', '+689 87 12 34 56'],
  ])('%s → %s', (saisie, e164, affiche) => {
    expect(mobileE164(saisie)).toBe(e164);
    expect(formaterMobile(saisie)).toBe(affiche);
    expect(mobileE164(e164)).toBe(e164);
  });

  it.each(['05 53 00 00 00', '+33 5 53 00 00 00', '06 12 34 56', '+262 262 12 34 56', '+44 7700 900123', '', 'abc'])('refuses %s', (saisie) => {
    expect(estMobile(saisie)).toBe(false);
  });
});
