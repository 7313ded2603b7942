// Pure: the terminal progress bar of the import commands.
import { describe, expect, it } from 'vitest';
import { barreProgression, dessinBarre } from './cli.ts';

describe('progress bar', () => {
  it('draws the share done, the percentage and the counts, at the given width', () => {
    expect(dessinBarre(0, 200)).toBe(`[${'.'.repeat(30)}]   0 % 0/200`);
    expect(dessinBarre(50, 200)).toBe(`[${'#'.repeat(8)}${'.'.repeat(22)}]  25 % 50/200`);
    expect(dessinBarre(200, 200)).toBe(`[${'#'.repeat(30)}] 100 % 200/200`);
    expect(dessinBarre(1, 3, 10)).toBe('[###.......]  33 % 1/3');
    expect(dessinBarre(0, 0, 10)).toBe('[##########] 100 % 0/0');
  });

  it('redraws in place on a terminal, ends the line when done, and stays silent elsewhere', () => {
    const ecrit: string[] = [];
    const flux = { isTTY: true, write: (t: string) => ecrit.push(t) > 0 };
    const barre = barreProgression(flux, 10)!;
    barre(5, 10);
    barre(10, 10);
    expect(ecrit).toEqual(['\r[#####.....]  50 % 5/10', '\r[##########] 100 % 10/10\n']);
    expect(barreProgression({ isTTY: false, write: () => true })).toBeUndefined();
    expect(barreProgression({ write: () => true })).toBeUndefined();
  });
});
