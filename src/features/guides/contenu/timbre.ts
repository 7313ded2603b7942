import type { ContenuGuide } from '../types.ts';

/** « L’achat du timbre fiscal électronique », steps #0 to #8 of the kit. */
export const GUIDE_TIMBRE: ContenuGuide = {
  slug: 'timbre',
  titre: 'Acheter un timbre fiscal électronique',
  resume: 'Payer en ligne le timbre du passeport, ou de la carte d’identité perdue ou volée.',
  intro: [
    'Le timbre fiscal électronique s’achète en ligne et se paie par carte bancaire. Vous le recevez tout de suite par courriel ou par SMS.',
    'En mairie, il suffit de donner son numéro : rien à imprimer ni à coller.',
    'La carte d’identité est gratuite pour une première demande ou un renouvellement : pas de timbre dans ce cas.',
  ],
  tarifsAffiches: ['passeport-majeur', 'passeport-mineur-15', 'passeport-mineur-moins-15', 'cni-perte-vol'],
  etapes: [
    {
      numero: 0,
      titre: 'Si je n’ai pas d’adresse électronique, j’en crée une, ou je choisis le SMS',
      paragraphes: ['Le timbre vous est envoyé par courriel ou par SMS. Sans adresse électronique, vous pouvez donc le recevoir sur votre téléphone portable.'],
      lien: { libelle: 'Créer une adresse électronique', cible: '/guides/adresse-electronique' },
    },
    {
      numero: 1,
      titre: 'Je commence mon achat',
      paragraphes: ['Allez sur la boutique du timbre fiscal. Vous n’avez pas besoin de compte pour acheter un timbre.'],
      lien: { libelle: 'Ouvrir la boutique du timbre', cible: '/timbre' },
    },
    {
      numero: 2,
      titre: 'Je choisis mon timbre',
      paragraphes: [
        'Indiquez la démarche (passeport ou carte d’identité) et, pour un passeport, l’âge de la personne.',
        'Passeport : {prix:passeport-majeur} pour un adulte, {prix:passeport-mineur-15} de 15 à 17 ans, {prix:passeport-mineur-moins-15} avant 15 ans. Carte d’identité perdue ou volée : {prix:cni-perte-vol}.',
      ],
      lien: { libelle: 'Choisir ma démarche', cible: '/timbre/demarche' },
    },
    {
      numero: 3,
      titre: 'Je remplis le formulaire',
      paragraphes: ['Vérifiez le timbre proposé et son prix, puis indiquez le nombre de timbres : un par demande de titre.'],
      lien: { libelle: 'Remplir le formulaire', cible: '/timbre/formulaire' },
    },
    {
      numero: 4,
      titre: 'J’ajoute cet achat à mon panier',
      paragraphes: ['En validant le formulaire, le timbre est ajouté à votre panier.'],
      lien: { libelle: 'Ajouter mon timbre au panier', cible: '/timbre/formulaire' },
    },
    {
      numero: 5,
      titre: 'Je vérifie mon panier',
      paragraphes: ['Le panier affiche chaque timbre, son prix et le total. Vous pouvez changer le nombre de timbres ou en retirer un.'],
      lien: { libelle: 'Voir mon panier', cible: '/timbre/panier' },
    },
    {
      numero: 6,
      titre: 'Je choisis comment recevoir mon timbre : courriel ou SMS',
      paragraphes: ['Donnez votre adresse électronique, ou votre numéro de téléphone portable pour le recevoir par SMS.'],
      lien: { libelle: 'Choisir la réception', cible: '/timbre/reception' },
    },
    {
      numero: 7,
      titre: 'Je valide mon panier ou j’achète un autre timbre',
      paragraphes: ['Relisez votre commande. Vous pouvez encore ajouter un timbre, par exemple pour un autre membre de votre famille.'],
      lien: { libelle: 'Valider mon panier', cible: '/timbre/validation' },
    },
    {
      numero: 8,
      titre: 'Je paie par carte bancaire et je reçois mon timbre',
      paragraphes: [
        'Le paiement se fait sur la page sécurisée de la banque. Dès qu’il est accepté, vous recevez votre timbre par courriel ou par SMS, et vous pouvez le télécharger.',
        'Notez son numéro dans votre pré-demande, ou donnez-le à l’agent de mairie.',
      ],
      lien: { libelle: 'Retrouver mon timbre après le paiement', cible: '/timbre/confirmation' },
    },
  ],
};
