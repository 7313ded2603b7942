/** Words of the guides' own pages (index, notice), apart from the guides themselves. */
export const PAGES = {
  index: {
    titre: 'Guides pas à pas',
    intro: 'Chaque guide explique une démarche étape par étape et vous mène directement à la bonne page. Vous pouvez aussi les imprimer.',
    ceQuIlVousFaut: {
      titre: 'Ce qu’il vous faut avant de commencer',
      href: '/guides/ce-qu-il-vous-faut',
      resume: 'Les questions du formulaire, les pièces à apporter et le prix, selon votre situation.',
    },
  },
  guide: {
    prealable: 'Avant de commencer',
    tarifs: 'Les prix du timbre fiscal',
    colonneTimbre: 'Timbre',
    colonnePrix: 'Prix',
    imprimer: 'Pour garder ce guide sur papier, utilisez la fonction « Imprimer » de votre navigateur : les adresses des pages sont alors écrites en toutes lettres.',
  },
  bientot: {
    titre: 'Bientôt disponible',
    texte: 'Cette page n’est pas encore disponible sur le site. Elle le sera bientôt. En attendant, une mairie ou un espace numérique proche de chez vous peut vous aider.',
    pageDemandee: (page: string) => `Page demandée : ${page}`,
    retourGuides: 'Revenir aux guides',
    ouAller: 'Trouver un lieu d’accueil',
  },
};
