import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { sql } from 'kysely';
import type { Db } from './database.ts';

export const MIGRATIONS_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../migrations');
const FILE_PATTERN = /^(\d{4})_([a-z0-9_]+)\.sql$/;
// Any constant works: it only has to be the same for every instance of the platform.
const MIGRATION_LOCK_KEY = 4_242_001;

export interface Migration {
  version: number;
  name: string;
  checksum: string;
  sql: string;
}

export function readMigrations(dir = MIGRATIONS_DIR): Migration[] {
  const files = fs.readdirSync(dir).filter((file) => file.endsWith('.sql')).sort();
  let previous = 0;
  return files.map((file) => {
    const match = FILE_PATTERN.exec(file);
    if (!match) throw new Error(`Migration mal nommée : ${file} (attendu NNNN_nom.sql)`);
    const version = Number(match[1]);
    if (version === previous) throw new Error(`Deux migrations portent le numéro ${version} : renumérotez ${file}`);
    previous = version;
    const text = fs.readFileSync(path.join(dir, file), 'utf8');
    return { version, name: match[2]!, sql: text, checksum: createHash('sha256').update(text).digest('hex') };
  });
}

export interface MigrationStatus {
  applied: number;
  latest: number;
}

/**
 * Applies every pending migration in one transaction, under an advisory lock so that
 * several instances starting together on one PostgreSQL apply each migration once.
 * A migration already applied whose file changed is an error: history is not rewritten.
 */
export async function migrate(db: Db, migrations = readMigrations()): Promise<Migration[]> {
  return db.transaction().execute(async (trx) => {
    await sql`select pg_advisory_xact_lock(${MIGRATION_LOCK_KEY})`.execute(trx);
    await sql`create table if not exists schema_migrations (
      version integer primary key,
      name text not null,
      checksum text not null,
      applied_at timestamptz not null default now()
    )`.execute(trx);
    const applied = await trx.selectFrom('schema_migrations').select(['version', 'name', 'checksum']).execute();
    const byVersion = new Map(applied.map((row) => [row.version as number, row]));
    const pending: Migration[] = [];
    const highestApplied = Math.max(0, ...byVersion.keys());
    for (const migration of migrations) {
      const done = byVersion.get(migration.version);
      if (!done && migration.version < highestApplied) {
        // Applying an older number after a newer one would give two databases two histories.
        throw new Error(`La migration ${migration.version}_${migration.name} est antérieure à la dernière appliquée (${highestApplied}) : renumérotez-la`);
      }
      if (!done) pending.push(migration);
      else if (done.checksum !== migration.checksum) {
        throw new Error(`La migration ${migration.version}_${migration.name} a été modifiée après application`);
      }
    }
    for (const migration of pending) {
      await sql.raw(migration.sql).execute(trx);
      await trx
        .insertInto('schema_migrations')
        .values({ version: migration.version, name: migration.name, checksum: migration.checksum })
        .execute();
    }
    return pending;
  });
}

export async function migrationStatus(db: Db): Promise<MigrationStatus> {
  const row = await sql<{ applied: number }>`select count(*)::int as applied from schema_migrations`.execute(db);
  return { applied: row.rows[0]?.applied ?? 0, latest: readMigrations().length };
}
