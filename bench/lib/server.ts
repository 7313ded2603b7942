import type { AddressInfo } from 'node:net';
import { buildApp } from '../../src/app.ts';
import { loadConfig } from '../../src/kernel/config/config.ts';
import type { DatabaseHandle } from '../../src/kernel/db/database.ts';

export const BASELINE_PATH = '/__bench/baseline';

export interface BenchServer {
  origin: string;
  /** Size of the route's body, as captured once for the baseline. */
  bodyBytes: number;
  close(): Promise<void>;
}

/**
 * Starts the real platform (the one composition root, the whole plugin stack) on loopback,
 * with one extra route that replays the measured route's bytes from memory. The baseline
 * therefore pays for exactly what every request pays — helmet, cookies, formbody, the
 * session/CSRF hooks, routing, logging — and the ratio isolates what the route itself costs
 * (rendering, queries).
 */
export async function startBenchServer(database: DatabaseHandle, route: string): Promise<BenchServer> {
  const config = loadConfig({ NODE_ENV: 'test', LOG_LEVEL: 'silent' });
  let built;
  try {
    built = await buildApp({ config, database, runWorker: false });
  } catch (error) {
    await database.close();
    throw error;
  }
  // From here on, closing the app closes the database too (buildApp's onClose hook).
  const { app } = built;

  // `inject()` readies the app, after which no route can be added: register the baseline
  // first and fill its snapshot afterwards.
  let snapshot: { status: number; headers: Record<string, string>; body: Buffer } | undefined;
  app.get(BASELINE_PATH, async (_request, reply) => {
    if (!snapshot) throw new Error('baseline snapshot missing');
    return reply.status(snapshot.status).headers(snapshot.headers).send(snapshot.body);
  });

  try {
    const first = await app.inject({ method: 'GET', url: route });
    if (first.statusCode >= 300) throw new Error(`GET ${route} answered ${first.statusCode}: a benchmark of an error or redirect measures nothing useful`);
    // Same content type (and caching policy) so the baseline's reply goes through the same
    // serialisation path as the route's; per-request cookies are the route's own work.
    const headers: Record<string, string> = {};
    for (const name of ['content-type', 'cache-control']) {
      const value = first.headers[name];
      if (typeof value === 'string') headers[name] = value;
    }
    snapshot = { status: first.statusCode, headers, body: first.rawPayload };

    const check = await app.inject({ method: 'GET', url: BASELINE_PATH });
    if (!check.rawPayload.equals(first.rawPayload) || check.headers['content-type'] !== first.headers['content-type']) {
      throw new Error('the baseline does not reply with the route’s bytes');
    }

    // Port 0: never collide with a running instance; loopback only, nothing is exposed.
    await app.listen({ host: '127.0.0.1', port: 0 });
  } catch (error) {
    await app.close();
    throw error;
  }
  const { port } = app.server.address() as AddressInfo;
  return { origin: `http://127.0.0.1:${port}`, bodyBytes: snapshot.body.length, close: () => app.close() };
}
