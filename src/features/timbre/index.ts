import type { FastifyInstance } from 'fastify';
import { agentApiTokensRepository } from '../../kernel/auth/agent-api-tokens-repository.ts';
import type { Principal } from '../../kernel/auth/principal.ts';
import { pseudonymizer } from '../../kernel/auth/pseudonym.ts';
import type { Config } from '../../kernel/config/config.ts';
import type { Db } from '../../kernel/db/database.ts';
import { loadSharedSecret } from '../../kernel/db/secrets-repository.ts';
import type { InTransaction } from '../../kernel/db/transactions.ts';
import { agentApiGuard } from '../../kernel/http/agent-api-auth.ts';
import type { RateLimiter } from '../../kernel/http/rate-limit.ts';
import { registerAgentTimbreRoutes } from './agent-routes.tsx';
import { boutiqueService } from './boutique-service.ts';
import { catalogueRepository } from './catalogue-repository.ts';
import { panierCookie, registerBoutiqueRoutes } from './boutique-routes.tsx';
import { FENETRE_REMBOURSEMENT_MOIS_PAR_DEFAUT, VALIDITE_MOIS_PAR_DEFAUT } from './contenu.ts';
import { CHEMIN_NOTIFICATION, registerPaiementRoutes } from './paiement-routes.tsx';
import { paiementService } from './paiement-service.ts';
import { sandboxProvider } from './paiement/sandbox.ts';
import { registerSandboxRoutes } from './paiement/sandbox-routes.tsx';
import { remboursementService } from './remboursement-service.ts';
import { verificationService, type Verification } from './verification-service.ts';

export { TIMBRE_TEMPLATES } from './livraison/messages.ts';
export type { Verification, FicheTimbre, MotifVerification } from './verification-service.ts';
export { numeroValide, formaterNumero } from './numero.ts';
export type { EntreeCatalogue } from './catalogue-repository.ts';
export { euros } from './contenu.ts';

/** The tariffs in force on a day, for features that show a stamp's price before the purchase. */
export function tarifsTimbres(db: Db, jour: Date) {
  return catalogueRepository(db).lister(jour);
}

export interface TimbreDeps {
  db: Db;
  inTransaction: InTransaction;
  rateLimiter: RateLimiter;
  now: () => Date;
  config: Pick<Config, 'mode' | 'publicUrl' | 'serviceName'> & { timbreValiditeMois?: number; timbreRemboursementMois?: number };
  /** The page of the pré-demande with this number, for the "back to my pré-demande" link. */
  cheminPreDemande?: (numero: string) => Promise<string | undefined>;
  /** The account holding the pré-demande with this number: only its holder attaches a purchase to it. */
  titulairePreDemande?: (numero: string) => Promise<string | undefined>;
  /** Is this commune's mairie equipped with a DR (only its agents consume stamps)? */
  estMairieDR: (commune: string) => Promise<boolean>;
}

/** What other features (pré-demande, recueil) may call. */
export interface TimbreApi {
  verifierTimbre(numero: string, usage: string): Promise<Verification>;
  consommerTimbre(numero: string, usage: string, referenceDossier: string, agent: Principal): Promise<Verification>;
  /** Stamps paid from a purchase started on this pré-demande (POST /timbre/depuis-pre-demande). */
  timbresDeLaPreDemande(numero: string): Promise<{ numero: string; usage: string; montantCentimes: number; statut: string }[]>;
}

/**
 * The stamp shop, its payment, delivery and the mairie's check. The sandbox provider runs
 * everywhere except in production, where no provider is wired yet: the shop then says
 * payment is unavailable rather than pretending.
 */
export async function registerTimbreRoutes(app: FastifyInstance, deps: TimbreDeps): Promise<TimbreApi> {
  const { db, inTransaction, now, config } = deps;
  const sandbox =
    config.mode === 'production'
      ? undefined
      : sandboxProvider({
          db,
          now,
          secret: await loadSharedSecret(db, 'timbre-sandbox'),
          // The bank calls our webhook over HTTP; in process, inject() is that same HTTP request.
          livrer: async (corps, signature) => {
            await app.inject({ method: 'POST', url: CHEMIN_NOTIFICATION, headers: { 'content-type': 'application/json', 'x-sandbox-signature': signature }, payload: corps });
          },
        });
  const prestataire = sandbox?.prestataire;
  const boutique = boutiqueService({ db, inTransaction, now, prestataire });
  const paiement = paiementService({
    db,
    inTransaction,
    now,
    prestataire,
    serviceName: config.serviceName,
    validiteMois: config.timbreValiditeMois ?? VALIDITE_MOIS_PAR_DEFAUT,
    remboursementMois: config.timbreRemboursementMois ?? FENETRE_REMBOURSEMENT_MOIS_PAR_DEFAUT,
  });
  const pseudonymize = pseudonymizer(await loadSharedSecret(db, 'pseudonymisation'));
  const remboursement = remboursementService({ db, inTransaction, now, prestataire, rateLimiter: deps.rateLimiter, pseudonymize });
  const verification = verificationService({ db, inTransaction, now, rateLimiter: deps.rateLimiter, estMairieDR: deps.estMairieDR });
  const agentApi = agentApiGuard({ db, tokens: agentApiTokensRepository(db), rateLimiter: deps.rateLimiter, pseudonymize, now });
  const paniers = panierCookie(boutique, config.publicUrl.protocol === 'https:');

  registerBoutiqueRoutes(app, { boutique, paniers, titulairePreDemande: deps.titulairePreDemande });
  registerPaiementRoutes(app, { paiement, remboursement, paniers, cheminPreDemande: deps.cheminPreDemande, now });
  registerAgentTimbreRoutes(app, { verification, boutique, agentApi });
  if (sandbox) registerSandboxRoutes(app, sandbox);

  // Orders paid without stamps, payments confirmed while nobody listened, refunds owed.
  await paiement.reconcilier();
  await remboursement.reprendre();
  return {
    verifierTimbre: (...args: Parameters<typeof verification.verifierTimbre>) => verification.verifierTimbre(...args),
    consommerTimbre: (...args: Parameters<typeof verification.consommerTimbre>) => verification.consommerTimbre(...args),
    timbresDeLaPreDemande: (...args: Parameters<typeof paiement.deLaPreDemande>) => paiement.deLaPreDemande(...args),
  };
}
