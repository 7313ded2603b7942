import path from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { cube } from '@electric-sql/pglite/contrib/cube';
import { earthdistance } from '@electric-sql/pglite/contrib/earthdistance';
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm';
import { unaccent } from '@electric-sql/pglite/contrib/unaccent';
import { Kysely, PostgresDialect, sql } from 'kysely';
import pg from 'pg';
import { lockDataDir, type DataDirLock } from './data-dir-lock.ts';
import { PgliteDialect } from './pglite-dialect.ts';

export type DatabaseKind = 'pglite' | 'postgresql';

// A calendar date (birth date, month) has no time zone: both drivers return it as the
// 'YYYY-MM-DD' text PostgreSQL gives, never as a Date at some server's local midnight.
const DATE_OID = 1082;

/**
 * The untyped handle the kernel passes around. Each repository narrows it to the tables it
 * owns (see `tables()`), so no module sees a schema it does not use.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type Db = Kysely<any>;

export interface DatabaseHandle {
  readonly db: Db;
  readonly kind: DatabaseKind;
  close(): Promise<void>;
}

export interface OpenDatabaseOptions {
  /** PostgreSQL server; when absent the embedded PGlite is used. */
  databaseUrl?: string | undefined;
  /** PGlite folder; `undefined` keeps the embedded database in memory (tests). */
  dataDir?: string | undefined;
  /** PostgreSQL schema to work in (tests isolate themselves in one schema each). */
  schema?: string | undefined;
  poolSize?: number;
}

export async function openDatabase(options: OpenDatabaseOptions): Promise<DatabaseHandle> {
  return options.databaseUrl ? openPostgres(options.databaseUrl, options) : openPglite(options.dataDir);
}

async function openPglite(dataDir: string | undefined): Promise<DatabaseHandle> {
  let lock: DataDirLock | undefined;
  if (dataDir) lock = await lockDataDir(dataDir);
  try {
    // Extensions must be registered at every open; cube before pg_trgm (the other order
    // failed on PGlite 0.5).
    const pglite = await PGlite.create(dataDir ? path.join(dataDir, 'pglite') : undefined, {
      extensions: { cube, earthdistance, pg_trgm, unaccent },
      parsers: { [DATE_OID]: (value: string) => value },
    });
    const db = new Kysely<unknown>({ dialect: new PgliteDialect(pglite) });
    return {
      db,
      kind: 'pglite',
      async close() {
        await db.destroy();
        lock?.release();
      },
    };
  } catch (error) {
    lock?.release();
    throw error;
  }
}

async function openPostgres(databaseUrl: string, options: OpenDatabaseOptions): Promise<DatabaseHandle> {
  const schema = options.schema;
  if (schema !== undefined && !/^[a-z_][a-z0-9_]*$/.test(schema)) throw new Error(`Schéma invalide : ${schema}`);
  if (schema) {
    const admin = new pg.Client({ connectionString: databaseUrl });
    await admin.connect();
    try {
      await admin.query(`create schema if not exists ${schema}`);
    } finally {
      await admin.end();
    }
  }
  const pool = new pg.Pool({
    connectionString: databaseUrl,
    types: { getTypeParser: ((oid: number, format?: 'text' | 'binary') => (oid === DATE_OID ? (value: string) => value : (pg.types.getTypeParser(oid, format) as (value: string) => unknown))) as typeof pg.types.getTypeParser },
    max: options.poolSize ?? 10,
    ...(schema ? { options: `-c search_path=${schema},public` } : {}),
  });
  const db = new Kysely<unknown>({ dialect: new PostgresDialect({ pool }) });
  await sql`select 1`.execute(db);
  return { db, kind: 'postgresql', close: () => db.destroy() };
}

/** Narrows the shared handle to the tables one repository owns. */
export function tables<T>(db: Db): Kysely<T> {
  return db as Kysely<T>;
}
