import os from 'node:os';
import { parseArgs } from 'node:util';
import { buildApp } from '../src/app.ts';
import type { Principal } from '../src/kernel/auth/principal.ts';
import { loadConfig } from '../src/kernel/config/config.ts';
import { createUsager } from '../src/kernel/testing/factories.ts';
import { TestClient } from '../src/kernel/testing/test-client.ts';
import { preDemandeRepository } from '../src/features/pre-demande/pre-demande-repository.ts';
import { recapitulatifPdf } from '../src/features/pre-demande/recapitulatif-pdf.ts';
import { justificatifs } from '../src/features/pre-demande/justificatifs.ts';
import { adultePasseportRenouvellement, commencer, remplir } from '../src/features/pre-demande/test-parcours.ts';
import { basesAMesurer, bounded, mesurer, type Mesure } from './lib/mesure.ts';

/**
 * node --import tsx bench/pre-demande.ts [--duration 5 --concurrency 8 --drafts 3000]
 * (npm run bench:pre-demande -- --duration 5)
 *
 * The two costly moments of the pré-demande: its validation (number drawn and checked,
 * answers frozen, history, email queued — the service behind POST …/verifier, without the
 * per-account hourly limit) and its récapitulatif PDF (the real route through app.inject:
 * session, owner-scoped read, nearest DR mairies, PDF with QR code), plus the PDF rendering
 * alone. On PGlite in memory and, when DATABASE_URL is set, on PostgreSQL in a throwaway
 * schema. Bounded in time and count; stops by itself.
 */
const { values } = parseArgs({ options: { duration: { type: 'string', default: '5' }, concurrency: { type: 'string', default: '8' }, drafts: { type: 'string', default: '3000' } } });
const duration = bounded('duration', values.duration, 1, 60);
const concurrency = bounded('concurrency', values.concurrency, 1, 64);
const drafts = bounded('drafts', values.drafts, 100, 20_000);
const loadBefore = (os.loadavg()[0] ?? 0).toFixed(2);

const databases = basesAMesurer(process.env.DATABASE_URL);



const resultats: (Mesure & { database: string })[] = [];
for (const database of databases) {
  const built = await buildApp({ config: loadConfig({ NODE_ENV: 'test', LOG_LEVEL: 'silent', PUBLIC_URL: 'http://localhost:3000', TILE_URL: 'aucun' }), database: await database.open(), runWorker: false });
  try {
    await built.app.ready();
    // One pré-demande filled through the real pages gives the complete state; the drafts copy it.
    const usager = await createUsager(built);
    const client = new TestClient(built.app);
    await client.submit('/connexion', '/connexion', { email: usager.email, password: usager.password });
    const modele = await commencer(client);
    await remplir(client, modele, adultePasseportRenouvellement());
    const repo = preDemandeRepository(built.db);
    const etat = (await repo.trouver(modele, usager.account.id))!;
    const ids: string[] = [];
    for (let i = 0; i < drafts; i += 1) ids.push(await repo.creer(usager.account.id, etat.state, etat.personne));
    const principal: Principal = { userId: usager.account.id, kind: 'usager', role: null, communeInsee: null, departement: null, displayName: usager.email };

    const valides: string[] = [];
    const lignes = [
      await mesurer('valider (service, brouillons distincts)', { duration, concurrency }, (i) => {
        if (i >= ids.length) return undefined;
        return repo.trouver(ids[i]!, principal.userId).then(async (pd) => {
          if (!(await built.preDemandes.valider(principal, pd!, pd!.state.answers))) throw new Error('validation refusée');
          valides.push(pd!.id);
        });
      }),
      await mesurer('GET /pre-demande/:id/recapitulatif.pdf (inject)', { duration, concurrency }, async (i) => {
        const reponse = await client.get(`/pre-demande/${valides[i % valides.length]}/recapitulatif.pdf`);
        if (reponse.statusCode !== 200) throw new Error(`PDF : ${reponse.statusCode}`);
      }),
      await mesurer('recapitulatifPdf() seul (rendu)', { duration, concurrency }, () =>
        recapitulatifPdf({
          numero: 'ABCDEFGH23',
          personne: etat.personne,
          titre: 'Passeport',
          validiteJusquau: '27 mai 2027',
          answers: etat.state.answers,
          justificatifs: justificatifs(etat.state.answers, '2026-11-27'),
          timbre: 'Passeport d’une personne majeure : 86 € — total 86 €. À acheter avant le dépôt.',
          serviceName: 'Guichet Titres',
          mairies: ['Mairie de Périgueux, 23 rue du Président Wilson — dans votre commune'],
        }),
      ),
    ];
    console.log(`\n${database.name} · ${concurrency} concurrent callers · ${duration} s per operation · ${ids.length} drafts, ${valides.length} validated · load average before ${loadBefore} on ${os.cpus().length} CPUs`);
    console.table(lignes.map((l) => ({ operation: l.operation, 'ops/s': Math.round(l.parSeconde), operations: l.operations, 'p50 ms': l.p50.toFixed(1), 'p99 ms': l.p99.toFixed(1) })));
    resultats.push(...lignes.map((l) => ({ database: database.name, ...l })));
    if (valides.length === ids.length) console.log('note: every draft was validated before the deadline; raise --drafts for a full-length validation run');
    if (Number(loadBefore) > os.cpus().length / 2) console.log('warning: other processes were using the CPU; rerun on an idle machine before quoting these figures');
  } finally {
    await built.app.close();
  }
}
console.log(JSON.stringify({ bench: { name: 'pre-demande', duration, concurrency, drafts, node: process.version, cpus: os.cpus().length, loadAverageBefore: Number(loadBefore), at: new Date().toISOString() }, results: resultats }));

