import os from 'node:os';
import { parseArgs } from 'node:util';
import { performance } from 'node:perf_hooks';
import { sql } from 'kysely';
import { openDatabase, type DatabaseHandle, type Db } from '../src/kernel/db/database.ts';
import { migrate } from '../src/kernel/db/migrator.ts';
import { openTestDatabase } from '../src/kernel/testing/test-app.ts';
import { communesRepository, type NouvelleCommune } from '../src/features/territoire/communes-repository.ts';
import { territoireService } from '../src/features/territoire/territoire-service.ts';
import { TYPES_POINT } from '../src/features/territoire/types-points.ts';
import { measure } from './lib/load.ts';
import { formatTable, type Row } from './lib/report.ts';
import { BASELINE_PATH, startBenchServer } from './lib/server.ts';

/**
 * node --import tsx bench/orientation.ts [-- --communes 35000 --points 10000 --queries 2000 --duration 5]
 *
 * Nearest-point search at national scale: generates ~35,000 communes spread over mainland
 * France and ~10,000 service points (synthetic, labelled "Banc", never in the app's data),
 * then measures /api/v1/orientation in-process (the service alone, p50/p99) and over HTTP
 * next to the same-stack baseline of bench/lib/server.ts, in the same run. PGlite always;
 * PostgreSQL too when DATABASE_URL is set (throwaway schema).
 */
const { values } = parseArgs({
  options: {
    communes: { type: 'string', default: '35000' },
    points: { type: 'string', default: '10000' },
    queries: { type: 'string', default: '2000' },
    duration: { type: 'string', default: '5' },
    connections: { type: 'string', default: '10' },
    warmup: { type: 'string', default: '1' },
  },
});
const nombreCommunes = Number(values.communes);
const nombrePoints = Number(values.points);
const requetes = Number(values.queries);
const load = { duration: Number(values.duration), connections: Number(values.connections), warmup: Number(values.warmup) };

// Deterministic pseudo-random numbers: two runs measure the same data.
let graine = 42;
const hasard = () => ((graine = (graine * 1_103_515_245 + 12_345) % 2 ** 31) / 2 ** 31);

/** Départements 01–95 sauf 24 (la Dordogne réelle est chargée par l'application au démarrage). */
function communesSynthetiques(n: number): NouvelleCommune[] {
  const departements = Array.from({ length: 95 }, (_, i) => String(i + 1).padStart(2, '0')).filter((d) => d !== '24' && d !== '20');
  return Array.from({ length: n }, (_, i) => {
    const departement = departements[i % departements.length]!;
    const code = `${departement}${String(Math.floor(i / departements.length) + 1).padStart(3, '0')}`;
    const nom = `Banc ${departement} commune ${i}`;
    return {
      reference: { code, nom, type: 'commune-actuelle', departement, codesPostaux: [`${departement}${500 + (i % 400)}`], population: Math.floor(hasard() * 5000), arrondissement: null, anciensCodes: [] },
      nomNormalise: nom.toLowerCase(),
      centre: { lon: -4.5 + hasard() * 12.5, lat: 42.5 + hasard() * 8.5, source: 'geonames' as const },
    };
  });
}

async function remplir(db: Db): Promise<string[]> {
  await migrate(db);
  const communes = communesSynthetiques(nombreCommunes);
  await communesRepository(db).inserer(communes);
  for (let i = 0; i < nombrePoints; i += 1000) {
    const lot = Array.from({ length: Math.min(1000, nombrePoints - i) }, (_, j) => {
      const c = communes[Math.floor(hasard() * communes.length)]!;
      return {
        type: TYPES_POINT[(i + j) % TYPES_POINT.length]!,
        commune_code: c.reference.code,
        nom: `Point de banc ${i + j}`,
        lon: c.centre!.lon,
        lat: c.centre!.lat,
        position_precision: 'centre-commune',
        source: 'Banc d’essai (données synthétiques)',
        demonstration: true,
      };
    });
    await db.insertInto('points_accueil').values(lot).execute();
  }
  await sql`analyze`.execute(db);
  return communes.map((c) => c.reference.code);
}

function centile(valeurs: number[], p: number): number {
  const triees = [...valeurs].sort((a, b) => a - b);
  return triees[Math.min(triees.length - 1, Math.floor((p / 100) * triees.length))] ?? NaN;
}

const databaseUrl = process.env.DATABASE_URL || undefined;
const bases: { name: string; open: () => Promise<DatabaseHandle> }[] = [{ name: 'pglite (in memory)', open: () => openDatabase({}) }];
if (databaseUrl) bases.push({ name: 'postgresql (throwaway schema)', open: () => openTestDatabase({ databaseUrl }) });
const loadBefore = os.loadavg()[0] ?? 0;
const resultats: Record<string, unknown>[] = [];

for (const base of bases) {
  const handle = await base.open();
  const debut = performance.now();
  const codes = await remplir(handle.db);
  console.log(`\n${base.name}: ${nombreCommunes} communes and ${nombrePoints} points generated in ${((performance.now() - debut) / 1000).toFixed(1)} s`);

  const service = territoireService(handle.db, { departement: '24', serviceName: 'banc' });
  await service.orientation.pourSaisie(codes[0]!); // builds the name index once, as the first request would
  const durees: number[] = [];
  for (let i = 0; i < requetes; i += 1) {
    // Une requête sur quatre par nom (parcours de l'index des noms), les autres par code INSEE.
    const code = codes[Math.floor(hasard() * codes.length)]!;
    const saisie = i % 4 === 0 ? `Banc ${code.slice(0, 2)} commune ${codes.indexOf(code)}` : code;
    const t = performance.now();
    const r = await service.orientation.pourSaisie(saisie);
    durees.push(performance.now() - t);
    if (r.statut !== 'trouvee' || r.dr.length === 0) throw new Error(`réponse inattendue pour ${saisie} : ${r.statut}`);
  }
  const p50 = centile(durees, 50);
  const p99 = centile(durees, 99);
  console.log(`in-process orientation over ${requetes} queries: p50 ${p50.toFixed(2)} ms, p99 ${p99.toFixed(2)} ms`);

  const route = `/api/v1/orientation?commune=${codes[1234 % codes.length]}`;
  const server = await startBenchServer(handle, route);
  try {
    const baseline = await measure({ url: server.origin + BASELINE_PATH, ...load });
    const measured = await measure({ url: server.origin + route, ...load });
    const rows: Row[] = [
      { database: base.name, target: 'baseline', path: BASELINE_PATH, ...baseline, ratio: 1 },
      { database: base.name, target: 'route', path: route, ...measured, ratio: measured.requestsPerSecond / baseline.requestsPerSecond },
    ];
    console.log(formatTable(rows));
    resultats.push({ database: base.name, inProcess: { p50Ms: p50, p99Ms: p99, queries: requetes }, http: rows });
  } finally {
    await server.close();
  }
}
if (loadBefore > os.cpus().length / 2) console.log(`warning: load average ${loadBefore.toFixed(2)} before start on ${os.cpus().length} CPUs; figures are unreliable`);
console.log(JSON.stringify({ bench: { name: 'orientation', communes: nombreCommunes, points: nombrePoints, ...load, loadAverageBefore: loadBefore, at: new Date().toISOString() }, results: resultats }));
