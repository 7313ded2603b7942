import { ageOn, type Answers } from '../../kernel/forms/index.ts';
import { timbresRequis, totalTimbres } from './tarifs.ts';

/**
 * The personal list of documents to bring to the mairie, from a table of rules: each
 * rule says when it applies, what to bring and, in a few words, why.
 */
export interface Justificatif {
  id: string;
  libelle: string;
  pourquoi: string;
}

interface Regle {
  id: string;
  quand: (a: Answers, jour: string) => boolean;
  libelle: (a: Answers, jour: string) => string;
  pourquoi: string;
}

const titreSecuriseRemplace = (a: Answers) => a.motif === 'renouvellement' || a.motif === 'deterioration' || a.motif === 'changement-etat-civil';
// Without a previous title to show, identity and nationality must be proved from scratch.
const sansTitreAPresenter = (a: Answers) => a.motif === 'premiere' || a.motif === 'perte' || a.motif === 'vol';

export const REGLES: readonly Regle[] = [
  {
    id: 'photo',
    quand: () => true,
    libelle: () => 'Une photo d’identité de moins de 6 mois, conforme aux normes (ou son code de photo numérique)',
    pourquoi: 'Elle est imprimée sur le titre.',
  },
  {
    id: 'domicile',
    quand: (a) => a.heberge !== 'oui',
    libelle: () => 'Un justificatif de domicile de moins d’un an à votre nom (facture, avis d’imposition, quittance…)',
    pourquoi: 'L’adresse figure dans le dossier et détermine la commune de rattachement.',
  },
  {
    id: 'hebergement',
    quand: (a) => a.heberge === 'oui',
    libelle: () => 'Une attestation d’hébergement signée, la pièce d’identité et un justificatif de domicile de moins d’un an de la personne qui vous héberge',
    pourquoi: 'Vous n’avez pas de justificatif à votre nom : l’hébergeant atteste de votre adresse.',
  },
  {
    id: 'ancien-titre',
    quand: titreSecuriseRemplace,
    libelle: (a) => `Votre ${a.titre === 'passeport' ? 'passeport' : a.titre === 'cni' ? 'carte d’identité' : 'ancienne carte d’identité et/ou ancien passeport'} à remplacer`,
    pourquoi: 'Il est restitué en mairie et prouve votre identité.',
  },
  {
    id: 'declaration-perte',
    quand: (a) => a.motif === 'perte',
    libelle: () => 'La déclaration de perte (remplie en mairie au moment de la demande, ou formulaire cerfa n° 14011)',
    pourquoi: 'Le titre perdu est annulé pour qu’il ne puisse pas être utilisé par un autre.',
  },
  {
    id: 'declaration-vol',
    quand: (a) => a.motif === 'vol',
    libelle: () => 'Le récépissé de déclaration de vol remis par la police ou la gendarmerie',
    pourquoi: 'Le titre volé est signalé et annulé.',
  },
  {
    id: 'acte-naissance',
    quand: (a) => sansTitreAPresenter(a),
    libelle: (a) =>
      a.lieuNaissance === 'etranger'
        ? 'Rien à fournir si votre naissance est transcrite à l’état civil français (le service central d’état civil est raccordé à la vérification dématérialisée) ; sinon une copie intégrale de l’acte de naissance de moins de 3 mois'
        : `Une copie intégrale ou un extrait avec filiation de l’acte de naissance de moins de 3 mois, seulement si ${a.communeNaissance ? `la commune de ${a.communeNaissance}` : 'votre commune de naissance'} n’est pas raccordée à la vérification dématérialisée (COMEDEC)`,
    pourquoi: 'Sans ancien titre à présenter, l’état civil est vérifié à la source.',
  },
  {
    id: 'nationalite',
    quand: (a) => sansTitreAPresenter(a) && a.nationalite !== undefined && a.nationalite !== 'double-droit-du-sol',
    libelle: (a) =>
      a.nationalite === 'naturalisation'
        ? 'Le décret de naturalisation (ampliation) ou un certificat de nationalité française'
        : a.nationalite === 'declaration'
          ? 'La déclaration d’acquisition de la nationalité française enregistrée'
          : 'Un certificat de nationalité française, ou l’acte de naissance du parent français',
    pourquoi: 'L’acte de naissance seul ne prouve pas la nationalité française dans votre situation.',
  },
  {
    id: 'nom-usage',
    quand: (a) => Boolean(a.nomUsage),
    libelle: (a) =>
      a.motifNomUsage === 'veuvage' ? 'L’acte de décès du conjoint' : a.motifNomUsage === 'parent' ? 'L’accord écrit de l’autre parent si la personne est mineure' : 'L’acte de mariage (ou le livret de famille)',
    pourquoi: 'Le nom d’usage n’est inscrit que sur justificatif.',
  },
  {
    id: 'changement-etat-civil',
    quand: (a) => a.motif === 'changement-etat-civil',
    libelle: () => 'Le document qui établit le changement (acte de naissance mis à jour, jugement, acte de mariage…)',
    pourquoi: 'Le nouveau titre reprend le nouvel état civil.',
  },
  {
    id: 'representant',
    quand: (a) => a.pour === 'mineur',
    libelle: (a) => (a.representantQualite === 'tuteur' ? 'Votre pièce d’identité et le jugement de tutelle' : 'Votre pièce d’identité de parent (représentant légal)'),
    pourquoi: 'La demande d’un mineur est faite par son représentant légal, présent en mairie avec lui.',
  },
  {
    id: 'timbre',
    quand: (a, jour) => timbresRequis(a, jour).length > 0,
    libelle: (a, jour) => {
      const stamps = timbresRequis(a, jour);
      const bought = [a.numeroTimbre, a.numeroTimbre2].filter(Boolean).length;
      return `${stamps.length > 1 ? `${stamps.length} timbres fiscaux` : 'Un timbre fiscal'} (${totalTimbres(stamps)} € au total)${bought >= stamps.length ? ' : déjà acheté, numéro enregistré' : ''}`;
    },
    pourquoi: 'Le passeport est payant ; la carte d’identité ne l’est qu’en cas de perte ou de vol.',
  },
  {
    id: 'presence-mineur',
    quand: (a) => a.pour === 'mineur',
    libelle: (a, jour) => `La présence de l’enfant au dépôt${a.dateNaissance && ageOn(a.dateNaissance, jour) >= 12 ? ' : ses empreintes seront relevées' : ''}`,
    pourquoi: 'L’identité du mineur est vérifiée au dispositif de recueil ; les empreintes sont relevées à partir de 12 ans.',
  },
];

export function justificatifs(answers: Answers, jour: string): Justificatif[] {
  return REGLES.filter((regle) => regle.quand(answers, jour)).map((regle) => ({ id: regle.id, libelle: regle.libelle(answers, jour), pourquoi: regle.pourquoi }));
}
