import os from 'node:os';
import { parseArgs } from 'node:util';
import { performance } from 'node:perf_hooks';
import { buildApp } from '../src/app.ts';
import { openDatabase } from '../src/kernel/db/database.ts';
import { createAdmin } from '../src/kernel/testing/factories.ts';
import { testConfig } from '../src/kernel/testing/test-app.ts';
import { TestClient } from '../src/kernel/testing/test-client.ts';

/**
 * DATABASE_URL=postgres://…/pilotage_banc node --import tsx bench/pilotage.ts
 *   [-- --annee 2025 --departement 24 --repetitions 30 --national 1]
 *
 * The pilotage dashboard over 12 months on data made by bench/generer-donnees.ts: the page
 * of one département and of the whole country, requested one after the other in-process
 * (app.inject: routing, session, queries on the aggregates, rendering; no network), as an
 * administrator. Prints p50 / p99 / max per page; targets: département < 300 ms,
 * national < 2 s on the 2-core machine.
 */
const { values } = parseArgs({
  options: {
    annee: { type: 'string', default: '2025' },
    departement: { type: 'string', default: '24' },
    repetitions: { type: 'string', default: '30' },
    national: { type: 'string', default: '1' },
  },
});
const databaseUrl = process.env.DATABASE_URL;
if (!databaseUrl) throw new Error('DATABASE_URL est requis : la base remplie par bench/generer-donnees.ts');
const repetitions = Math.max(1, Math.min(1000, Number(values.repetitions)));
const periode = `du=${values.annee}-01&au=${values.annee}-12`;

const charge = (os.loadavg()[0] ?? 0).toFixed(2);
const built = await buildApp({ config: testConfig({ departement: values.departement }), database: await openDatabase({ databaseUrl }), runWorker: false });
await built.app.ready();
const admin = await createAdmin(built);
const client = new TestClient(built.app);
const connexion = await client.submit('/agent/connexion', '/agent/connexion', { email: admin.email, password: admin.password });
if (connexion.statusCode !== 303) throw new Error(`connexion refusée (${connexion.statusCode})`);

const centile = (tries: number[], q: number) => tries[Math.min(tries.length - 1, Math.ceil(q * tries.length) - 1)]!;
async function mesurer(nom: string, url: string, cible: number) {
  for (let i = 0; i < 2; i += 1) await client.get(url);
  const durees: number[] = [];
  let octets = 0;
  for (let i = 0; i < repetitions; i += 1) {
    const t0 = performance.now();
    const r = await client.get(url);
    durees.push(performance.now() - t0);
    if (r.statusCode !== 200) throw new Error(`${url} : ${r.statusCode}`);
    octets = r.body.length;
  }
  durees.sort((a, b) => a - b);
  const [p50, p99, max] = [centile(durees, 0.5), centile(durees, 0.99), durees[durees.length - 1]!];
  console.log(`${nom.padEnd(34)} p50 ${p50.toFixed(0).padStart(6)} ms   p99 ${p99.toFixed(0).padStart(6)} ms   max ${max.toFixed(0).padStart(6)} ms   ${(octets / 1024).toFixed(0)} Kio   cible < ${cible} ms ${p99 < cible ? 'tenue' : 'MANQUÉE'}`);
}

const volume = await built.db.selectFrom('stats_recueil_mensuel').select((eb) => eb.fn.sum<string>('nombre').as('n')).executeTakeFirst();
console.log(`Données : ${Number(volume?.n ?? 0).toLocaleString('fr-FR')} demandes agrégées ; ${repetitions} requêtes par page ; charge avant : ${charge} (${os.cpus().length} cœurs)`);
await mesurer(`Département ${values.departement}, 12 mois`, `/pilotage?${periode}&departement=${values.departement}`, 300);
await mesurer(`Département ${values.departement}, export CSV`, `/pilotage/export.csv?figure=mairies-mois&${periode}&departement=${values.departement}`, 300);
if (values.national !== '0') {
  await mesurer('France entière, 12 mois', `/pilotage?${periode}&departement=FR`, 2000);
  await mesurer('France entière, export CSV mairies', `/pilotage/export.csv?figure=mairies&${periode}&departement=FR`, 2000);
}
await built.app.close();
