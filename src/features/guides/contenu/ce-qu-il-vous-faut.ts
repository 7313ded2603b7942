/**
 * Words of the « Ce qu’il vous faut » page and sheet. The questions, the documents and the
 * prices are not here: they come from the pré-demande form, its rules and the stamp
 * catalogue, so this page cannot drift from them.
 */
export const CE_QU_IL_VOUS_FAUT = {
  titre: 'Ce qu’il vous faut avant de commencer',
  intro: [
    'Avant de faire votre pré-demande, préparez les réponses aux questions du formulaire et rassemblez les pièces à apporter en mairie.',
    'Choisissez votre situation pour voir exactement ce qui vous concerne, puis imprimez la fiche si vous le souhaitez.',
  ],
  filtres: {
    legende: 'Votre situation',
    bouton: 'Afficher ce qu’il me faut',
    /** Labels of the filter questions, shorter than the form's own. */
    libelles: { titre: 'Quel titre demandez-vous ?', motif: 'Pour quelle raison ?', pour: 'Pour qui ?' } as Record<string, string>,
    erreur: 'Choisissez une des réponses proposées.',
  },
  questions: {
    titre: 'Les questions du formulaire',
    intro: 'Le formulaire vous posera ces questions, dans cet ordre. Préparez les réponses avant de commencer.',
  },
  pieces: {
    titre: 'Les pièces à apporter en mairie',
    intro: 'Apportez les originaux. La liste exacte vous sera redonnée à la fin de votre pré-demande.',
  },
  pieceTimbre: 'Le timbre fiscal électronique (son numéro suffit)',
  cout: {
    titre: 'Combien ça coûte ?',
    gratuit: 'Rien à payer : la carte d’identité est gratuite pour une première demande ou un renouvellement.',
    timbre: 'Un timbre fiscal est à acheter avant le rendez-vous en mairie :',
    lienTimbre: 'Acheter un timbre fiscal',
  },
  /** Which catalogue entries price each title; the amounts themselves come from the catalogue. */
  codesTimbre: {
    passeport: { moi: ['passeport-majeur'], mineur: ['passeport-mineur-15', 'passeport-mineur-moins-15'] },
    cni: { moi: ['cni-perte-vol'], mineur: ['cni-perte-vol'] },
  } as Record<'passeport' | 'cni', Record<'moi' | 'mineur', string[]>>,
  si: (reponses: string[], question: string) => `Si vous répondez ${reponses.map((r) => `« ${r} »`).join(' ou ')} à « ${question} »`,
  sauf: (reponses: string[], question: string) => `Sauf si vous répondez ${reponses.map((r) => `« ${r} »`).join(' ou ')} à « ${question} »`,
  selon: 'Selon vos réponses précédentes',
  /** Between conditions on different questions. */
  ou: ' ; ou ',
  fiche: {
    lien: 'Télécharger la fiche à imprimer (PDF)',
    titre: 'Ce qu’il vous faut — fiche à imprimer',
    pied: 'Cette fiche est produite à partir du formulaire et du catalogue des timbres en vigueur le',
  },
  commencer: { libelle: 'Commencer ma pré-demande', href: '/mon-espace' },
};
