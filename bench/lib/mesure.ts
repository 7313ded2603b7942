import { openDatabase, type DatabaseHandle } from '../../src/kernel/db/database.ts';
import { openTestDatabase } from '../../src/kernel/testing/test-app.ts';

/** In-process benchmarks: the databases to measure on, and one bounded measuring loop. */

/** PGlite in memory always; PostgreSQL too (a throwaway schema) when DATABASE_URL is set. */
export function basesAMesurer(databaseUrl: string | undefined): { name: string; open: () => Promise<DatabaseHandle> }[] {
  const bases: { name: string; open: () => Promise<DatabaseHandle> }[] = [{ name: 'pglite (in memory)', open: () => openDatabase({}) }];
  if (databaseUrl) bases.push({ name: 'postgresql (throwaway schema)', open: () => openTestDatabase({ databaseUrl }) });
  return bases;
}

export interface Mesure {
  operation: string;
  operations: number;
  parSeconde: number;
  p50: number;
  p99: number;
}

/**
 * Runs `concurrency` loops for `duration` seconds, or until `travail` returns undefined
 * (no more work); returns throughput and latency percentiles in milliseconds.
 */
export async function mesurer(
  operation: string,
  { duration, concurrency }: { duration: number; concurrency: number },
  travail: (i: number) => Promise<unknown> | undefined,
): Promise<Mesure> {
  const latences: number[] = [];
  const fin = Date.now() + duration * 1000;
  let compteur = 0;
  const debut = performance.now();
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (Date.now() < fin) {
        const t0 = performance.now();
        const promesse = travail(compteur++);
        if (!promesse) return;
        await promesse;
        latences.push(performance.now() - t0);
      }
    }),
  );
  const secondes = (performance.now() - debut) / 1000;
  latences.sort((a, b) => a - b);
  const q = (p: number) => latences[Math.min(latences.length - 1, Math.floor(p * latences.length))] ?? 0;
  return { operation, operations: latences.length, parSeconde: latences.length / secondes, p50: q(0.5), p99: q(0.99) };
}

/** An integer command-line option within bounds, or exit 2 with a message. */
export function bounded(name: string, raw: string, min: number, max: number): number {
  const value = Number(raw);
  if (!Number.isInteger(value) || value < min || value > max) {
    console.error(`--${name} must be an integer between ${min} and ${max}, got "${raw}"`);
    process.exit(2);
  }
  return value;
}
