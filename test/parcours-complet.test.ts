import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { GuichetApp } from '../src/app.ts';
import { adultePasseportRenouvellement, commencer, remplir } from '../src/features/pre-demande/test-parcours.ts';
import { httpSmsChannel } from '../src/kernel/notifications/channels.ts';
import { createAgent, createUsager } from '../src/kernel/testing/factories.ts';
import { startSmsGateway } from '../src/kernel/testing/loopback-peers.ts';
import { createTestApp } from '../src/kernel/testing/test-app.ts';
import { TestClient } from '../src/kernel/testing/test-client.ts';

// Kit steps #1 to #8 through the real pages: pré-demande, stamp, recueil, instruction,
// production, "titre disponible" SMS, remise.
let clock = new Date('2026-11-27T09:00:00Z');
let gateway: Awaited<ReturnType<typeof startSmsGateway>>;
let built: GuichetApp;
beforeAll(async () => {
  gateway = await startSmsGateway();
  built = await createTestApp({ now: () => clock, channels: { sms: httpSmsChannel(gateway.url, undefined) } });
});
afterAll(async () => {
  await built.app.close();
  await gateway.close();
});

async function agent(role: 'agent_mairie' | 'instructeur', rattachement: { communeInsee?: string; departement: string }) {
  const compte = await createAgent(built, role, rattachement);
  const client = new TestClient(built.app);
  expect((await client.submit('/agent/connexion', '/agent/connexion', { email: compte.email, password: compte.password })).statusCode).toBe(303);
  return client;
}

async function acheterTimbre(): Promise<string> {
  const acheteur = new TestClient(built.app, '192.0.2.201');
  const pas = async (page: string, champs: Record<string, string>) => expect((await acheteur.submit(page, page, champs)).statusCode).toBe(303);
  await pas('/timbre/demarche', { demarche: 'passeport' });
  await pas('/timbre/age', { age: 'majeur' });
  await pas('/timbre/formulaire', { quantite: '1' });
  await pas('/timbre/reception', { mode: 'sms', mobile: '07 00 00 00 01' });
  const paiement = String((await acheteur.submit('/timbre/validation', '/timbre/validation', {})).headers.location);
  await pas(paiement, { numero: '4970 1000 0000 0014', expiration: '12/30', cvv: '123' });
  await acheteur.submit(`${paiement}/3ds`, `${paiement}/3ds`, { code: '123456', action: 'confirmer' });
  const [livraison] = (await built.outbox.list({ limit: 100 })).filter((m) => m.template === 'timbre.livraison-sms');
  return (JSON.parse(livraison!.values.timbres!) as Array<{ numero: string }>)[0]!.numero;
}

describe('the whole journey of a passport, from the online pré-demande to the remise', () => {
  it('works end to end through the real pages', async () => {
    const usager = await createUsager(built);
    const citoyen = new TestClient(built.app, '192.0.2.10');
    await citoyen.submit('/connexion', '/connexion', { email: usager.email, password: usager.password });
    const id = await commencer(citoyen);
    // An overseas mobile typed the national way: 06 92… is La Réunion (+262), not +33.
    await remplir(citoyen, id, adultePasseportRenouvellement({ contact: { mobile: '06 92 12 34 56', email: 'jean.edouard@exemple.fr' } }));
    await citoyen.get(`/pre-demande/${id}/verifier`);
    await citoyen.post(`/pre-demande/${id}/verifier`);
    const numeroPreDemande = /id="numero-pre-demande">([A-Z0-9]+)</.exec((await citoyen.get(`/pre-demande/${id}`)).body)![1]!;
    const timbre = await acheterTimbre();

    const mairie = await agent('agent_mairie', { communeInsee: '24037', departement: '24' });
    await mairie.get('/mairie/recueil');
    expect((await mairie.post('/mairie/recueil', { numero: 'ZZZZZZZZZZ' })).body).toContain('Aucune pré-demande ne porte ce numéro');
    const trouvee = await mairie.post('/mairie/recueil', { numero: numeroPreDemande });
    expect(trouvee.statusCode).toBe(200);
    expect(trouvee.body).toContain('DE LA FONTAINE');
    const sansIdentite = await mairie.post('/mairie/recueil/ouvrir', { numero: numeroPreDemande, nom: 'DE LA FONTAINE', prenoms: 'Jean-Édouard, Marie', date_naissance: '1980-05-14' });
    expect(sansIdentite.body).toContain('Vérifiez l’identité du demandeur');
    const ouverte = await mairie.post('/mairie/recueil/ouvrir', { numero: numeroPreDemande, identite: 'oui', nom: 'DE LA FONTAINE', prenoms: 'Jean-Édouard, Marie', date_naissance: '1980-05-14' });
    expect(ouverte.statusCode).toBe(303);
    const demandeId = /\/mairie\/demandes\/([0-9a-f-]{36})/.exec(String(ouverte.headers.location))![1]!;
    await mairie.get('/mairie/recueil');
    expect((await mairie.post('/mairie/recueil', { numero: numeroPreDemande })).body).toContain('déjà été utilisée');

    for (let tentative = 1; tentative < 10; tentative += 1) {
      if ((await mairie.submit(`/mairie/demandes/${demandeId}`, `/mairie/demandes/${demandeId}/capture`, { tentative: String(tentative) })).statusCode === 303) break;
    }
    expect((await mairie.submit(`/mairie/demandes/${demandeId}`, `/mairie/demandes/${demandeId}/transmettre`, {})).body).toContain('timbre fiscal requis');
    expect((await mairie.submit(`/mairie/demandes/${demandeId}`, `/mairie/demandes/${demandeId}/timbre`, { timbre })).statusCode).toBe(303);
    expect((await mairie.submit(`/mairie/demandes/${demandeId}`, `/mairie/demandes/${demandeId}/transmettre`, {})).statusCode).toBe(303);

    const espace = (await citoyen.get('/mon-espace')).body;
    expect(espace).toContain('Mes demandes de titre');
    expect(espace).toContain('transmise pour instruction');

    const instructeur = await agent('instructeur', { departement: '24' });
    for (const decision of ['prendre_en_instruction', 'accorder']) {
      expect((await instructeur.submit(`/instruction/${demandeId}`, `/instruction/${demandeId}/${decision}`, {})).statusCode).toBe(303);
    }
    clock = new Date(clock.getTime() + 5 * 60_000);
    expect(await built.production.runOnce()).toBe(1);
    const numeroTitre = /Numéro du titre<\/dt><dd>(\w+)</.exec((await mairie.get(`/mairie/demandes/${demandeId}`)).body)![1]!;
    await mairie.get('/mairie/reception');
    expect((await mairie.post('/mairie/reception', { numeros: numeroTitre })).body).toContain('demandeur prévenu');
    await built.worker.runOnce();
    const sms = gateway.received.filter((message) => message.body.to === '+262692123456');
    expect(sms).toHaveLength(1);
    expect(sms[0]!.body.text).toContain('disponible à la mairie de Bergerac');

    expect((await mairie.submit(`/mairie/demandes/${demandeId}`, `/mairie/demandes/${demandeId}/remettre`, { identite: 'oui', ancien: 'oui' })).statusCode).toBe(303);
    expect((await mairie.get(`/mairie/demandes/${demandeId}`)).body).toContain('remise à son titulaire');
    expect((await citoyen.get('/mon-espace')).body).toContain('Votre titre vous a été remis.');
  });
});
