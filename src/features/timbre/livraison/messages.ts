import type { MessageTemplate } from '../../../kernel/notifications/templates.ts';
import { dateFr, euros } from '../contenu.ts';
import { formaterNumero } from '../numero.ts';
import { rendreTimbresPdf, type TimbreImprime } from './pdf.ts';

/** Values stored with the message: the stamps as JSON, the proof of payment, never the PDF. */
export type ValeursLivraison = { timbres: string; transaction: string; montant: string; payeLe: string; service: string };

export function lireTimbres(values: ValeursLivraison): TimbreImprime[] {
  return JSON.parse(values.timbres) as TimbreImprime[];
}

export const livraisonCourriel: MessageTemplate<ValeursLivraison> = {
  name: 'timbre.livraison-courriel',
  version: 1,
  channel: 'email',
  render: (v) => {
    const timbres = lireTimbres(v);
    return {
      subject: `${v.service} : votre timbre fiscal électronique (transaction ${v.transaction})`,
      text: [
        'Bonjour,',
        '',
        timbres.length > 1 ? 'Voici vos timbres fiscaux électroniques :' : 'Voici votre timbre fiscal électronique :',
        ...timbres.map((t) => `- ${formaterNumero(t.numero)} — ${t.libelle} — ${euros(t.montantCentimes)}, valable jusqu’au ${dateFr(new Date(t.expireLe))}`),
        '',
        `Transaction ${v.transaction}, ${euros(Number(v.montant))} payés le ${dateFr(new Date(v.payeLe))}.`,
        'Le PDF joint contient chaque timbre avec son code à présenter en mairie et la preuve de paiement.',
        'Le timbre n’est pas nominatif : ne le communiquez qu’à la mairie qui traite votre demande.',
      ].join('\n'),
      attachments: [
        {
          filename: `timbre-fiscal-${v.transaction}.pdf`,
          contentType: 'application/pdf',
          content: () => rendreTimbresPdf(timbres, { transaction: v.transaction, montantCentimes: Number(v.montant), payeLe: v.payeLe, service: v.service }),
        },
      ],
    };
  },
};

export const livraisonSms: MessageTemplate<ValeursLivraison> = {
  name: 'timbre.livraison-sms',
  version: 1,
  channel: 'sms',
  render: (v) => {
    const timbres = lireTimbres(v);
    const lignes = timbres.map((t) => `${formaterNumero(t.numero)} (${euros(t.montantCentimes)}, jusqu’au ${dateFr(new Date(t.expireLe))})`);
    return { text: `${v.service} — timbre fiscal : ${lignes.join(' ; ')}. Transaction ${v.transaction}, total ${euros(Number(v.montant))}.` };
  },
};

export const TIMBRE_TEMPLATES = [livraisonCourriel, livraisonSms];
