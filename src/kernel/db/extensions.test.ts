import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'kysely';
import { afterEach, describe, expect, it } from 'vitest';
import { openDatabase, type DatabaseHandle } from './database.ts';
import { migrate } from './migrator.ts';

// PGlite keeps an extension's catalogue entry in its folder but not its code: unless every
// open registers the extensions again, a restarted platform fails on its first fuzzy search
// or distance. So the check runs after a real close and reopen of the same folder.
describe('PGlite extensions', () => {
  let dataDir: string | undefined;
  let handle: DatabaseHandle | undefined;
  afterEach(async () => {
    await handle?.close();
    handle = undefined;
    if (dataDir) fs.rmSync(dataDir, { recursive: true, force: true });
  });

  it('work after the data folder is closed and opened again', async () => {
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'guichet-extensions-'));
    handle = await openDatabase({ dataDir });
    expect(handle.kind).toBe('pglite');
    await migrate(handle.db);
    await handle.close();

    handle = await openDatabase({ dataDir });
    const installed = await sql<{ extname: string }>`select extname from pg_extension order by extname`.execute(handle.db);
    expect(installed.rows.map((row) => row.extname)).toEqual(expect.arrayContaining(['cube', 'earthdistance', 'pg_trgm', 'unaccent']));

    // pg_trgm: a name typed without its accent still resembles the right commune.
    const trigram = await sql<{ score: number; close: boolean }>`
      select similarity('Perigueux', 'Périgueux') as score, 'Perigueux' % 'Perigeux' as close`.execute(handle.db);
    expect(trigram.rows[0]!.score).toBeGreaterThan(0.3);
    expect(trigram.rows[0]!.close).toBe(true);

    // unaccent, then cube + earthdistance: Périgueux to Bergerac is about 47 km as the crow flies.
    const plain = await sql<{ nom: string }>`select unaccent('Périgueux') as nom`.execute(handle.db);
    expect(plain.rows[0]!.nom).toBe('Perigueux');
    const distance = await sql<{ km: number }>`
      select earth_distance(ll_to_earth(45.1847, 0.7214), ll_to_earth(44.8533, 0.4833)) / 1000 as km`.execute(handle.db);
    expect(distance.rows[0]!.km).toBeGreaterThan(35);
    expect(distance.rows[0]!.km).toBeLessThan(50);
    const cube = await sql<{ inside: boolean }>`select earth_box(ll_to_earth(45.1847, 0.7214), 50000) @> ll_to_earth(44.8533, 0.4833) as inside`.execute(handle.db);
    expect(cube.rows[0]!.inside).toBe(true);
  });
});
