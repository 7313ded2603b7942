import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { GuichetApp } from '../../app.ts';
import type { Principal } from '../../kernel/auth/principal.ts';
import { httpSmsChannel } from '../../kernel/notifications/channels.ts';
import { startSmsGateway } from '../../kernel/testing/loopback-peers.ts';
import { createTestApp } from '../../kernel/testing/test-app.ts';
import { relancesRetrait } from './relances.ts';

const mairie: Principal = { userId: '00000000-0000-4000-8000-000000000020', kind: 'agent', role: 'agent_mairie', communeInsee: '24322', departement: '24', displayName: 'Agent' };
const instructeur: Principal = { userId: '00000000-0000-4000-8000-000000000021', kind: 'agent', role: 'instructeur', communeInsee: null, departement: '24', displayName: 'Instructeur' };

// After the real date: a queued message is due from the database clock's "now".
let clock = new Date('2027-01-10T09:00:00Z');
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

describe('titles waiting at the mairie', () => {
  it('get one reminder at 1, 2 and 2.5 months, then are recorded destroyed at 3 months', async () => {
    const demande = await built.demandes.recueillir(mairie, {
      titre: 'cni', origine: 'cerfa', pre_demande_numero: null, commune_remise: '24322', usager_id: null, nom: 'OUBLI', prenoms: 'Jean', date_naissance: '1970-01-01',
      mobile: '+33699887766', email: null, timbre_requis: false, timbre_numero: null, timbre_consomme: false,
      capture: { dispositif: 'DR-1', captureeLe: clock, qualitePhoto: 80, qualiteEmpreintes: 70 },
    });
    for (const [acteur, evenement] of [[mairie, 'transmettre'], [instructeur, 'prendre_en_instruction'], [instructeur, 'accorder'], ['systeme', 'lancer_production'], [mairie, 'receptionner']] as const) {
      expect((await built.demandes.appliquer(acteur, demande.id, evenement, { numeroTitre: '26AB00001' })).ok).toBe(true);
    }
    const relances = relancesRetrait({ db: built.db, inTransaction: built.inTransaction, demandes: built.demandes, now: () => clock, delaiMois: 3, nomCommune: () => 'Périgueux' });
    const rappels = () => gateway.received.filter((sms) => sms.body.to === '+33699887766' && sms.body.text.startsWith('Rappel')).length;

    const etapes: Array<[number, number, string]> = [
      [20, 0, 'disponible'],
      [32, 1, 'disponible'],
      [40, 1, 'disponible'],
      [63, 2, 'disponible'],
      [78, 3, 'disponible'],
      [93, 3, 'detruite'],
    ];
    const depart = clock.getTime();
    for (const [jours, attendus, etat] of etapes) {
      clock = new Date(depart + jours * 86_400_000);
      await relances.runOnce();
      await built.worker.runOnce();
      expect([jours, rappels()]).toEqual([jours, attendus]);
      expect((await built.demandes.trouver({ commune: '24322' }, demande.id))?.etat).toBe(etat);
    }
  });
});
