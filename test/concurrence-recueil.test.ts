import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { GuichetApp } from '../src/app.ts';
import { adultePasseportRenouvellement, commencer, remplir } from '../src/features/pre-demande/test-parcours.ts';
import { createAgent, createUsager } from '../src/kernel/testing/factories.ts';
import { createTestApp, TEST_DATABASE_URL } from '../src/kernel/testing/test-app.ts';
import { TestClient } from '../src/kernel/testing/test-client.ts';

// Two counters acting at the same instant, through the real pages: on PGlite (one connection,
// transactions one after the other) and on PostgreSQL (DATABASE_URL: a pool, real interleaving).
let built: GuichetApp;
let guichets: TestClient[];

beforeAll(async () => {
  built = await createTestApp();
  guichets = [];
  for (const communeInsee of ['24322', '24322', '24037']) {
    const compte = await createAgent(built, 'agent_mairie', { communeInsee, departement: '24' });
    const client = new TestClient(built.app);
    expect((await client.submit('/agent/connexion', '/agent/connexion', { email: compte.email, password: compte.password })).statusCode).toBe(303);
    guichets.push(client);
  }
});
afterAll(async () => {
  await built.app.close();
});

async function preDemandeValidee(): Promise<string> {
  const usager = await createUsager(built);
  const citoyen = new TestClient(built.app, '192.0.2.30');
  await citoyen.submit('/connexion', '/connexion', { email: usager.email, password: usager.password });
  const id = await commencer(citoyen);
  await remplir(citoyen, id, adultePasseportRenouvellement());
  await citoyen.get(`/pre-demande/${id}/verifier`);
  await citoyen.post(`/pre-demande/${id}/verifier`);
  return /id="numero-pre-demande">([A-Z0-9]+)</.exec((await citoyen.get(`/pre-demande/${id}`)).body)![1]!;
}

async function acheterTimbrePasseport(): Promise<string> {
  const acheteur = new TestClient(built.app, '192.0.2.31');
  const pas = async (page: string, champs: Record<string, string>) => expect((await acheteur.submit(page, page, champs)).statusCode).toBe(303);
  await pas('/timbre/demarche', { demarche: 'passeport' });
  await pas('/timbre/age', { age: 'majeur' });
  await pas('/timbre/formulaire', { quantite: '1' });
  await pas('/timbre/reception', { mode: 'courriel', courriel: 'acheteur@exemple.fr' });
  const paiement = String((await acheteur.submit('/timbre/validation', '/timbre/validation', {})).headers.location);
  await pas(paiement, { numero: '4970 1000 0000 0014', expiration: '12/30', cvv: '123' });
  await acheteur.submit(`${paiement}/3ds`, `${paiement}/3ds`, { code: '123456', action: 'confirmer' });
  const livraisons = (await built.outbox.list({ limit: 200 })).filter((m) => m.template === 'timbre.livraison-courriel');
  const connus = new Set(vendus);
  const numero = livraisons.flatMap((m) => (JSON.parse(m.values.timbres!) as Array<{ numero: string }>).map((t) => t.numero)).find((n) => !connus.has(n))!;
  vendus.push(numero);
  return numero;
}
const vendus: string[] = [];

const compter = async (requete: ReturnType<typeof sql<{ n: number }>>) => Number((await requete.execute(built.db)).rows[0]!.n);

describe(`two recueils at the same instant (${TEST_DATABASE_URL ? 'PostgreSQL' : 'PGlite'})`, () => {
  it('opens exactly one application from one pré-demande, and tells the other counter why', async () => {
    for (let tour = 0; tour < 3; tour += 1) {
      const numero = await preDemandeValidee();
      const [a, b] = [guichets[0]!, guichets[2]!];
      // Both counters have found the pré-demande before either opens it.
      for (const guichet of [a, b]) expect((await guichet.submit('/mairie/recueil', '/mairie/recueil', { numero })).statusCode).toBe(200);
      const champs = { numero, identite: 'oui', nom: 'DE LA FONTAINE', prenoms: 'Jean-Édouard, Marie', date_naissance: '1980-05-14' };
      const reponses = await Promise.all([a.post('/mairie/recueil/ouvrir', champs), b.post('/mairie/recueil/ouvrir', champs)]);
      // The loser is refused with the reason, whether it lost at the lookup or at the commit.
      expect(reponses.filter((r) => r.statusCode === 303)).toHaveLength(1);
      const perdant = reponses.find((r) => r.statusCode !== 303)!;
      expect([404, 409]).toContain(perdant.statusCode);
      expect(perdant.body).toContain('Cette pré-demande a déjà été utilisée pour une demande de titre.');
      expect(await compter(sql<{ n: number }>`select count(*) as n from demandes_titres where pre_demande_numero = ${numero}`)).toBe(1);
      expect(await compter(sql<{ n: number }>`select count(*) as n from demandes_titres_historique h join demandes_titres d on d.id = h.demande_id where d.pre_demande_numero = ${numero}`)).toBe(1);
      expect(await compter(sql<{ n: number }>`select count(*) as n from pre_demandes where numero = ${numero} and statut = 'consommee'`)).toBe(1);
    }
  });

  it('holds at the commit too: two recueils that both found the pré-demande valid open one application', async () => {
    const numero = await preDemandeValidee();
    const agents = ['24322', '24037'].map((commune, i) => ({ userId: `00000000-0000-4000-8000-00000000003${i}`, kind: 'agent' as const, role: 'agent_mairie' as const, communeInsee: commune, departement: '24', displayName: 'Agent' }));
    const recueilsComptes = () => compter(sql<{ n: number }>`select coalesce(sum(nombre), 0) as n from stats_recueil_mensuel where commune in ('24037', '24322')`);
    const avant = await recueilsComptes();
    const trouvees = await Promise.all(agents.map(() => built.preDemandes.pourRecueil(numero)));
    expect(trouvees.every((t) => t.ok)).toBe(true);
    const issues = await Promise.allSettled(
      agents.map((agent, i) =>
        built.demandes.recueillirPlusieurs(
          agent,
          [{ titre: 'passeport', origine: 'pre_demande', pre_demande_numero: numero, commune_remise: agent.communeInsee, usager_id: null, nom: 'DE LA FONTAINE', prenoms: 'Jean', date_naissance: '1980-05-14', mobile: null, email: null, timbre_requis: true, timbre_numero: null, timbre_consomme: false, capture: null }],
          async (trx) => {
            const trouvee = trouvees[i]!;
            if (!trouvee.ok || !(await built.preDemandes.consommerAuRecueil(trx, trouvee.preDemande, agent))) throw new Error('déjà utilisée');
          },
        ),
      ),
    );
    expect(issues.map((issue) => issue.status).sort()).toEqual(['fulfilled', 'rejected']);
    expect(await compter(sql<{ n: number }>`select count(*) as n from demandes_titres where pre_demande_numero = ${numero}`)).toBe(1);
    // The monthly count of the dashboard moved by one: the loser's increment was rolled back with it.
    expect(await recueilsComptes()).toBe(avant + 1);
  });

  it('consumes one stamp once when two applications present it at the same instant', async () => {
    for (let tour = 0; tour < 3; tour += 1) {
      const timbre = await acheterTimbrePasseport();
      const ids: string[] = [];
      for (const [index, guichet] of [guichets[0]!, guichets[1]!].entries()) {
        await guichet.get('/mairie/cerfa');
        const cree = await guichet.post('/mairie/cerfa', { titre: 'passeport', motif: 'premiere', nom: ['Premier', 'Second'][index]!, prenoms: 'Alex', date_naissance: '1985-01-01', mobile: '', email: '' });
        ids.push(/\/mairie\/demandes\/([0-9a-f-]{36})/.exec(String(cree.headers.location))![1]!);
        await guichet.get(`/mairie/demandes/${ids[index]}`);
      }
      const reponses = await Promise.all(ids.map((id, index) => guichets[index]!.post(`/mairie/demandes/${id}/timbre`, { timbre })));
      expect(reponses.map((r) => r.statusCode).sort()).toEqual([303, 400]);
      expect(reponses.find((r) => r.statusCode === 400)!.body).toMatch(/déjà consommé/i);
      expect(await compter(sql<{ n: number }>`select count(*) as n from timbre_consommations where numero = ${timbre}`)).toBe(1);
      expect(await compter(sql<{ n: number }>`select count(*) as n from demandes_titres where timbre_numero = ${timbre} and timbre_consomme`)).toBe(1);
    }
  });

  it('consumes one stamp only when two counters enter two different stamps for the same application', async () => {
    for (let tour = 0; tour < 3; tour += 1) {
      const timbres = [await acheterTimbrePasseport(), await acheterTimbrePasseport()];
      const [a, b] = [guichets[0]!, guichets[1]!];
      await a.get('/mairie/cerfa');
      const cree = await a.post('/mairie/cerfa', { titre: 'passeport', motif: 'premiere', nom: 'Unique', prenoms: 'Alex', date_naissance: '1985-01-01', mobile: '', email: '' });
      const id = /\/mairie\/demandes\/([0-9a-f-]{36})/.exec(String(cree.headers.location))![1]!;
      for (const guichet of [a, b]) await guichet.get(`/mairie/demandes/${id}`);
      const reponses = await Promise.all([a, b].map((guichet, index) => guichet.post(`/mairie/demandes/${id}/timbre`, { timbre: timbres[index]! })));
      expect(reponses.map((r) => r.statusCode).sort()).toEqual([303, 400]);
      expect(reponses.find((r) => r.statusCode === 400)!.body).toMatch(/déjà été consommé|déjà en cours d’enregistrement/i);
      // One stamp paid for this application; the other one stays valid for another application.
      const consommes = await compter(sql<{ n: number }>`select count(*) as n from timbre_consommations where numero in (${timbres[0]!}, ${timbres[1]!})`);
      expect(consommes).toBe(1);
      expect(await compter(sql<{ n: number }>`select count(*) as n from demandes_titres where id = ${id} and timbre_consomme`)).toBe(1);
    }
  });
});
