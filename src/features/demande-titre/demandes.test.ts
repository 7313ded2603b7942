import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { GuichetApp } from '../../app.ts';
import type { Principal } from '../../kernel/auth/principal.ts';
import { httpSmsChannel } from '../../kernel/notifications/channels.ts';
import { startSmsGateway } from '../../kernel/testing/loopback-peers.ts';
import { createTestApp } from '../../kernel/testing/test-app.ts';
import { simulateurDispositif } from './dispositif-recueil.ts';

const agentPerigueux: Principal = { userId: '00000000-0000-4000-8000-000000000010', kind: 'agent', role: 'agent_mairie', communeInsee: '24322', departement: '24', displayName: 'Agent Périgueux' };
const agentBergerac: Principal = { ...agentPerigueux, userId: '00000000-0000-4000-8000-000000000011', communeInsee: '24037', displayName: 'Agent Bergerac' };
const instructeur24: Principal = { userId: '00000000-0000-4000-8000-000000000012', kind: 'agent', role: 'instructeur', communeInsee: null, departement: '24', displayName: 'Instructeur' };
const instructeur33: Principal = { ...instructeur24, userId: '00000000-0000-4000-8000-000000000013', departement: '33' };

let gateway: Awaited<ReturnType<typeof startSmsGateway>>;
let built: GuichetApp;
beforeAll(async () => {
  gateway = await startSmsGateway();
  built = await createTestApp({ channels: { sms: httpSmsChannel(gateway.url, undefined) } });
});
afterAll(async () => {
  await built.app.close();
  await gateway.close();
});

async function demandeCerfa(timbreRequis = true) {
  return built.demandes.recueillir(agentPerigueux, {
    titre: 'passeport',
    origine: 'cerfa',
    pre_demande_numero: null,
    commune_remise: '24322',
    usager_id: null,
    nom: 'NGUYỄN',
    prenoms: 'Łucja Anne',
    date_naissance: '1990-04-12',
    mobile: '+33612345678',
    email: 'lucja@exemple.fr',
    timbre_requis: timbreRequis,
    timbre_numero: null,
    timbre_consomme: false,
    capture: null,
  });
}

describe('demande de titre, from recueil to remise', () => {
  it('follows the whole lifecycle, sends the "titre disponible" SMS once, and keeps the history', async () => {
    const demande = await demandeCerfa();
    expect(demande.numero).toMatch(/^D-24-[A-Z2-9]{8}$/);
    expect(await built.demandes.appliquer(agentPerigueux, demande.id, 'transmettre')).toMatchObject({ ok: false, code: 'GARDE' });

    const capture = await simulateurDispositif('DR-24322-1').capturer({ reference: 'ok-2', dateNaissance: new Date('1990-04-12'), tentative: 3 }, new Date());
    expect(capture.ok).toBe(true);
    if (capture.ok) await built.demandes.enregistrerCapture(agentPerigueux, demande.id, { dispositif: capture.dispositif, captureeLe: capture.captureeLe, qualitePhoto: capture.qualitePhoto, qualiteEmpreintes: capture.qualiteEmpreintes });
    expect(await built.demandes.appliquer(agentPerigueux, demande.id, 'transmettre')).toMatchObject({ ok: false, raison: expect.stringMatching(/timbre/) });
    await built.demandes.enregistrerTimbre(agentPerigueux, demande.id, '1234567890123452');

    expect(await built.demandes.appliquer(agentBergerac, demande.id, 'transmettre')).toMatchObject({ ok: false, code: 'INTROUVABLE' });
    expect(await built.demandes.appliquer(agentPerigueux, demande.id, 'transmettre')).toMatchObject({ ok: true, vers: 'transmise' });
    expect(await built.demandes.appliquer(instructeur33, demande.id, 'prendre_en_instruction')).toMatchObject({ ok: false, code: 'INTROUVABLE' });
    expect(await built.demandes.appliquer(instructeur24, demande.id, 'prendre_en_instruction')).toMatchObject({ ok: true });
    expect(await built.demandes.appliquer(instructeur24, demande.id, 'refuser')).toMatchObject({ ok: false, raison: 'Le motif est obligatoire.' });
    expect(await built.demandes.appliquer(instructeur24, demande.id, 'accorder')).toMatchObject({ ok: true, vers: 'accordee' });
    expect(await built.demandes.appliquer('systeme', demande.id, 'lancer_production', { numeroTitre: '26AB12345' })).toMatchObject({ ok: true });
    expect(await built.demandes.appliquer(agentPerigueux, demande.id, 'receptionner')).toMatchObject({ ok: true, vers: 'disponible' });
    expect(await built.demandes.appliquer(agentPerigueux, demande.id, 'receptionner')).toMatchObject({ ok: false, code: 'ETAT_INCOMPATIBLE' });
    await built.worker.runOnce();
    await built.worker.runOnce();
    expect(gateway.received.filter((sms) => sms.body.text.includes(demande.numero))).toHaveLength(1);
    expect(gateway.received[0]?.body.text).toContain('disponible à la mairie de Périgueux');

    expect(await built.demandes.appliquer(agentPerigueux, demande.id, 'remettre')).toMatchObject({ ok: false, raison: expect.stringMatching(/identité/) });
    expect(await built.demandes.appliquer(agentPerigueux, demande.id, 'remettre', { identiteVerifiee: true })).toMatchObject({ ok: true, vers: 'remise' });

    const historique = await built.demandes.historique(demande.id);
    expect(historique.map((ligne) => `${ligne.de ?? '∅'}→${ligne.vers}`)).toEqual([
      '∅→recueillie',
      'recueillie→transmise',
      'transmise→en_instruction',
      'en_instruction→accordee',
      'accordee→en_production',
      'en_production→disponible',
      'disponible→remise',
    ]);
    expect(historique[1]).toMatchObject({ acteur_role: 'agent_mairie', acteur_commune: '24322' });
  });

  it('shows the public status only with the right number and birth date', async () => {
    const demande = await demandeCerfa(false);
    expect(await built.demandes.suivre(demande.numero, '1990-04-12')).toMatchObject({ etat: 'recueillie', commune_remise: '24322' });
    expect(await built.demandes.suivre(demande.numero, '1990-04-13')).toBeUndefined();
  });

  it('keeps each mairie to its own applications', async () => {
    const demande = await demandeCerfa(false);
    expect(await built.demandes.trouver({ commune: '24322' }, demande.id)).toBeDefined();
    expect(await built.demandes.trouver({ commune: '24037' }, demande.id)).toBeUndefined();
    expect(await built.demandes.trouver({ departement: '33' }, demande.id)).toBeUndefined();
  });
});
