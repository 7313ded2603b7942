// The nearest-point search must walk the GiST index in distance order, not sort the whole
// table: at national scale (35,000 communes, 10,000 points; see bench/orientation.ts) a
// sequential scan per request is what makes "où aller ?" slow. With sequential scans
// disabled, the planner still sorts the table if the query's ORDER BY does not match the
// index expression — so this test fails as soon as the two drift apart.
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { GuichetApp } from '../../app.ts';
import { createTestApp } from '../../kernel/testing/test-app.ts';
import { pointsRepository, requetePlusProches } from './points-repository.ts';

let built: GuichetApp;
beforeAll(async () => {
  built = await createTestApp();
}, 180_000);
afterAll(async () => {
  await built?.app.close();
});

async function plan(groupes: Parameters<typeof requetePlusProches>[3]): Promise<string> {
  return built.db.transaction().execute(async (trx) => {
    await sql`set local enable_seqscan = off`.execute(trx);
    await sql`set local enable_sort = off`.execute(trx);
    const requete = requetePlusProches(trx, 0.72, 45.18, groupes);
    if (!requete) throw new Error('aucune requête');
    const compilee = requete.compile();
    // EXPLAIN takes no bound parameters: inline them as literals (numbers, booleans, kinds).
    const litteral = (v: unknown) => (typeof v === 'string' ? `'${v.replace(/'/g, "''")}'` : String(v));
    const texteSql = compilee.sql.replace(/\$(\d+)/g, (_, n: string) => litteral(compilee.parameters[Number(n) - 1]));
    const r = await sql<{ 'QUERY PLAN': string }>`explain ${sql.raw(texteSql)}`.execute(trx);
    return r.rows.map((l) => l['QUERY PLAN']).join('\n');
  });
}

describe('nearest points', () => {
  it('are found through the GiST index on ll_to_earth(lat, lon), in distance order, for each group', async () => {
    const texte = await plan([
      { types: ['dr'], limite: 3 },
      { types: ['espace_numerique', 'msap', 'msap_poste', 'prefecture'], limite: 5 },
    ]);
    expect(texte).toMatch(/Index Scan using points_accueil_position/);
    expect(texte.match(/Index Scan using points_accueil_position/g)).toHaveLength(2);
    expect(texte).toMatch(/Order By: \(\(ll_to_earth\(lat, lon\)\)::cube <->/);
    expect(texte).not.toMatch(/Seq Scan on points_accueil/);
  });

  it('answer the nearest DR first, with its distance in km', async () => {
    const [dr = []] = await pointsRepository(built.db).plusProches(0.7218, 45.1847, [{ types: ['dr'], limite: 3 }]);
    expect(dr.map((p) => p.communeCode)[0]).toBe('24322');
    expect(dr[0]!.distanceKm).toBeLessThan(2);
    expect(dr[1]!.distanceKm).toBeGreaterThan(dr[0]!.distanceKm);
  });
});
