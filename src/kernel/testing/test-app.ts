import { randomUUID } from 'node:crypto';
import pg from 'pg';
import { buildApp, type AppDependencies, type GuichetApp } from '../../app.ts';
import { loadConfig, type Config } from '../config/config.ts';
import { openDatabase, type DatabaseHandle } from '../db/database.ts';

/**
 * Tests run on the embedded PGlite (in memory) by default, and on the PostgreSQL server
 * named by DATABASE_URL when it is set — each test app in a schema of its own, dropped at
 * the end, so test files can run in parallel on one database.
 */
export const TEST_DATABASE_URL = process.env.DATABASE_URL || undefined;

export function testConfig(overrides: Partial<Config> = {}, env: Record<string, string> = {}): Config {
  // No network here: tests draw maps from the outlines we hold, without base tiles.
  return loadConfig({ NODE_ENV: 'test', LOG_LEVEL: 'silent', PUBLIC_URL: 'http://localhost:3000', TILE_URL: 'aucun', ...env }, overrides);
}

export interface TestDatabase extends DatabaseHandle {
  schema: string | undefined;
}

export async function openTestDatabase(options: { schema?: string; databaseUrl?: string | undefined } = {}): Promise<TestDatabase> {
  const databaseUrl = options.databaseUrl ?? TEST_DATABASE_URL;
  if (!databaseUrl) return { ...(await openDatabase({})), schema: undefined };
  const schema = options.schema ?? `t_${randomUUID().replaceAll('-', '').slice(0, 20)}`;
  const handle = await openDatabase({ databaseUrl, schema, poolSize: 4 });
  return {
    ...handle,
    schema,
    async close() {
      await handle.close();
      if (!options.schema) await dropSchema(databaseUrl, schema);
    },
  };
}

export async function dropSchema(databaseUrl: string, schema: string) {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    await client.query(`drop schema if exists ${schema} cascade`);
  } finally {
    await client.end();
  }
}

export async function createTestApp(deps: Partial<AppDependencies> = {}): Promise<GuichetApp> {
  const database = deps.database ?? (await openTestDatabase());
  const built = await buildApp({ config: testConfig(), runWorker: false, ...deps, database });
  await built.app.ready();
  return built;
}
