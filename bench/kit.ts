import os from 'node:os';
import type { AddressInfo } from 'node:net';
import { parseArgs } from 'node:util';
import { performance } from 'node:perf_hooks';
import { buildApp } from '../src/app.ts';
import { loadConfig } from '../src/kernel/config/config.ts';
import { openDatabase, type DatabaseHandle } from '../src/kernel/db/database.ts';
import { openTestDatabase } from '../src/kernel/testing/test-app.ts';
import { measure } from './lib/load.ts';

/**
 * npm run bench:kit [-- --duration 5 --connections 10 --warmup 1 --commune 24352]
 *
 * The kit generated from live data (/kit.pdf and one commune's /kit/commune/<INSEE>.pdf),
 * on the real platform listening on loopback (port 0), on the embedded PGlite in memory and,
 * when DATABASE_URL is set, on PostgreSQL in a throwaway schema:
 *  - cold generation: the first request of the process (data read, map computed, font
 *    embedded, PDF written), then the same for a second commune in the now-warm process
 *    (what a data change costs);
 *  - cached: bounded autocannon runs from a separate process; each request still reads the
 *    data version (one query) to know the cached PDF is current.
 * Bounded in time; stops by itself.
 */
const { values } = parseArgs({
  options: {
    duration: { type: 'string', default: '5' },
    connections: { type: 'string', default: '10' },
    warmup: { type: 'string', default: '1' },
    commune: { type: 'string', default: '24352' },
    autre: { type: 'string', default: '24322' },
  },
});
const duration = integer('duration', values.duration, 1, 60);
const connections = integer('connections', values.connections, 1, 200);
const warmup = integer('warmup', values.warmup, 0, 10);
for (const code of [values.commune, values.autre]) if (!/^[0-9][0-9AB][0-9]{3}$/.test(code)) fail(`code INSEE invalide : ${code}`);
const loadBefore = (os.loadavg()[0] ?? 0).toFixed(2);

const databaseUrl = process.env.DATABASE_URL || undefined;
const databases: { name: string; open: () => Promise<DatabaseHandle> }[] = [{ name: 'pglite (in memory)', open: () => openDatabase({}) }];
if (databaseUrl) databases.push({ name: 'postgresql (throwaway schema)', open: () => openTestDatabase({ databaseUrl }) });

const results: Record<string, unknown>[] = [];
for (const database of databases) {
  const built = await buildApp({ config: loadConfig({ NODE_ENV: 'test', LOG_LEVEL: 'silent', TILE_URL: 'aucun' }), database: await database.open(), runWorker: false });
  try {
    await built.app.listen({ host: '127.0.0.1', port: 0 });
    const origin = `http://127.0.0.1:${(built.app.server.address() as AddressInfo).port}`;
    const commune = `/kit/commune/${values.commune}.pdf`;

    async function premiere(chemin: string) {
      const t0 = performance.now();
      const r = await fetch(origin + chemin);
      const octets = (await r.arrayBuffer()).byteLength;
      if (r.status !== 200) fail(`${chemin} : ${r.status}`);
      return { chemin, ms: performance.now() - t0, octets };
    }
    const froids = [await premiere('/kit.pdf'), await premiere(commune), await premiere(`/kit/commune/${values.autre}.pdf`)];
    console.log(`\n${database.name} · ${connections} connections · ${duration} s measured after ${warmup} s warm-up · load average before ${loadBefore} on ${os.cpus().length} CPUs`);
    console.table(froids.map((f, i) => ({ 'generation (uncached)': `${f.chemin}${i === 0 ? ' (first request of this app)' : ''}`, ms: Math.round(f.ms), Kio: Math.round(f.octets / 1024) })));

    const lignes = [];
    for (const chemin of ['/kit.pdf', commune]) {
      const r = await measure({ url: origin + chemin, connections, duration, warmup });
      lignes.push({ 'cached GET': chemin, 'req/s': Math.round(r.requestsPerSecond), 'p50 ms': r.p50Ms, 'p99 ms': r.p99Ms, requests: r.requests, errors: r.errors, 'non-2xx': r.non2xx });
      results.push({ database: database.name, path: chemin, ...r, coldMs: froids.find((f) => f.chemin === chemin)?.ms });
    }
    console.table(lignes);
    if (Number(loadBefore) > os.cpus().length / 2) console.log('warning: other processes were using the CPU; rerun on an idle machine before quoting these figures');
  } finally {
    await built.app.close();
  }
}
console.log(JSON.stringify({ bench: { name: 'kit', duration, connections, warmup, node: process.version, cpus: os.cpus().length, loadAverageBefore: Number(loadBefore), at: new Date().toISOString() }, results }));

function integer(name: string, raw: string | undefined, min: number, max: number): number {
  const n = Number(raw);
  if (!Number.isInteger(n) || n < min || n > max) fail(`--${name} must be an integer between ${min} and ${max}, got "${raw}"`);
  return n;
}
function fail(message: string): never {
  console.error(message);
  process.exit(2);
}
