// Unitaire : le cache des documents générés, par clé et par version des données.
import { describe, expect, it } from 'vitest';
import { cacheParVersion } from './cache.ts';

describe('the document cache', () => {
  it('serves an entry only for its data version', async () => {
    const cache = cacheParVersion<string>(4);
    await cache.ecrire('kit', 'v1', Promise.resolve('kit v1'));
    expect(await cache.lire('kit', 'v1')).toBe('kit v1');
    expect(cache.lire('kit', 'v2')).toBeUndefined();
  });

  it('keeps the most recently served entries within its capacity', async () => {
    const cache = cacheParVersion<string>(2);
    await cache.ecrire('a', 'v', Promise.resolve('a'));
    await cache.ecrire('b', 'v', Promise.resolve('b'));
    await cache.lire('a', 'v');
    await cache.ecrire('c', 'v', Promise.resolve('c'));
    expect(cache.taille()).toBe(2);
    expect(cache.lire('b', 'v')).toBeUndefined();
    expect(await cache.lire('a', 'v')).toBe('a');
  });

  it('forgets a failed generation so that the next request tries again', async () => {
    const cache = cacheParVersion<string>(2);
    await expect(cache.ecrire('kit', 'v', Promise.reject(new Error('panne')))).rejects.toThrow('panne');
    await Promise.resolve();
    expect(cache.lire('kit', 'v')).toBeUndefined();
  });
});
