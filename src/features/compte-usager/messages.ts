import type { MessageTemplate } from '../../kernel/notifications/templates.ts';

type Lien = { service: string; lien: string; expiration: string };

export const activation: MessageTemplate<Lien> = {
  name: 'compte-usager.activation',
  version: 1,
  channel: 'email',
  render: (v) => ({
    subject: `${v.service} : activez votre compte`,
    text: [
      'Bonjour,',
      '',
      `Vous venez de créer un compte sur ${v.service} pour préparer votre demande de carte d’identité ou de passeport.`,
      'Pour activer ce compte, ouvrez ce lien :',
      v.lien,
      '',
      `Ce lien ne sert qu’une fois et expire le ${v.expiration}. Passé ce délai, demandez un nouveau lien depuis la page de connexion.`,
      'Si vous n’êtes pas à l’origine de cette inscription, ignorez ce message : le compte ne sera pas activé.',
    ].join('\n'),
  }),
};

export const inscriptionExistante: MessageTemplate<{ service: string; connexion: string; oubli: string }> = {
  name: 'compte-usager.inscription-existante',
  version: 1,
  channel: 'email',
  render: (v) => ({
    subject: `${v.service} : tentative d’inscription avec votre adresse`,
    text: [
      'Bonjour,',
      '',
      `Quelqu’un a demandé à créer un compte sur ${v.service} avec votre adresse électronique, alors que vous avez déjà un compte.`,
      'Si c’était vous, connectez-vous simplement :',
      v.connexion,
      'Mot de passe oublié ? Choisissez-en un nouveau ici :',
      v.oubli,
      '',
      'Si ce n’était pas vous, ignorez ce message : votre compte n’a pas été modifié.',
    ].join('\n'),
  }),
};

export const reinitialisation: MessageTemplate<Lien> = {
  name: 'compte-usager.reinitialisation',
  version: 1,
  channel: 'email',
  render: (v) => ({
    subject: `${v.service} : choisir un nouveau mot de passe`,
    text: [
      'Bonjour,',
      '',
      'Vous avez demandé à choisir un nouveau mot de passe. Ouvrez ce lien :',
      v.lien,
      '',
      `Ce lien ne sert qu’une fois et expire le ${v.expiration}.`,
      'Si vous n’avez rien demandé, ignorez ce message : votre mot de passe reste inchangé.',
    ].join('\n'),
  }),
};

export const motDePasseModifie: MessageTemplate<{ service: string; date: string }> = {
  name: 'compte-usager.mot-de-passe-modifie',
  version: 1,
  channel: 'email',
  render: (v) => ({
    subject: `${v.service} : votre mot de passe a été modifié`,
    text: [
      'Bonjour,',
      '',
      `Le mot de passe de votre compte a été modifié le ${v.date}. Toutes les autres connexions ont été fermées.`,
      'Si vous n’êtes pas à l’origine de ce changement, choisissez sans attendre un nouveau mot de passe depuis la page « Mot de passe oublié ».',
    ].join('\n'),
  }),
};

export const coordonneesModifiees: MessageTemplate<{ service: string; date: string; quoi: string }> = {
  name: 'compte-usager.coordonnees-modifiees',
  version: 1,
  channel: 'email',
  render: (v) => ({
    subject: `${v.service} : ${v.quoi} a été modifié(e)`,
    text: [
      'Bonjour,',
      '',
      `${v.quoi[0]!.toUpperCase()}${v.quoi.slice(1)} de votre compte a été modifié(e) le ${v.date}.`,
      'Si vous n’êtes pas à l’origine de ce changement, contactez la mairie ou la préfecture.',
    ].join('\n'),
  }),
};

export const confirmationAdresse: MessageTemplate<Lien> = {
  name: 'compte-usager.confirmation-adresse',
  version: 1,
  channel: 'email',
  render: (v) => ({
    subject: `${v.service} : confirmez votre nouvelle adresse électronique`,
    text: [
      'Bonjour,',
      '',
      `Vous avez demandé à utiliser cette adresse pour votre compte ${v.service}.`,
      'Pour confirmer ce changement, ouvrez ce lien :',
      v.lien,
      '',
      `Ce lien ne sert qu’une fois et expire le ${v.expiration}. Tant que vous ne l’avez pas ouvert, l’ancienne adresse reste celle du compte.`,
      'Si vous n’êtes pas à l’origine de cette demande, ignorez ce message : rien ne changera.',
    ].join('\n'),
  }),
};

export const changementAdresseDemande: MessageTemplate<{ service: string; date: string }> = {
  name: 'compte-usager.changement-adresse-demande',
  version: 1,
  channel: 'email',
  render: (v) => ({
    subject: `${v.service} : changement d’adresse électronique demandé`,
    text: [
      'Bonjour,',
      '',
      `Le ${v.date}, un changement de l’adresse électronique de votre compte a été demandé. Un lien de confirmation a été envoyé à la nouvelle adresse : le changement n’aura lieu que lorsqu’il sera ouvert.`,
      'Si vous n’êtes pas à l’origine de cette demande, changez votre mot de passe sans attendre (« Mot de passe oublié » sur la page de connexion) et contactez la mairie ou la préfecture.',
    ].join('\n'),
  }),
};

export const compteSupprime: MessageTemplate<{ service: string; date: string }> = {
  name: 'compte-usager.compte-supprime',
  version: 1,
  channel: 'email',
  render: (v) => ({
    subject: `${v.service} : votre compte a été supprimé`,
    text: [
      'Bonjour,',
      '',
      `Votre compte et vos pré-demandes ont été supprimés le ${v.date}, à votre demande.`,
      'Les demandes déjà déposées en mairie ne sont pas concernées : elles suivent leur cours.',
    ].join('\n'),
  }),
};

export const COMPTE_USAGER_TEMPLATES = [activation, inscriptionExistante, reinitialisation, motDePasseModifie, coordonneesModifiees, confirmationAdresse, changementAdresseDemande, compteSupprime];

export function dateFr(date: Date) {
  return date.toLocaleString('fr-FR', { timeZone: 'Europe/Paris', dateStyle: 'long', timeStyle: 'short' });
}
