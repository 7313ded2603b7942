import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { migrate } from '../../kernel/db/migrator.ts';
import { openTestDatabase, type TestDatabase } from '../../kernel/testing/test-app.ts';
import { catalogueRepository } from './catalogue-repository.ts';

let database: TestDatabase;
beforeAll(async () => {
  database = await openTestDatabase();
  await migrate(database.db);
});
afterAll(async () => {
  await database.close();
});

describe('catalogue with effective dates', () => {
  it('is seeded with the four 2017 tariffs, in cents', async () => {
    const catalogue = catalogueRepository(database.db);
    const montants = Object.fromEntries((await catalogue.lister(new Date('2026-11-27'))).map((e) => [e.code, e.montantCentimes]));
    expect(montants).toEqual({ 'passeport-majeur': 8600, 'passeport-mineur-15': 4200, 'passeport-mineur-moins-15': 1700, 'cni-perte-vol': 2500 });
    expect(await catalogue.lister(new Date('2016-12-31'))).toEqual([]);
  });

  it('applies a new tariff from its start date on, leaving the days before unchanged', async () => {
    const catalogue = catalogueRepository(database.db);
    const actuel = (await catalogue.trouver('passeport-majeur', new Date('2026-11-27')))!;
    await catalogue.ajouterTarif({ ...actuel, montantCentimes: 9600 }, new Date('2031-01-01'));
    expect((await catalogue.trouver('passeport-majeur', new Date('2030-12-31')))?.montantCentimes).toBe(8600);
    expect((await catalogue.trouver('passeport-majeur', new Date('2031-01-01')))?.montantCentimes).toBe(9600);
    expect(await catalogue.lister(new Date('2031-06-01'))).toHaveLength(4);
    expect(await catalogue.trouver('inconnu', new Date('2026-11-27'))).toBeUndefined();
  });
});
