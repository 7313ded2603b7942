import { describe, expect, it } from 'vitest';
import { checkJourney, EMPTY_STATE, type Journey, type JourneyState } from './journey.ts';
import { answersOnPath, applyStep, canOpen, progress, validateStep } from './progress.ts';
import { ageOn, kernelValidators, normaliseDate } from './validators.ts';

const validators = kernelValidators(() => '2026-06-01');

// A tiny journey with one branch: a person born abroad is asked for a country, not a département.
const journey: Journey = {
  name: 'essai',
  fields: {
    nom: { type: 'text', validators: ['required', ['maxLength', 20]] },
    naissance: { type: 'date', validators: ['required', 'date', 'pastDate'] },
    lieu: { type: 'radio', options: ['france', 'etranger'], validators: ['required'], invalidates: ['departement', 'pays'] },
    departement: { type: 'text', validators: ['required'] },
    pays: { type: 'text', validators: ['required'] },
    surnom: { type: 'text' },
    parent: { type: 'date', validators: ['date', ['beforeField', 'naissance']] },
  },
  steps: [
    { path: 'identite', fields: ['nom', 'naissance'], next: ['lieu'] },
    { path: 'lieu', fields: ['lieu'], next: [{ to: 'france', when: { field: 'lieu', is: 'france' } }, 'etranger'] },
    { path: 'france', fields: ['departement'], next: ['options'] },
    { path: 'etranger', fields: ['pays'], next: ['options'] },
    { path: 'options', fields: ['surnom', 'parent'], next: ['verifier'], prerequisites: ['identite'] },
  ],
  recap: 'verifier',
};

function submit(state: JourneyState, path: string, input: Record<string, string>) {
  const step = journey.steps.find((s) => s.path === path)!;
  const outcome = validateStep(journey, step, input, state, validators);
  if (Object.keys(outcome.errors).length > 0) throw new Error(JSON.stringify(outcome.errors));
  return applyStep(journey, step, outcome.values, state);
}

describe('form journey progress', () => {
  it('finds no wiring problem in a well described journey, and names each broken link', () => {
    expect(checkJourney(journey)).toEqual([]);
    const broken: Journey = { ...journey, steps: [{ path: 'a', fields: ['inconnu'], next: ['nulle-part'], prerequisites: ['b'] }] };
    expect(checkJourney(broken)).toEqual(['a : champ inconnu inconnu', 'a : suite inconnue nulle-part', 'a : prérequis inconnu b']);
  });

  it('opens only the entry step of an empty draft, and refuses skipped steps', () => {
    expect(progress(journey, EMPTY_STATE, validators).current).toBe('identite');
    expect(canOpen(journey, 'identite', EMPTY_STATE, validators)).toBe(true);
    expect(canOpen(journey, 'lieu', EMPTY_STATE, validators)).toBe(false);
    expect(canOpen(journey, 'verifier', EMPTY_STATE, validators)).toBe(false);
  });

  it('follows the branch chosen by the answers up to the recap', () => {
    let state = submit(EMPTY_STATE, 'identite', { nom: 'Dupont', naissance: '14/05/2010' });
    state = submit(state, 'lieu', { lieu: 'etranger' });
    expect(progress(journey, state, validators).current).toBe('etranger');
    expect(canOpen(journey, 'france', state, validators)).toBe(false);
    state = submit(state, 'etranger', { pays: 'Belgique' });
    state = submit(state, 'options', { surnom: '', parent: '' });
    expect(progress(journey, state, validators).current).toBe('verifier');
    expect(answersOnPath(journey, state, validators)).toEqual({ nom: 'Dupont', naissance: '2010-05-14', lieu: 'etranger', pays: 'Belgique' });
  });

  it('drops invalidated answers when an answer changes, so the new branch is asked', () => {
    let state = submit(EMPTY_STATE, 'identite', { nom: 'Dupont', naissance: '2010-05-14' });
    state = submit(state, 'lieu', { lieu: 'etranger' });
    state = submit(state, 'etranger', { pays: 'Belgique' });
    state = submit(state, 'options', {});
    state = submit(state, 'lieu', { lieu: 'france' });
    expect(state.answers.pays).toBeUndefined();
    expect(progress(journey, state, validators).current).toBe('france');
    // Same answer again: nothing is dropped.
    const again = submit(submit(state, 'france', { departement: '24' }), 'lieu', { lieu: 'france' });
    expect(again.answers.departement).toBe('24');
  });

  it('treats fields as optional unless required, and names the first refusing validator', () => {
    const step = journey.steps[0]!;
    expect(validateStep(journey, step, { nom: '', naissance: '2030-01-01' }, EMPTY_STATE, validators).errors).toEqual({ nom: 'required', naissance: 'pastDate' });
    expect(validateStep(journey, step, { nom: 'x'.repeat(21), naissance: '31/02/2010' }, EMPTY_STATE, validators).errors).toEqual({ nom: 'maxLength', naissance: 'date' });
    const lieu = journey.steps[1]!;
    expect(validateStep(journey, lieu, { lieu: 'lune' }, EMPTY_STATE, validators).errors).toEqual({ lieu: 'options' });
    const options = journey.steps[4]!;
    const state = { answers: { naissance: '2010-05-14' }, completed: [] };
    expect(validateStep(journey, options, { parent: '2012-01-01' }, state, validators).errors).toEqual({ parent: 'beforeField' });
    expect(validateStep(journey, options, { parent: '1980-01-01' }, state, validators).errors).toEqual({});
  });

  it('reads the dates people type and computes an age on a given day', () => {
    expect(normaliseDate('4/5/2010')).toBe('2010-05-04');
    expect(normaliseDate('2010-05-04')).toBe('2010-05-04');
    expect(ageOn('2010-05-14', '2025-05-13')).toBe(14);
    expect(ageOn('2010-05-14', '2025-05-14')).toBe(15);
  });
});
