import type { PageContext } from './page-context.ts';
import { Layout } from './layout.tsx';

export type SystemPage = 'not-found' | 'forbidden' | 'csrf' | 'too-many' | 'error' | 'bad-request' | 'saisie-interdite';

const CONTENT: Record<SystemPage, { title: string; lead: string; advice: string }> = {
  'not-found': {
    title: 'Page non trouvée',
    lead: 'La page que vous cherchez est introuvable. Excusez-nous pour la gêne occasionnée.',
    advice: 'Si vous avez tapé l’adresse dans votre navigateur, vérifiez qu’elle est correcte. La page n’est peut-être plus disponible.',
  },
  forbidden: {
    title: 'Accès refusé',
    lead: 'Vous n’avez pas les droits nécessaires pour consulter cette page.',
    advice: 'Si vous pensez qu’il s’agit d’une erreur, contactez l’administrateur de la plateforme.',
  },
  csrf: {
    title: 'Formulaire expiré',
    lead: 'Pour votre sécurité, ce formulaire n’est plus valable.',
    advice: 'Revenez à la page précédente, rechargez-la puis envoyez de nouveau le formulaire.',
  },
  'too-many': {
    title: 'Trop de tentatives',
    lead: 'Vous avez fait trop de tentatives en peu de temps.',
    advice: 'Patientez quelques minutes avant de réessayer.',
  },
  'bad-request': {
    title: 'Demande incorrecte',
    lead: 'La demande envoyée n’a pas pu être comprise.',
    advice: 'Revenez à la page précédente et réessayez.',
  },
  'saisie-interdite': {
    title: 'Saisie non valide',
    lead: 'La saisie contient un caractère invisible ou non valide (caractère de contrôle) : rien n’a été enregistré.',
    advice: 'Revenez à la page précédente, retirez ce caractère (il vient souvent d’un copier-coller) puis envoyez de nouveau le formulaire.',
  },
  error: {
    title: 'Erreur inattendue',
    lead: 'Désolé, le service rencontre un problème. Nous y travaillons pour le résoudre le plus rapidement possible.',
    advice: 'Essayez de rafraîchir la page ou réessayez plus tard.',
  },
};

export function SystemPageView({ ctx, kind, status }: { ctx: PageContext; kind: SystemPage; status: number }) {
  const content = CONTENT[kind];
  return (
    <Layout ctx={ctx} title={content.title}>
      <div class="fr-grid-row fr-grid-row--gutters">
        <div class="fr-col-12 fr-col-md-8">
          <h1>{content.title}</h1>
          <p class="fr-text--sm fr-mb-3w">Erreur {status}</p>
          <p class="fr-text--lead fr-mb-3w">{content.lead}</p>
          <p class="fr-mb-5w">{content.advice}</p>
          <ul class="fr-btns-group fr-btns-group--inline-md">
            <li>
              <a class="fr-btn" href="/">
                Page d’accueil
              </a>
            </li>
          </ul>
        </div>
      </div>
    </Layout>
  );
}
