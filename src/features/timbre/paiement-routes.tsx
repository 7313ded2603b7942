import type { FastifyInstance } from 'fastify';
import { field } from '../../kernel/http/input.ts';
import type { PanierCookie } from './boutique-routes.tsx';
import type { PaiementService } from './paiement-service.ts';
import type { RemboursementService } from './remboursement-service.ts';
import { ConfirmationPage, PaiementNonAboutiPage, RemboursementFaitPage, RemboursementPage } from './vues-resultat.tsx';

export const CHEMIN_NOTIFICATION = '/timbre/paiement/notification';

/** Step #8: back from the bank, the confirmation and its PDF, the provider's webhook, refunds. */
export interface PaiementRoutesDeps {
  paiement: PaiementService;
  remboursement: RemboursementService;
  paniers: PanierCookie;
  cheminPreDemande?: ((numero: string) => Promise<string | undefined>) | undefined;
  now: () => Date;
}

/**
 * How long after the payment the confirmation page and its PDF show the stamps to this
 * browser. The cart cookie lives longer (7 days), and on a shared computer the next person
 * must not find the previous buyer's numbers: the e-mail or SMS is the lasting copy.
 */
export const CONFIRMATION_VISIBLE_MINUTES = 30;

export function registerPaiementRoutes(app: FastifyInstance, deps: PaiementRoutesDeps) {
  const { paiement, paniers } = deps;

  app.get('/timbre/retour', async (request, reply) => {
    const panier = await paniers.lire(request);
    const commande = panier && (await paiement.retour(panier.id));
    if (!commande) return reply.redirect('/timbre/panier', 303);
    if (commande.statut === 'payee') return reply.redirect('/timbre/confirmation', 303);
    return reply.page(<PaiementNonAboutiPage ctx={request.pageContext()} commande={commande} />);
  });

  const commandePayee = async (request: Parameters<PanierCookie['lire']>[0]) => {
    const panier = await paniers.lire(request);
    const commande = panier && (await paiement.derniereCommande(panier.id));
    if (commande?.statut !== 'payee' || !commande.payeeLe) return undefined;
    return deps.now().getTime() - commande.payeeLe.getTime() <= CONFIRMATION_VISIBLE_MINUTES * 60_000 ? commande : undefined;
  };
  app.get('/timbre/confirmation', async (request, reply) => {
    const commande = await commandePayee(request);
    if (!commande) return reply.redirect('/timbre', 303);
    const timbres = await paiement.timbres(commande.id);
    const libelles = new Map((await paiement.lignes(commande.id)).map((l) => [l.rang, l.libelle]));
    // The pré-demande's own page, by its internal id: its number stays out of every URL.
    const retourPreDemande = commande.preDemande && deps.cheminPreDemande ? await deps.cheminPreDemande(commande.preDemande) : undefined;
    return reply.page(<ConfirmationPage ctx={request.pageContext()} commande={commande} timbres={timbres} libelles={libelles} retourPreDemande={retourPreDemande} />);
  });
  app.get('/timbre/confirmation/timbres.pdf', async (request, reply) => {
    const commande = await commandePayee(request);
    if (!commande) return reply.sendPage('not-found');
    return reply
      .header('content-type', 'application/pdf')
      .header('content-disposition', `attachment; filename="timbre-fiscal-${commande.reference}.pdf"`)
      .header('cache-control', 'no-store')
      .send(await paiement.pdf(commande));
  });

  // The webhook needs the body exactly as signed, so this scope parses JSON as a raw string.
  app.register((scope, _options, done) => {
    scope.removeAllContentTypeParsers();
    scope.addContentTypeParser('*', { parseAs: 'string', bodyLimit: 16 * 1024 }, (_request, body, done) => done(null, body));
    scope.post(CHEMIN_NOTIFICATION, { config: { csrf: false } }, async (request, reply) => {
      const corps = typeof request.body === 'string' ? request.body : '';
      const signature = request.headers['x-sandbox-signature'];
      const issue = await paiement.recevoirNotification(corps, typeof signature === 'string' ? signature : undefined);
      request.log.info({ issue }, 'notification de paiement');
      if (issue === 'appliquee' || issue === 'deja-recue') return reply.send({ recu: true, issue });
      const status = issue === 'inconnue' ? 404 : issue === 'incoherente' ? 409 : 400;
      return reply.status(status).send({ recu: false, issue });
    });
    done();
  });

  app.get('/timbre/remboursement', async (request, reply) => reply.page(<RemboursementPage ctx={request.pageContext()} state={{}} />));
  app.post('/timbre/remboursement', async (request, reply) => {
    const numero = field(request.body, 'numero', 40);
    const transaction = field(request.body, 'transaction', 40);
    const resultat = await deps.remboursement.demander(numero, transaction, request.ip);
    if (resultat.ok) return reply.page(<RemboursementFaitPage ctx={request.pageContext()} montantCentimes={resultat.montantCentimes} effectue={resultat.effectue} />);
    return reply.status(resultat.erreurs ? 400 : 422).page(<RemboursementPage ctx={request.pageContext()} state={{ numero, transaction, erreurs: resultat.erreurs, message: resultat.message }} />);
  });
}
