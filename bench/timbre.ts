import os from 'node:os';
import { parseArgs } from 'node:util';
import { sql } from 'kysely';
import { buildApp } from '../src/app.ts';
import type { Principal } from '../src/kernel/auth/principal.ts';
import { loadConfig } from '../src/kernel/config/config.ts';
import type { Db } from '../src/kernel/db/database.ts';
import { rateLimiter } from '../src/kernel/http/rate-limit.ts';
import { genererNumero } from '../src/features/timbre/numero.ts';
import { verificationService } from '../src/features/timbre/verification-service.ts';
import { basesAMesurer, bounded, mesurer, type Mesure } from './lib/mesure.ts';

/**
 * node --import tsx bench/timbre.ts [--duration 5 --concurrency 8 --stamps 3000]
 *
 * Stamp verification and consumption as the mairie's counter uses them (the service behind
 * the page and the API, without HTTP), on PGlite in memory and, when DATABASE_URL is set,
 * on PostgreSQL in a throwaway schema. Bounded in time and count; stops by itself.
 */
const { values } = parseArgs({ options: { duration: { type: 'string', default: '5' }, concurrency: { type: 'string', default: '8' }, stamps: { type: 'string', default: '3000' } } });
const duration = bounded('duration', values.duration, 1, 60);
const concurrency = bounded('concurrency', values.concurrency, 1, 64);
const stamps = bounded('stamps', values.stamps, 200, 20_000);
const loadBefore = (os.loadavg()[0] ?? 0).toFixed(2);
const agent: Principal = { userId: '00000000-0000-4000-8000-00000000be9c', kind: 'agent', role: 'agent_mairie', communeInsee: '24322', departement: null, displayName: 'Banc' };

const databases = basesAMesurer(process.env.DATABASE_URL);



const resultats: (Mesure & { database: string })[] = [];
for (const database of databases) {
  const built = await buildApp({ config: loadConfig({ NODE_ENV: 'test', LOG_LEVEL: 'silent' }), database: await database.open(), runWorker: false });
  try {
    const numeros = await semer(built.db, stamps);
    const service = verificationService({ db: built.db, inTransaction: built.inTransaction, now: () => new Date(), rateLimiter: rateLimiter(built.db, () => new Date()), estMairieDR: () => Promise.resolve(true) });
    const lignes = [
      await mesurer('verifierTimbre', { duration, concurrency }, (i) => service.verifierTimbre(numeros[(i * 7919) % numeros.length]!, 'passeport-majeur')),
      await mesurer('consommerTimbre (timbres distincts)', { duration, concurrency }, (i) => (i < numeros.length ? service.consommerTimbre(numeros[i]!, 'passeport-majeur', `BANC-${i}`, agent) : undefined)),
      await mesurer('consommerTimbre (déjà consommé)', { duration, concurrency }, (i) => service.consommerTimbre(numeros[i % 50]!, 'passeport-majeur', `BANC-R${i}`, agent)),
    ];
    console.log(`\n${database.name} · ${concurrency} concurrent callers · ${duration} s per operation · ${numeros.length} stamps · load average before ${loadBefore} on ${os.cpus().length} CPUs`);
    console.table(lignes.map((l) => ({ operation: l.operation, 'ops/s': Math.round(l.parSeconde), operations: l.operations, 'p50 ms': l.p50.toFixed(1), 'p99 ms': l.p99.toFixed(1) })));
    resultats.push(...lignes.map((l) => ({ database: database.name, ...l })));
    if (Number(loadBefore) > os.cpus().length / 2) console.log('warning: other processes were using the CPU; rerun on an idle machine before quoting these figures');
  } finally {
    await built.app.close();
  }
}
console.log(JSON.stringify({ bench: { name: 'timbre', duration, concurrency, stamps, node: process.version, cpus: os.cpus().length, loadAverageBefore: Number(loadBefore), at: new Date().toISOString() }, results: resultats }));

/** Paid stamps straight in the tables: the bench measures the counter, not the shop. */
async function semer(db: Db, n: number): Promise<string[]> {
  const numeros = Array.from({ length: n }, () => genererNumero());
  await db.transaction().execute(async (trx) => {
    const panier = await sql<{ id: string }>`insert into timbre_paniers (jeton_hash) values (${`banc-${Date.now()}`}) returning id`.execute(trx);
    const commande = await sql<{ id: string }>`
      insert into timbre_commandes (reference, panier_id, statut, montant_centimes, mode_reception, destinataire, prestataire, payee_le)
      values (${`TF-BANC-${Date.now() % 10_000}`}, ${panier.rows[0]!.id}, 'payee', ${8600 * n}, 'courriel', 'banc@exemple.fr', 'sandbox', now()) returning id`.execute(trx);
    const id = commande.rows[0]!.id;
    for (let debut = 0; debut < n; debut += 500) {
      const lot = numeros.slice(debut, debut + 500);
      const valeurs = lot.map((numero, k) => sql`(${numero}, ${id}, 1, ${debut + k + 1}, 'passeport-majeur', 'passeport-majeur', 8600, now(), now() + interval '12 months', now() + interval '18 months')`);
      await sql`insert into timbres (numero, commande_id, ligne, exemplaire, code, usage, montant_centimes, achete_le, expire_le, remboursable_jusqu_au) values ${sql.join(valeurs)}`.execute(trx);
    }
  });
  return numeros;
}

