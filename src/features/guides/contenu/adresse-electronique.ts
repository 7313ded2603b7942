import type { ContenuGuide } from '../types.ts';

/** « Créer une adresse électronique », after the kit's « Créer une adresse email personnelle ». */
export const GUIDE_ADRESSE_ELECTRONIQUE: ContenuGuide = {
  slug: 'adresse-electronique',
  titre: 'Créer une adresse électronique',
  resume: 'Pour activer votre compte et recevoir votre timbre fiscal par courriel.',
  intro: [
    'Une adresse électronique (on dit aussi « adresse mél » ou « e-mail ») est gratuite. Elle vous sert à activer votre compte sur ce site : nous vous envoyons un lien pour le faire.',
    'Elle vous sert aussi à recevoir votre timbre fiscal électronique et les messages sur votre demande de carte d’identité ou de passeport.',
    'Choisissez une adresse à votre nom, que vous seul utilisez : c’est elle qui vous permet de retrouver votre compte si vous oubliez votre mot de passe.',
  ],
  tarifsAffiches: [],
  etapes: [
    {
      numero: 1,
      titre: 'Je choisis une messagerie',
      paragraphes: [
        'Plusieurs entreprises proposent des adresses gratuites, par exemple Gmail, Outlook, Yahoo, La Poste (laposte.net) ou Orange. La démarche est presque la même partout.',
        'Allez sur le site de la messagerie choisie et cliquez sur « Créer un compte ».',
      ],
    },
    {
      numero: 2,
      titre: 'Je donne les informations demandées',
      paragraphes: [
        'On vous demande en général votre nom, votre prénom, votre date de naissance et parfois votre sexe.',
        'Donnez vos vraies informations : elles servent à prouver que l’adresse est à vous si vous perdez l’accès à votre messagerie.',
      ],
    },
    {
      numero: 3,
      titre: 'Je choisis mon adresse',
      paragraphes: [
        'Votre adresse se termine par le nom de la messagerie, par exemple prenom.nom@gmail.com ou prenom.nom@laposte.net.',
        'Le plus simple est d’utiliser votre prénom et votre nom. Si cette adresse est déjà prise, ajoutez un chiffre ou votre deuxième prénom.',
        'Notez votre adresse sur papier : vous devrez la recopier sur ce site.',
      ],
    },
    {
      numero: 4,
      titre: 'Je choisis un mot de passe solide et facile à retenir',
      paragraphes: [
        'Un mot de passe comme « poissonrouge45 » semble original, mais il est faible : il est fait de mots du dictionnaire suivis de deux chiffres. Les logiciels des pirates essaient ces combinaisons en premier et le trouvent en quelques minutes.',
        'Préférez une phrase de passe : quatre ou cinq mots sans lien entre eux, par exemple « cerise-tracteur-lundi-violon ». Elle est longue, donc très difficile à deviner, et pourtant facile à retenir car vous pouvez vous en faire une image.',
        'N’utilisez ce mot de passe nulle part ailleurs et ne le donnez à personne, même à quelqu’un qui dit appeler de la part de votre messagerie.',
      ],
    },
    {
      numero: 5,
      titre: 'Je vérifie mon numéro de téléphone portable',
      paragraphes: [
        'La plupart des messageries demandent votre numéro de portable. Elles vous envoient un code par SMS : recopiez-le dans la case prévue.',
        'Ce numéro sert à récupérer votre messagerie si vous oubliez votre mot de passe.',
      ],
    },
    {
      numero: 6,
      titre: 'Je recopie le code de sécurité et je valide',
      paragraphes: [
        'On peut vous demander de recopier un code fait de lettres et de chiffres déformés, ou de cliquer sur des images. Cela prouve que vous n’êtes pas un robot.',
        'Cliquez sur « Valider » ou « Créer le compte ». Votre adresse électronique est créée !',
      ],
    },
    {
      numero: 7,
      titre: 'Je crée mon compte sur ce site',
      paragraphes: ['Avec votre nouvelle adresse, vous pouvez créer votre compte pour faire votre pré-demande de carte d’identité ou de passeport.'],
      lien: { libelle: 'Créer mon compte', cible: '/inscription' },
    },
  ],
  encadre: {
    titre: 'Vous n’avez pas d’adresse électronique ?',
    paragraphes: [
      'Sans adresse électronique, vous pouvez quand même acheter votre timbre fiscal : vous pouvez le recevoir par SMS sur votre téléphone portable.',
      'Un espace numérique près de chez vous peut aussi vous aider à créer votre adresse ou à faire votre pré-demande : des personnes y sont là pour vous accompagner.',
    ],
    liens: [
      { libelle: 'Trouver un espace numérique près de chez moi', cible: '/ou-aller' },
      { libelle: 'Acheter un timbre fiscal reçu par SMS', cible: '/timbre' },
    ],
  },
};
