import type { MessageTemplate } from '../../kernel/notifications/templates.ts';

/** Number and link only: the answers themselves never travel by email. */
export const preDemandeValidee: MessageTemplate<{ service: string; numero: string; lien: string; expiration: string }> = {
  name: 'pre-demande.validee',
  version: 1,
  channel: 'email',
  render: (v) => ({
    subject: `${v.service} : votre numéro de pré-demande ${v.numero}`,
    text: [
      'Bonjour,',
      '',
      `Votre pré-demande est validée. Son numéro : ${v.numero}`,
      `Elle est valable jusqu’au ${v.expiration}.`,
      '',
      'Votre QR code, votre récapitulatif à imprimer et la liste des pièces à apporter sont dans votre espace :',
      v.lien,
      '',
      'Présentez-vous ensuite dans une mairie équipée d’un dispositif de recueil, avec ce numéro et vos justificatifs.',
    ].join('\n'),
  }),
};

export const rappelExpiration: MessageTemplate<{ service: string; numero: string; lien: string; expiration: string }> = {
  name: 'pre-demande.rappel-expiration',
  version: 1,
  channel: 'email',
  render: (v) => ({
    subject: `${v.service} : votre pré-demande ${v.numero} expire bientôt`,
    text: [
      'Bonjour,',
      '',
      `Votre pré-demande ${v.numero} expire le ${v.expiration}. Déposez-la avant cette date dans une mairie équipée d’un dispositif de recueil.`,
      'Passé ce délai, vous pourrez la refaire en un clic depuis votre espace, avec les mêmes réponses :',
      v.lien,
    ].join('\n'),
  }),
};

export const PRE_DEMANDE_TEMPLATES = [preDemandeValidee, rappelExpiration];
