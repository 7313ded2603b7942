import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  ETATS,
  ETATS_FINAUX,
  EVENEMENTS,
  TRANSITIONS,
  transition,
  type Acteur,
  type DemandeTitre,
  type Etat,
  type Evenement,
  type RoleActeur,
} from './cycle-de-vie.ts';

const MAINTENANT = new Date('2026-11-27T10:00:00Z');
const ROLES: RoleActeur[] = ['agent_mairie', 'agent_prefecture', 'instructeur', 'admin', 'usager', 'systeme'];

function demande(etat: Etat, autres: Partial<DemandeTitre> = {}): DemandeTitre {
  return {
    etat,
    communeRecueil: '24322',
    communeRemise: '24322',
    departement: '24',
    timbreRequis: true,
    timbreConsomme: true,
    capturesFaites: true,
    disponibleDepuis: new Date('2026-01-01T00:00:00Z'),
    ...autres,
  };
}

const ACTEUR_AUTORISE: Record<RoleActeur, Acteur> = {
  agent_mairie: { role: 'agent_mairie', communeInsee: '24322', departement: '24' },
  instructeur: { role: 'instructeur', departement: '24' },
  agent_prefecture: { role: 'agent_prefecture', departement: '24' },
  admin: { role: 'admin' },
  usager: { role: 'usager' },
  systeme: { role: 'systeme' },
};
const CONTEXTE = { maintenant: MAINTENANT, motif: 'Pièce manquante', identiteVerifiee: true };

// The expected table, written out by hand: a change to the lifecycle must change this list.
const AUTORISEES: Array<[Etat, Evenement, Etat]> = [
  ['recueillie', 'transmettre', 'transmise'],
  ['transmise', 'prendre_en_instruction', 'en_instruction'],
  ['en_instruction', 'demander_complement', 'complement_demande'],
  ['complement_demande', 'recevoir_complement', 'en_instruction'],
  ['en_instruction', 'accorder', 'accordee'],
  ['en_instruction', 'refuser', 'refusee'],
  ['en_instruction', 'classer_sans_suite', 'classee_sans_suite'],
  ['complement_demande', 'classer_sans_suite', 'classee_sans_suite'],
  ['accordee', 'lancer_production', 'en_production'],
  ['en_production', 'receptionner', 'disponible'],
  ['disponible', 'remettre', 'remise'],
  ['disponible', 'detruire', 'detruite'],
];

describe('lifecycle of a demande de titre', () => {
  const cases = ETATS.flatMap((etat) => EVENEMENTS.map((evenement) => [etat, evenement] as const));
  it.each(cases)('from %s, event %s is allowed only if listed', (etat, evenement) => {
    const attendu = AUTORISEES.find(([de, ev]) => de === etat && ev === evenement);
    const role = TRANSITIONS[evenement].roles[0];
    const resultat = transition(demande(etat), evenement, ACTEUR_AUTORISE[role], CONTEXTE);
    if (attendu) expect(resultat).toEqual({ ok: true, de: etat, vers: attendu[2], evenement });
    else expect(resultat).toMatchObject({ ok: false, code: 'ETAT_INCOMPATIBLE' });
  });

  it('has no way out of a final state', () => {
    for (const etat of ETATS_FINAUX) for (const evenement of EVENEMENTS) expect(transition(demande(etat), evenement, ACTEUR_AUTORISE.systeme, CONTEXTE).ok).toBe(false);
  });

  it.each([
    ['transmettre without a consumed stamp', demande('recueillie', { timbreConsomme: false }), 'transmettre', ACTEUR_AUTORISE.agent_mairie, CONTEXTE, /timbre fiscal/],
    ['transmettre without captures', demande('recueillie', { capturesFaites: false }), 'transmettre', ACTEUR_AUTORISE.agent_mairie, CONTEXTE, /empreintes/],
    ['transmettre from another commune', demande('recueillie'), 'transmettre', { role: 'agent_mairie', communeInsee: '24037' }, CONTEXTE, /autre commune/],
    ['refuser without a reason', demande('en_instruction'), 'refuser', ACTEUR_AUTORISE.instructeur, { maintenant: MAINTENANT }, /motif/],
    ['accorder from another département', demande('en_instruction'), 'accorder', { role: 'instructeur', departement: '33' }, CONTEXTE, /autre département/],
    ['remettre without identity check', demande('disponible'), 'remettre', ACTEUR_AUTORISE.agent_mairie, { maintenant: MAINTENANT }, /identité/],
    ['detruire before the deadline', demande('disponible', { disponibleDepuis: new Date('2026-10-01T00:00:00Z') }), 'detruire', ACTEUR_AUTORISE.systeme, CONTEXTE, /pas dépassé/],
  ] as const)('refuses to %s, with the reason', (_nom, d, evenement, acteur, contexte, raison) => {
    const resultat = transition(d, evenement, acteur, contexte);
    expect(resultat.ok).toBe(false);
    if (!resultat.ok) expect(resultat.raison).toMatch(raison);
  });

  it('accepts a stamp-free CNI without a stamp', () => {
    expect(transition(demande('recueillie', { timbreRequis: false, timbreConsomme: false }), 'transmettre', ACTEUR_AUTORISE.agent_mairie, CONTEXTE).ok).toBe(true);
  });

  it('finds no way around the table with random events from random roles', () => {
    fc.assert(
      fc.property(
        fc.array(fc.record({ evenement: fc.constantFrom(...EVENEMENTS), role: fc.constantFrom(...ROLES), commune: fc.constantFrom('24322', '24037'), departement: fc.constantFrom('24', '33') }), { maxLength: 40 }),
        (suite) => {
          let courante = demande('recueillie');
          for (const pas of suite) {
            const acteur: Acteur = { role: pas.role, communeInsee: pas.commune, departement: pas.departement };
            const resultat = transition(courante, pas.evenement, acteur, CONTEXTE);
            if (!resultat.ok) continue;
            const regle = TRANSITIONS[pas.evenement];
            expect(AUTORISEES).toContainEqual([courante.etat, pas.evenement, resultat.vers]);
            expect((regle.roles as readonly RoleActeur[]).includes(pas.role)).toBe(true);
            if (pas.role === 'agent_mairie') expect(pas.commune).toBe('24322');
            if (pas.role === 'instructeur') expect(pas.departement).toBe('24');
            courante = { ...courante, etat: resultat.vers };
          }
        },
      ),
      { numRuns: 500 },
    );
  });
});
