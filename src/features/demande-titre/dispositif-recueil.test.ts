import { describe, expect, it } from 'vitest';
import { ageLe, simulateurDispositif } from './dispositif-recueil.ts';

const JOUR = new Date('2026-11-27T10:00:00Z');

describe('dispositif de recueil simulator', () => {
  it('computes the age on the day of the recueil', () => {
    expect(ageLe(new Date('2014-11-27'), JOUR)).toBe(12);
    expect(ageLe(new Date('2014-11-28'), JOUR)).toBe(11);
  });

  it('takes no fingerprints under 12 and keeps only metadata', async () => {
    const dr = simulateurDispositif('DR-24322-1');
    const enfant = await dr.capturer({ reference: 'A', dateNaissance: new Date('2018-05-01'), tentative: 1 }, JOUR);
    expect(enfant).toMatchObject({ ok: true, dispositif: 'DR-24322-1', qualiteEmpreintes: null });
    expect(Object.keys(enfant).sort()).toEqual(['captureeLe', 'dispositif', 'ok', 'qualiteEmpreintes', 'qualitePhoto']);
  });

  it('is deterministic, and a poor capture can succeed on a later attempt', async () => {
    const dr = simulateurDispositif('DR-1');
    const adulte = new Date('1980-01-01');
    const resultats = await Promise.all(Array.from({ length: 30 }, (_, i) => dr.capturer({ reference: `R${i}`, dateNaissance: adulte, tentative: 1 }, JOUR)));
    const encore = await Promise.all(Array.from({ length: 30 }, (_, i) => dr.capturer({ reference: `R${i}`, dateNaissance: adulte, tentative: 1 }, JOUR)));
    expect(encore).toEqual(resultats);
    const echec = resultats.findIndex((r) => !r.ok);
    expect(echec).toBeGreaterThanOrEqual(0);
    let reussi = false;
    for (let tentative = 2; tentative < 10 && !reussi; tentative += 1) reussi = (await dr.capturer({ reference: `R${echec}`, dateNaissance: adulte, tentative }, JOUR)).ok;
    expect(reussi).toBe(true);
  });

  it('reports a device out of service', async () => {
    const dr = simulateurDispositif('DR-2', { horsService: true });
    expect(await dr.capturer({ reference: 'A', dateNaissance: new Date('1980-01-01'), tentative: 1 }, JOUR)).toMatchObject({ ok: false, code: 'DISPOSITIF_INDISPONIBLE' });
  });

  it('checks a fingerprint at the remise: match by default, a chosen no-match or breakdown, never an image', async () => {
    const adulte = new Date('1980-01-01');
    expect(await simulateurDispositif('DR-3').verifierEmpreintes({ reference: 'A', dateNaissance: adulte }, JOUR)).toEqual({ ok: true, dispositif: 'DR-3', concordance: true });
    const dr = simulateurDispositif('DR-4', { verification: (reference) => (reference === 'B' ? 'discordance' : reference === 'C' ? 'panne' : 'concordance') });
    expect(await dr.verifierEmpreintes({ reference: 'B', dateNaissance: adulte }, JOUR)).toEqual({ ok: true, dispositif: 'DR-4', concordance: false });
    expect(await dr.verifierEmpreintes({ reference: 'C', dateNaissance: adulte }, JOUR)).toMatchObject({ ok: false, code: 'DISPOSITIF_INDISPONIBLE' });
    expect(await dr.verifierEmpreintes({ reference: 'D', dateNaissance: new Date('2016-01-01') }, JOUR)).toMatchObject({ ok: false });
  });
});
