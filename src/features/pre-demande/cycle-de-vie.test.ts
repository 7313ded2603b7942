import { describe, expect, it } from 'vitest';
import { STATUTS, STATUTS_FINAUX, TRANSITIONS, transition, type Acteur, type Evenement, type Statut } from './cycle-de-vie.ts';

const now = new Date('2026-06-01T10:00:00Z');
const later = new Date('2026-12-01T10:00:00Z');
const past = new Date('2026-05-01T10:00:00Z');

// Every (statut, événement, acteur) with the expected verdict: anything not listed as allowed is refused.
const ALLOWED: Array<[Statut, Evenement, Acteur, Statut]> = [
  ['brouillon', 'valider', 'usager', 'validee'],
  ['validee', 'declarer', 'prise_de_rendez_vous', 'declaree'],
  ['validee', 'consommer', 'agent_mairie', 'consommee'],
  ['validee', 'annuler', 'usager', 'annulee'],
  ['declaree', 'consommer', 'agent_mairie', 'consommee'],
  ['declaree', 'annuler', 'usager', 'annulee'],
];

describe('pré-demande lifecycle', () => {
  const events = Object.keys(TRANSITIONS) as Evenement[];
  const acteurs: Acteur[] = ['usager', 'agent_mairie', 'systeme', 'prise_de_rendez_vous'];

  for (const statut of STATUTS) {
    for (const evenement of events) {
      for (const acteur of acteurs) {
        const allowed = ALLOWED.find(([s, e, a]) => s === statut && e === evenement && a === acteur);
        it(`${statut} --${evenement} by ${acteur}--> ${allowed ? allowed[3] : 'refused'}`, () => {
          const verdict = transition({ statut, expireLe: later, reponsesCompletes: true }, evenement, acteur, now);
          if (allowed) expect(verdict).toEqual({ ok: true, de: statut, vers: allowed[3] });
          else if (!((statut === 'validee' || statut === 'declaree') && evenement === 'expirer' && acteur === 'systeme')) expect(verdict.ok).toBe(false);
          else expect(verdict).toEqual({ ok: false, refus: 'garde' });
        });
      }
    }
  }

  it('expires only once the validity date has passed, and only by the system', () => {
    expect(transition({ statut: 'validee', expireLe: later, reponsesCompletes: true }, 'expirer', 'systeme', now)).toEqual({ ok: false, refus: 'garde' });
    expect(transition({ statut: 'validee', expireLe: past, reponsesCompletes: true }, 'expirer', 'systeme', now)).toEqual({ ok: true, de: 'validee', vers: 'expiree' });
    expect(transition({ statut: 'validee', expireLe: past, reponsesCompletes: true }, 'expirer', 'usager', now)).toEqual({ ok: false, refus: 'acteur' });
  });

  it('declares (appointment booked) only a pré-demande still valid, and a declared one expires, is consumed or cancelled', () => {
    expect(transition({ statut: 'validee', expireLe: past, reponsesCompletes: true }, 'declarer', 'prise_de_rendez_vous', now)).toEqual({ ok: false, refus: 'garde' });
    expect(transition({ statut: 'declaree', expireLe: past, reponsesCompletes: true }, 'expirer', 'systeme', now)).toEqual({ ok: true, de: 'declaree', vers: 'expiree' });
    expect(transition({ statut: 'declaree', expireLe: past, reponsesCompletes: true }, 'consommer', 'agent_mairie', now)).toEqual({ ok: false, refus: 'garde' });
    expect(transition({ statut: 'declaree', expireLe: later, reponsesCompletes: true }, 'declarer', 'prise_de_rendez_vous', now)).toEqual({ ok: false, refus: 'statut' });
  });

  it('guards validation on complete answers and consumption on validity', () => {
    expect(transition({ statut: 'brouillon', expireLe: null, reponsesCompletes: false }, 'valider', 'usager', now)).toEqual({ ok: false, refus: 'garde' });
    expect(transition({ statut: 'validee', expireLe: past, reponsesCompletes: true }, 'consommer', 'agent_mairie', now)).toEqual({ ok: false, refus: 'garde' });
  });

  it('leaves final states with no way out', () => {
    for (const statut of STATUTS_FINAUX) {
      for (const evenement of events) for (const acteur of acteurs) expect(transition({ statut, expireLe: later, reponsesCompletes: true }, evenement, acteur, now).ok).toBe(false);
    }
  });
});
