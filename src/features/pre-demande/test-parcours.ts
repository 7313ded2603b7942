import type { TestClient } from '../../kernel/testing/test-client.ts';

/**
 * Answers of a whole pré-demande, step by step, as a person would type them. Tests
 * override what they need; steps the answers do not lead to are skipped by the engine.
 */
export type Saisie = Array<[etape: string, champs: Record<string, string>]>;

export function adultePasseportRenouvellement(overrides: Record<string, Record<string, string>> = {}): Saisie {
  const steps: Saisie = [
    ['titre', { titre: 'passeport', motif: 'renouvellement', pour: 'moi' }],
    ['etat-civil', { nomNaissance: 'de La Fontaine', nomUsage: '', motifNomUsage: '', prenom1: 'Jean-Édouard', prenom2: 'Marie', prenom3: '', sexe: 'M', dateNaissance: '14/05/1980' }],
    ['naissance', { lieuNaissance: 'france' }],
    ['naissance-france', { communeNaissance: 'Périgueux', departementNaissance: '24' }],
    ['nationalite', { nationalite: 'double-droit-du-sol' }],
    ['signalement', { taille: '178', yeux: 'marron' }],
    ['adresse', { adresse: '2 rue Paul Louis Courier', complementAdresse: '', codePostal: '24000', commune: 'Périgueux', heberge: 'non' }],
    ['contact', { mobile: '06 12 34 56 78', email: 'jean.edouard@exemple.fr' }],
    ['filiation', { parent1Connu: 'oui', parent2Connu: 'non' }],
    ['parent-1', { parent1Nom: 'de La Fontaine', parent1Prenoms: 'Pierre Louis', parent1DateNaissance: '02/03/1950', parent1LieuNaissance: 'Bergerac (24)' }],
    ['ancien-titre', { ancienNumero: '12AB34567', ancienDateDelivrance: '01/06/2015', ancienLieuDelivrance: 'Préfecture de la Dordogne' }],
    ['timbre', { numeroTimbre: '', numeroTimbre2: '' }],
  ];
  return steps.map(([etape, champs]) => [etape, { ...champs, ...overrides[etape] }]);
}

export function mineurCni(prenom: string, dateNaissance: string): Saisie {
  return adultePasseportRenouvellement({
    titre: { titre: 'cni', motif: 'premiere', pour: 'mineur' },
    'etat-civil': { prenom1: prenom, prenom2: '', sexe: 'F', dateNaissance },
    'parent-1': { parent1DateNaissance: '02/03/1980' },
  })
    .filter(([etape]) => etape !== 'ancien-titre' && etape !== 'timbre')
    .concat([['representant', { representantQualite: 'pere', representantNom: 'de La Fontaine', representantPrenoms: 'Jean-Édouard' }]]);
}

/** Starts a pré-demande from "Mon espace identité"; returns its id. */
export async function commencer(client: TestClient): Promise<string> {
  await client.get('/mon-espace');
  const created = await client.post('/pre-demande/nouvelle');
  const match = /^\/pre-demande\/([0-9a-f-]{36})\/titre$/.exec(String(created.headers.location));
  if (!match) throw new Error(`création refusée : ${created.statusCode} ${created.headers.location}`);
  return match[1]!;
}

/** Fills every step in order; each must be open, then accepted with a redirect. */
export async function remplir(client: TestClient, id: string, saisie: Saisie) {
  for (const [etape, champs] of saisie) {
    const page = await client.get(`/pre-demande/${id}/${etape}`);
    if (page.statusCode !== 200) throw new Error(`${etape} fermée (${page.statusCode} vers ${page.headers.location})`);
    const response = await client.post(`/pre-demande/${id}/${etape}`, champs);
    if (response.statusCode !== 303) throw new Error(`${etape} refusée (${response.statusCode}) : ${/fr-message--error">([^<]+)/.exec(response.body)?.[1] ?? response.headers.location}`);
  }
}
