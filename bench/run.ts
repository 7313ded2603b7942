import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { openDatabase, type DatabaseHandle } from '../src/kernel/db/database.ts';
import { openTestDatabase } from '../src/kernel/testing/test-app.ts';
import { measure } from './lib/load.ts';
import { formatTable, type Row } from './lib/report.ts';
import { BASELINE_PATH, startBenchServer, type BenchServer } from './lib/server.ts';

/**
 * npm run bench [-- --route / --duration 5 --connections 10 --warmup 1]
 *
 * Measures one route next to a baseline served by the same app instance, on the embedded
 * PGlite (in a data folder, as `npm start` runs, then in memory) and, when DATABASE_URL is set, on PostgreSQL in a throwaway schema.
 * Absolute figures depend on the machine; the ratio is what travels between machines.
 */
const { values } = parseArgs({
  options: {
    route: { type: 'string', default: '/' },
    duration: { type: 'string', default: '5' },
    connections: { type: 'string', default: '10' },
    warmup: { type: 'string', default: '1' },
  },
});
const route = values.route;
const duration = integer('duration', values.duration, 1, 300);
const connections = integer('connections', values.connections, 1, 1000);
const warmup = integer('warmup', values.warmup, 0, 30);
if (!route.startsWith('/')) fail(`--route must be a path starting with "/", got "${route}"`);

// Sampled before we put any load on the machine: other processes competing for the CPU
// skew absolute figures and, since baseline and route run one after the other, the ratio.
const loadBefore = (os.loadavg()[0] ?? 0).toFixed(2);
const busy = Number(loadBefore) > os.cpus().length / 2;

const databaseUrl = process.env.DATABASE_URL || undefined;
// The data folder is what `npm start` uses; in memory isolates the engine from the disk.
const dataDir = mkdtempSync(path.join(os.tmpdir(), 'guichet-bench-'));
process.once('exit', () => rmSync(dataDir, { recursive: true, force: true }));
const databases: { name: string; open: () => Promise<DatabaseHandle> }[] = [
  { name: 'pglite (data folder, as npm start)', open: () => openDatabase({ dataDir }) },
  { name: 'pglite (in memory)', open: () => openDatabase({}) },
];
if (databaseUrl) databases.push({ name: 'postgresql (throwaway schema)', open: () => openTestDatabase({ databaseUrl }) });

// Ctrl-C must still drop the throwaway PostgreSQL schema.
let running: BenchServer | undefined;
process.once('SIGINT', () => {
  void (running?.close() ?? Promise.resolve()).finally(() => process.exit(130));
});

const rows: Row[] = [];
for (const database of databases) {
  const server = await startBenchServer(await database.open(), route);
  running = server;
  try {
    console.log(
      `\n${database.name} · GET ${route} (${server.bodyBytes} bytes) · ${connections} connections · ` +
        `${duration} s measured after ${warmup} s warm-up · load average before start ${loadBefore} on ${os.cpus().length} CPUs`,
    );
    // Baseline first, then the route, each with its own warm-up, one after the other so
    // they never share the CPU.
    const load = { connections, duration, warmup };
    const baseline = await measure({ url: server.origin + BASELINE_PATH, ...load });
    const measured = await measure({ url: server.origin + route, ...load });
    const pair: Row[] = [
      { database: database.name, target: 'baseline', path: BASELINE_PATH, ...baseline, ratio: 1 },
      { database: database.name, target: 'route', path: route, ...measured, ratio: measured.requestsPerSecond / baseline.requestsPerSecond },
    ];
    rows.push(...pair);
    console.log(formatTable(pair));
    if (busy) {
      console.log('warning: other processes were using the CPU; absolute figures and even the ratio are unreliable — rerun on an idle machine');
    }
  } finally {
    running = undefined;
    await server.close();
  }
}

// Last line: one JSON object, for scripts and for comparing runs over time.
console.log(
  JSON.stringify({
    bench: {
      route,
      duration,
      warmup,
      connections,
      node: process.version,
      cpus: os.cpus().length,
      loadAverageBefore: Number(loadBefore),
      at: new Date().toISOString(),
    },
    results: rows,
  }),
);

function integer(name: string, raw: string, min: number, max: number): number {
  const value = Number(raw);
  if (!Number.isInteger(value) || value < min || value > max) fail(`--${name} must be an integer between ${min} and ${max}, got "${raw}"`);
  return value;
}

function fail(message: string): never {
  console.error(message);
  process.exit(2);
}
