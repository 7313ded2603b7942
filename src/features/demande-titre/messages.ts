import type { MessageTemplate } from '../../kernel/notifications/templates.ts';

type Valeurs = { numero: string; titre: string; mairie: string };

export const titreDisponibleSms: MessageTemplate<Valeurs> = {
  name: 'demande-titre.disponible-sms',
  version: 1,
  channel: 'sms',
  render: (v) => ({ text: `Votre ${v.titre} (demande ${v.numero}) est disponible à la mairie de ${v.mairie}. Présentez-vous muni de votre récépissé. Il doit être retiré sous 3 mois.` }),
};

export const titreDisponibleEmail: MessageTemplate<Valeurs> = {
  name: 'demande-titre.disponible-email',
  version: 1,
  channel: 'email',
  render: (v) => ({
    subject: `Votre ${v.titre} est disponible`,
    text: `Bonjour,\n\nVotre ${v.titre} (demande ${v.numero}) est disponible à la mairie de ${v.mairie}.\nPrésentez-vous muni de votre récépissé de demande et, en cas de renouvellement, de votre ancien titre.\nSans retrait dans un délai de 3 mois, le titre sera détruit.\n`,
  }),
};

export const complementDemande: MessageTemplate<Valeurs & { motif: string }> = {
  name: 'demande-titre.complement',
  version: 1,
  channel: 'email',
  render: (v) => ({
    subject: `Votre demande ${v.numero} : un complément est nécessaire`,
    text: `Bonjour,\n\nL’instruction de votre demande de ${v.titre} (${v.numero}) nécessite un complément :\n\n${v.motif}\n\nRapprochez-vous de la mairie de ${v.mairie}. Votre demande reste en attente jusque-là.\n`,
  }),
};

export const decisionRendue: MessageTemplate<Valeurs & { decision: string; motif: string }> = {
  name: 'demande-titre.decision',
  version: 1,
  channel: 'email',
  render: (v) => ({
    subject: `Votre demande ${v.numero} : ${v.decision}`,
    text: `Bonjour,\n\nVotre demande de ${v.titre} (${v.numero}) a été ${v.decision}.${v.motif ? `\n\nMotif : ${v.motif}` : ''}\n`,
  }),
};

export const rappelRetrait: MessageTemplate<Valeurs & { limite: string }> = {
  name: 'demande-titre.rappel-retrait',
  version: 1,
  channel: 'sms',
  render: (v) => ({ text: `Rappel : votre ${v.titre} (demande ${v.numero}) vous attend à la mairie de ${v.mairie}. Sans retrait avant le ${v.limite}, il sera détruit.` }),
};

export const DEMANDE_TITRE_TEMPLATES = [titreDisponibleSms, titreDisponibleEmail, complementDemande, decisionRendue, rappelRetrait];
