import type { Answers, Condition, FieldDef, Journey, NextRule, Today } from '../../kernel/forms/index.ts';
import { timbresRequis } from './tarifs.ts';

/**
 * The pré-demande form as data: which questions, in which order, and which answers open
 * which steps. Words are in contenu.ts; rules beyond one field in validateurs.ts.
 */
export const MOTIFS_ANCIEN_TITRE = ['renouvellement', 'perte', 'vol', 'deterioration', 'changement-etat-civil'] as const;

const ancienTitre: Condition = { field: 'motif', is: MOTIFS_ANCIEN_TITRE };
const mineur: Condition = { field: 'pour', is: 'mineur' };
const vers = (...targets: Array<[string, Condition]>): NextRule[] => [...targets.map(([to, when]) => ({ to, when })), 'verifier'];

const nom: FieldDef = { type: 'text', validators: ['required', 'nom'], maxLength: 80, autocomplete: 'family-name' };
const prenom: FieldDef = { type: 'text', validators: ['nom'], maxLength: 60 };
const parent = (n: 1 | 2): Record<string, FieldDef> => ({
  [`parent${n}Nom`]: { ...nom, autocomplete: 'off' },
  [`parent${n}Prenoms`]: { type: 'text', validators: ['required', 'prenoms'], maxLength: 120 },
  [`parent${n}DateNaissance`]: { type: 'date', validators: ['date', 'pastDate', ['after', '1880-01-01'], ['beforeField', 'dateNaissance']] },
  [`parent${n}LieuNaissance`]: { type: 'text', validators: ['lieu'], maxLength: 80 },
});

export function parcoursPreDemande(today: Today): Journey {
  // The stamp's price depends on the age on the day of the recueil; today is the best estimate
  // while filling in (the step itself warns when a birthday changes the price).
  const timbre: Condition = (answers: Answers) => timbresRequis(answers, today()).length > 0;
  const apresFiliation = vers(['ancien-titre', ancienTitre], ['representant', mineur], ['timbre', timbre]);
  return {
  name: 'pre-demande',
  recap: 'verifier',
  fields: {
    titre: { type: 'radio', options: ['cni', 'passeport', 'les-deux'], validators: ['required'] },
    motif: {
      type: 'radio',
      options: ['premiere', 'renouvellement', 'perte', 'vol', 'deterioration', 'changement-etat-civil'],
      validators: ['required'],
      invalidates: ['ancienNumero', 'ancienDateDelivrance', 'ancienLieuDelivrance'],
    },
    pour: { type: 'radio', options: ['moi', 'mineur'], validators: ['required'], invalidates: ['representantQualite', 'representantNom', 'representantPrenoms'] },

    nomNaissance: nom,
    nomUsage: { type: 'text', validators: ['nom'], maxLength: 80 },
    motifNomUsage: { type: 'radio', options: ['mariage', 'veuvage', 'parent'], validators: [['requiredWith', 'nomUsage']] },
    prenom1: { ...prenom, validators: ['required', 'nom'], autocomplete: 'given-name' },
    prenom2: prenom,
    prenom3: prenom,
    sexe: { type: 'radio', options: ['F', 'M'], validators: ['required'] },
    dateNaissance: { type: 'date', validators: ['required', 'date', 'pastDate', ['after', '1900-01-01'], 'ageCoherent'], autocomplete: 'bday' },

    lieuNaissance: { type: 'radio', options: ['france', 'etranger'], validators: ['required'], invalidates: ['communeNaissance', 'departementNaissance', 'villeNaissance', 'paysNaissance'] },
    communeNaissance: { type: 'text', validators: ['required', 'lieu'], maxLength: 80 },
    departementNaissance: { type: 'text', validators: ['required', 'departement'], maxLength: 3 },
    villeNaissance: { type: 'text', validators: ['required', 'lieu'], maxLength: 80 },
    paysNaissance: { type: 'text', validators: ['required', 'lieu'], maxLength: 80 },
    nationalite: { type: 'radio', options: ['double-droit-du-sol', 'filiation', 'naturalisation', 'declaration', 'autre'], validators: ['required'] },

    taille: { type: 'number', validators: ['required', ['between', 40, 250]], maxLength: 3 },
    yeux: { type: 'select', options: ['bleus', 'gris', 'verts', 'noisette', 'marron', 'noirs', 'vairons'], validators: ['required'] },

    adresse: { type: 'text', validators: ['required'], maxLength: 120, autocomplete: 'address-line1' },
    complementAdresse: { type: 'text', maxLength: 120, autocomplete: 'address-line2' },
    codePostal: { type: 'text', validators: ['required', 'codePostal'], maxLength: 5, autocomplete: 'postal-code' },
    commune: { type: 'text', validators: ['required', 'lieu', 'communeDuCodePostal'], maxLength: 80, autocomplete: 'address-level2' },
    heberge: { type: 'radio', options: ['non', 'oui'], validators: ['required'], invalidates: ['hebergeurNom', 'hebergeurPrenom'] },
    hebergeurNom: nom,
    hebergeurPrenom: { ...prenom, validators: ['required', 'nom'] },

    mobile: { type: 'tel', validators: ['required', 'mobile'], maxLength: 20, autocomplete: 'tel' },
    email: { type: 'email', validators: ['required', 'email'], maxLength: 254, autocomplete: 'email' },

    parent1Connu: { type: 'radio', options: ['oui', 'non'], validators: ['required'] },
    parent2Connu: { type: 'radio', options: ['oui', 'non'], validators: ['required'] },
    ...parent(1),
    ...parent(2),

    ancienNumero: { type: 'text', validators: ['numeroTitre'], maxLength: 12 },
    ancienDateDelivrance: { type: 'date', validators: ['date', 'pastDate', ['after', '1950-01-01']] },
    ancienLieuDelivrance: { type: 'text', validators: ['lieu'], maxLength: 80 },

    representantQualite: { type: 'radio', options: ['mere', 'pere', 'tuteur'], validators: ['required'] },
    representantNom: nom,
    representantPrenoms: { type: 'text', validators: ['required', 'prenoms'], maxLength: 120 },

    numeroTimbre: { type: 'text', validators: ['numeroTimbre', 'clefTimbre'], maxLength: 19 },
    numeroTimbre2: { type: 'text', validators: ['numeroTimbre', 'clefTimbre'], maxLength: 19 },
  },
  steps: [
    { path: 'titre', fields: ['titre', 'motif', 'pour'], next: ['etat-civil'] },
    { path: 'etat-civil', fields: ['nomNaissance', 'nomUsage', 'motifNomUsage', 'prenom1', 'prenom2', 'prenom3', 'sexe', 'dateNaissance'], next: ['naissance'] },
    { path: 'naissance', fields: ['lieuNaissance'], next: [{ to: 'naissance-france', when: { field: 'lieuNaissance', is: 'france' } }, 'naissance-etranger'] },
    { path: 'naissance-france', fields: ['communeNaissance', 'departementNaissance'], next: ['nationalite'] },
    { path: 'naissance-etranger', fields: ['villeNaissance', 'paysNaissance'], next: ['nationalite'] },
    { path: 'nationalite', fields: ['nationalite'], next: ['signalement'] },
    { path: 'signalement', fields: ['taille', 'yeux'], next: ['adresse'] },
    { path: 'adresse', fields: ['adresse', 'complementAdresse', 'codePostal', 'commune', 'heberge'], next: [{ to: 'hebergement', when: { field: 'heberge', is: 'oui' } }, 'contact'] },
    { path: 'hebergement', fields: ['hebergeurNom', 'hebergeurPrenom'], next: ['contact'] },
    { path: 'contact', fields: ['mobile', 'email'], next: ['filiation'] },
    {
      path: 'filiation',
      fields: ['parent1Connu', 'parent2Connu'],
      next: [{ to: 'parent-1', when: { field: 'parent1Connu', is: 'oui' } }, { to: 'parent-2', when: { field: 'parent2Connu', is: 'oui' } }, ...apresFiliation],
    },
    { path: 'parent-1', fields: Object.keys(parent(1)), next: [{ to: 'parent-2', when: { field: 'parent2Connu', is: 'oui' } }, ...apresFiliation] },
    { path: 'parent-2', fields: Object.keys(parent(2)), next: apresFiliation },
    { path: 'ancien-titre', fields: ['ancienNumero', 'ancienDateDelivrance', 'ancienLieuDelivrance'], next: vers(['representant', mineur], ['timbre', timbre]) },
    { path: 'representant', fields: ['representantQualite', 'representantNom', 'representantPrenoms'], next: vers(['timbre', timbre]) },
    { path: 'timbre', fields: ['numeroTimbre', 'numeroTimbre2'], next: ['verifier'] },
  ],
  };
}
