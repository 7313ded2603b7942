import { describe, expect, it } from 'vitest';
import { EVENEMENTS, STATUTS, STATUTS_FINAUX, statutEffectif, transition, type EtatTimbre, type EvenementTimbre, type MotifRefus, type StatutTimbre } from './cycle-de-vie.ts';

const achat = new Date('2026-01-15T10:00:00Z');
const expireLe = new Date('2027-01-15T10:00:00Z');
const remboursableJusquAu = new Date('2027-07-15T10:00:00Z');
const avantExpiration = new Date('2026-06-01T00:00:00Z');
const entreExpirationEtFinRemboursement = new Date('2027-03-01T00:00:00Z');
const apresFinRemboursement = new Date('2027-08-01T00:00:00Z');

const timbre = (statut: StatutTimbre): EtatTimbre => ({ statut, usage: 'passeport-majeur', expireLe, remboursableJusquAu });

type Attendu = StatutTimbre | MotifRefus;
// Every (status, event) pair, at a date where the guards pass when they can.
const TABLE: Array<[StatutTimbre, EvenementTimbre, Date, Attendu]> = [
  ['valide', 'consommer', avantExpiration, 'consomme'],
  ['valide', 'rembourser', avantExpiration, 'rembourse'],
  ['valide', 'expirer', entreExpirationEtFinRemboursement, 'expire'],
  ['expire', 'rembourser', entreExpirationEtFinRemboursement, 'rembourse'],
  ['expire', 'consommer', entreExpirationEtFinRemboursement, 'expire'],
  ['expire', 'expirer', entreExpirationEtFinRemboursement, 'expire'],
  ['consomme', 'consommer', avantExpiration, 'deja-consomme'],
  ['consomme', 'rembourser', avantExpiration, 'deja-consomme'],
  ['consomme', 'expirer', entreExpirationEtFinRemboursement, 'deja-consomme'],
  ['rembourse', 'consommer', avantExpiration, 'rembourse'],
  ['rembourse', 'rembourser', avantExpiration, 'rembourse'],
  ['rembourse', 'expirer', entreExpirationEtFinRemboursement, 'rembourse'],
];

describe('stamp lifecycle table', () => {
  it('lists every status × event pair exactly once', () => {
    expect(TABLE).toHaveLength(STATUTS.length * EVENEMENTS.length);
    expect(new Set(TABLE.map(([s, e]) => `${s}:${e}`)).size).toBe(TABLE.length);
  });

  it.each(TABLE)('%s + %s → %s', (statut, evenement, at, attendu) => {
    const r = transition(timbre(statut), evenement, { nom: 'test', at, usageAttendu: 'passeport-majeur' });
    if (r.ok) expect(r.vers).toBe(attendu);
    else expect(r.motif).toBe(attendu);
    if (STATUTS_FINAUX.includes(statut)) expect(r.ok).toBe(false);
  });

  it('guards: consumption needs the right usage and an unexpired stamp', () => {
    expect(transition(timbre('valide'), 'consommer', { nom: 'a', at: avantExpiration, usageAttendu: 'cni-perte-vol' })).toEqual({ ok: false, motif: 'usage-different' });
    expect(transition(timbre('valide'), 'consommer', { nom: 'a', at: avantExpiration })).toEqual({ ok: false, motif: 'usage-different' });
    expect(transition(timbre('valide'), 'consommer', { nom: 'a', at: expireLe, usageAttendu: 'passeport-majeur' })).toEqual({ ok: false, motif: 'expire' });
  });

  it('guards: refund only inside the window, expiry only once due', () => {
    expect(transition(timbre('valide'), 'rembourser', { nom: 'a', at: apresFinRemboursement })).toEqual({ ok: false, motif: 'hors-delai-remboursement' });
    expect(transition(timbre('expire'), 'rembourser', { nom: 'a', at: apresFinRemboursement })).toEqual({ ok: false, motif: 'hors-delai-remboursement' });
    expect(transition(timbre('valide'), 'expirer', { nom: 'a', at: avantExpiration })).toEqual({ ok: false, motif: 'non-expire' });
  });

  it('shows a valid row past its date as expired', () => {
    expect(statutEffectif(timbre('valide'), avantExpiration)).toBe('valide');
    expect(statutEffectif(timbre('valide'), entreExpirationEtFinRemboursement)).toBe('expire');
    expect(statutEffectif(timbre('consomme'), entreExpirationEtFinRemboursement)).toBe('consomme');
    expect(achat.getTime()).toBeLessThan(expireLe.getTime());
  });
});
