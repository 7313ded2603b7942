import type { MessageTemplate } from '../../kernel/notifications/templates.ts';

export const invitationAgent: MessageTemplate<{ nom: string; role: string; lien: string; service: string; expiration: string }> = {
  name: 'comptes.invitation-agent',
  version: 1,
  channel: 'email',
  render: (v) => ({
    subject: `${v.service} : votre compte agent`,
    text: [
      `Bonjour ${v.nom},`,
      '',
      `Un compte « ${v.role} » vient d’être créé pour vous sur ${v.service}.`,
      'Pour choisir votre mot de passe et activer ce compte, ouvrez ce lien :',
      v.lien,
      '',
      `Ce lien ne sert qu’une fois et expire le ${v.expiration}.`,
      'Si vous n’attendiez pas ce message, ignorez-le : aucun compte ne sera activé.',
    ].join('\n'),
  }),
};

export const COMPTES_TEMPLATES = [invitationAgent];
