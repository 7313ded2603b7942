import type { ContenuGuide } from '../types.ts';

/** « La pré-demande de carte d’identité ou de passeport », steps #0 to #8 of the kit. */
export const GUIDE_PRE_DEMANDE: ContenuGuide = {
  slug: 'pre-demande',
  titre: 'Faire sa pré-demande de carte d’identité ou de passeport',
  resume: 'Remplir votre demande en ligne avant d’aller en mairie, en 9 étapes.',
  intro: [
    'La pré-demande en ligne remplace le formulaire papier. Vous la remplissez chez vous ou dans un espace numérique, à votre rythme.',
    'En mairie, l’agent retrouve vos informations grâce à votre numéro de pré-demande : le rendez-vous est plus court et les erreurs de saisie sont évitées.',
  ],
  tarifsAffiches: [],
  etapes: [
    {
      numero: 0,
      titre: 'Si je n’ai pas d’adresse électronique, j’en crée une',
      paragraphes: ['Il vous faut une adresse électronique personnelle pour créer votre compte. Notre guide vous explique comment en créer une gratuitement.'],
      lien: { libelle: 'Créer une adresse électronique', cible: '/guides/adresse-electronique' },
    },
    {
      numero: 1,
      titre: 'Je crée mon compte',
      paragraphes: ['Donnez votre adresse électronique et choisissez un mot de passe. Nous vous envoyons aussitôt un message pour activer votre compte.'],
      lien: { libelle: 'Créer mon compte', cible: '/inscription' },
    },
    {
      numero: 2,
      titre: 'J’active mon compte',
      paragraphes: [
        'Ouvrez votre messagerie et cliquez sur le lien du message que nous vous avons envoyé, puis sur « Activer mon compte ».',
        'Vous ne trouvez pas le message ? Regardez dans les courriers indésirables (« spam »), ou demandez un nouveau lien.',
      ],
      lien: { libelle: 'Recevoir un nouveau lien d’activation', cible: '/inscription/renvoyer' },
    },
    {
      numero: 3,
      titre: 'Je me connecte et je vais dans « Mon espace identité »',
      paragraphes: ['Connectez-vous avec votre adresse électronique et votre mot de passe. Vous arrivez dans « Mon espace identité », où se trouvent toutes vos pré-demandes.'],
      lien: { libelle: 'Aller dans Mon espace identité', cible: '/mon-espace' },
    },
    {
      numero: 4,
      titre: 'Je remplis le formulaire et je valide ma demande',
      paragraphes: [
        'Dans « Mon espace identité », cliquez sur le bouton pour commencer une pré-demande. Le formulaire vous demande votre état civil, votre adresse, vos coordonnées et celles de vos parents.',
        'Avant de commencer, consultez la page « Ce qu’il vous faut » : elle liste toutes les questions du formulaire, par exemple les dates et lieux de naissance de vos parents.',
        'À la fin, relisez vos réponses et validez.',
      ],
      lien: { libelle: 'Commencer ma pré-demande', cible: '/mon-espace' },
    },
    {
      numero: 5,
      titre: 'Je note mon numéro de pré-demande',
      paragraphes: [
        'Une fois la pré-demande validée, vous obtenez un numéro de 10 caractères. Notez-le, ou imprimez le récapitulatif : il contient ce numéro et un code à flasher.',
        'Vous retrouvez ce numéro à tout moment dans « Mon espace identité ».',
      ],
      lien: { libelle: 'Retrouver mon numéro', cible: '/mon-espace' },
    },
    {
      numero: 6,
      titre: 'Je rassemble les pièces justificatives',
      paragraphes: [
        'La liste dépend de votre situation : photo d’identité, justificatif de domicile, ancien titre, déclaration de perte ou de vol…',
        'Le passeport est payant : le timbre fiscal coûte {prix:passeport-majeur} pour un adulte. La carte d’identité est gratuite, sauf en cas de perte ou de vol ({prix:cni-perte-vol}).',
      ],
      lien: { libelle: 'Voir la liste des pièces selon ma situation', cible: '/guides/ce-qu-il-vous-faut' },
    },
    {
      numero: 7,
      titre: 'Je vais dans une mairie équipée pour prendre mes empreintes',
      paragraphes: [
        'Seules certaines mairies disposent du dispositif de recueil des empreintes. Vous pouvez aller dans n’importe laquelle, même hors de votre commune. Beaucoup demandent de prendre rendez-vous.',
        'Apportez votre numéro de pré-demande et vos pièces justificatives.',
      ],
      lien: { libelle: 'Trouver la mairie équipée la plus proche', cible: '/ou-aller' },
    },
    {
      numero: 8,
      titre: 'Je reçois un SMS et je vais retirer mon titre en mairie',
      paragraphes: [
        'Quand votre carte ou votre passeport est prêt, vous recevez un SMS. Allez le retirer dans la mairie où vous avez déposé votre demande.',
        'Vous pouvez aussi suivre l’avancement de votre demande en ligne.',
      ],
      lien: { libelle: 'Suivre ma demande', cible: '/suivi' },
    },
  ],
};
