import Fastify, { type FastifyInstance } from 'fastify';
import { h } from 'preact';
import type { Config } from './kernel/config/config.ts';
import { openDatabase, type DatabaseHandle } from './kernel/db/database.ts';
import { migrate } from './kernel/db/migrator.ts';
import { loadSharedSecret } from './kernel/db/secrets-repository.ts';
import { transactional } from './kernel/db/transactions.ts';
import { sessionRepository } from './kernel/auth/session-repository.ts';
import { pseudonymizer } from './kernel/auth/pseudonym.ts';
import { rateLimiter } from './kernel/http/rate-limit.ts';
import { registerWebKernel } from './kernel/http/web-kernel.ts';
import { serializeError } from './kernel/http/log-serializers.ts';
import { sessionHousekeeping } from './kernel/http/session-housekeeping.ts';
import { devMailboxChannel, httpSmsChannel, smtpChannel, type DeliveryChannel } from './kernel/notifications/channels.ts';
import { outboxRepository } from './kernel/notifications/outbox-repository.ts';
import { OutboxWorker } from './kernel/notifications/outbox-worker.ts';
import { TemplateRegistry, type Channel } from './kernel/notifications/templates.ts';
import { registerAccueilRoutes } from './features/accueil/index.ts';
import { registerGuidesRoutes } from './features/guides/index.ts';
import { registerAdministrationRoutes } from './features/administration/index.ts';
import { registerBoiteDevRoutes } from './features/boite-dev/index.ts';
import {
  DEMANDE_TITRE_TEMPLATES,
  MesDemandesTitres,
  demandesService,
  productionSimulee,
  registerInstructionRoutes,
  registerMairieRoutes,
  registerPrefectureRoutes,
  registerRecueilRoutes,
  relancesRetrait,
  registerSuiviRoutes,
  simulateurDispositif,
  type DispositifRecueil,
} from './features/demande-titre/index.ts';
import { COMPTES_TEMPLATES, comptesService, doubleFacteurService, registerComptesRoutes } from './features/comptes/index.ts';
import { COMPTE_USAGER_TEMPLATES, compteUsagerService, registerCompteUsagerRoutes } from './features/compte-usager/index.ts';
import { accompagnementService, justificatifs, PRE_DEMANDE_TEMPLATES, preDemandeService, registerPreDemandeRoutes } from './features/pre-demande/index.ts';
import { registerPilotageRoutes } from './features/pilotage/index.ts';
import { registerKitRoutes } from './features/kit/index.ts';
import { registerSanteRoutes } from './features/sante/index.ts';
import { nomsDesCommunes, registerTerritoireRoutes } from './features/territoire/index.ts';
import { registerTimbreRoutes, TIMBRE_TEMPLATES } from './features/timbre/index.ts';
import { registerJetonsAgents } from './features/jetons-agents/index.ts';

export interface AppDependencies {
  config: Config;
  /** An already opened database (tests); otherwise opened from the config. */
  database?: DatabaseHandle;
  now?: () => Date;
  /** Replaces delivery channels (tests point them at loopback peers). */
  channels?: Partial<Record<Channel, DeliveryChannel>>;
  /** Runs the message worker inside this process (default: config.outboxWorker). */
  runWorker?: boolean;
  workerOptions?: { baseDelayMs?: number; pollMs?: number; maxAttempts?: number };
  /** Replaces the simulated dispositif de recueil of each mairie (tests choose its answers). */
  dispositifRecueil?: (commune: string) => DispositifRecueil;
  /** Where log lines go (default: standard output); tests read them to check what is logged. */
  logStream?: { write(line: string): void };
}

/** The one composition root: builds the whole platform from a config and its dependencies. */
export async function buildApp(deps: AppDependencies) {
  const { config } = deps;
  const now = deps.now ?? (() => new Date());
  const database = deps.database ?? (await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir }));
  const { db } = database;
  await migrate(db);

  const templates = new TemplateRegistry().register(...COMPTES_TEMPLATES, ...COMPTE_USAGER_TEMPLATES, ...PRE_DEMANDE_TEMPLATES, ...DEMANDE_TITRE_TEMPLATES, ...TIMBRE_TEMPLATES);
  const outbox = outboxRepository(db);
  const channels = { ...defaultChannels(config), ...deps.channels };
  const app: FastifyInstance = Fastify({
    logger: {
      level: config.logLevel,
      // No personal data in logs: paths without query strings, no cookies, no client address.
      serializers: {
        req: (req) => ({ method: req.method, url: String(req.url).split('?')[0], id: req.id }),
        err: serializeError,
      },
      redact: ['req.headers.cookie', 'req.headers.authorization', 'res.headers["set-cookie"]'],
      ...(deps.logStream ? { stream: deps.logStream } : {}),
    },
    trustProxy: config.trustProxy,
    bodyLimit: 1024 * 1024,
  });
  const worker = new OutboxWorker({ repository: outbox, templates, channels, now, logger: app.log, ...deps.workerOptions });
  const inTransaction = transactional(db, () => worker.wake());

  const [csrfSecret, pseudonymSecret] = [await loadSharedSecret(db, 'csrf'), await loadSharedSecret(db, 'pseudonymisation')];
  const limiter = rateLimiter(db, now);
  const { sessions } = await registerWebKernel(app, {
    config,
    db,
    dbKind: database.kind,
    now,
    csrfSecret,
    pseudonymSecret,
    sessions: sessionRepository(db),
    rateLimiter: limiter,
    navigation: [
      { href: '/ou-aller', label: 'Où aller ?' },
      { href: '/guides', label: 'Guides pas à pas' },
      { href: '/mon-espace', label: 'Ma pré-demande' },
      { href: '/timbre', label: 'Timbre fiscal' },
      { href: '/suivi', label: 'Suivre ma demande' },
      { href: '/kit', label: 'Le kit' },
    ],
  });

  const comptes = comptesService({
    db,
    inTransaction,
    rateLimiter: limiter,
    pseudonymize: pseudonymizer(pseudonymSecret),
    now,
    publicUrl: config.publicUrl,
    serviceName: config.serviceName,
  });

  const demandes = demandesService({ db, inTransaction, now, nomCommune: nomsDesCommunes(config.departement) });

  registerGuidesRoutes(app, { db, now, serviceName: config.serviceName, publicUrl: config.publicUrl });
  const doubleFacteur = doubleFacteurService({ db, inTransaction, rateLimiter: limiter, now, exigence: config.mfaAgents, serviceName: config.serviceName });
  registerComptesRoutes(app, { comptes, sessions, doubleFacteur });
  registerCompteUsagerRoutes(app, { compteUsager: compteUsagerService({ db, inTransaction, rateLimiter: limiter, pseudonymize: pseudonymizer(pseudonymSecret), now, publicUrl: config.publicUrl, serviceName: config.serviceName }) });
  registerAdministrationRoutes(app, { db, comptes, outbox, now, communeName: nomsDesCommunes(config.departement) });
  registerSanteRoutes(app, { db, dbKind: database.kind, outbox, santeJeton: config.santeJeton });
  const territoire = await registerTerritoireRoutes(app, {
    db,
    inTransaction,
    departement: config.departement,
    serviceName: config.serviceName,
    publicUrl: config.publicUrl,
    ...(config.tileUrl ? { tuiles: { url: config.tileUrl, attribution: config.tileAttribution } } : {}),
  });
  const nomDeCommune = nomsDesCommunes(config.departement);
  const libelleCommune = (code: string) => nomDeCommune(code) ?? code;
  const niveauCommune = async (code: string) => (await territoire.fiche(code))?.niveau ?? null;
  registerAccueilRoutes(app, { niveauCommune });
  const preDemandes = preDemandeService({ db, inTransaction, now, publicUrl: config.publicUrl, serviceName: config.serviceName, rateLimiter: limiter, pseudonymize: pseudonymizer(pseudonymSecret), validiteMois: config.preDemandeValiditeMois });
  registerRecueilRoutes(app, { db, demandes, now, niveauCommune, preDemandes: { pourRecueil: (numero) => preDemandes.pourRecueil(numero), consommerAuRecueil: (...args) => preDemandes.consommerAuRecueil(...args), justificatifs } });
  registerPreDemandeRoutes(app, {
    preDemandes,
    suiviDemandes: async (userId) => h(MesDemandesTitres, { suivis: await demandes.suiviUsager(userId), nomCommune: libelleCommune }),
    serviceName: config.serviceName, ficheCommune: (code) => territoire.fiche(code), db, rateLimiter: limiter, now,
    accompagnements: accompagnementService({ db, inTransaction, now, rateLimiter: limiter, pseudonymize: pseudonymizer(pseudonymSecret), niveauCommune }),
    nomCommune: libelleCommune,
    timbresDeLaPreDemande: (numero) => timbres.timbresDeLaPreDemande(numero) });
  const timbres = await registerTimbreRoutes(app, {
    db,
    inTransaction,
    rateLimiter: limiter,
    now,
    config,
    cheminPreDemande: async (numero) => {
      const pd = await preDemandes.titulaireParNumero(numero);
      return pd ? `/pre-demande/${pd.id}` : undefined;
    },
    titulairePreDemande: async (numero) => (await preDemandes.titulaireParNumero(numero))?.userId,
    estMairieDR: async (commune) => (await niveauCommune(commune)) === 'dr',
  });
  registerJetonsAgents(app, { db, inTransaction, rateLimiter: limiter, now });
  registerInstructionRoutes(app, { db, demandes, now, nomCommune: libelleCommune });
  registerMairieRoutes(app, {
    db,
    demandes,
    now,
    nomCommune: libelleCommune,
    dispositif: deps.dispositifRecueil ?? ((commune) => simulateurDispositif(`DR-${commune}-1`)),
    rateLimiter: limiter,
    pseudonymize: pseudonymizer(pseudonymSecret),
    serviceName: config.serviceName,
    niveauCommune,
    consommerTimbre: async (numero, usage, reference, agent) => {
      const verification = await timbres.consommerTimbre(numero, usage, reference, agent);
      return verification.ok ? { ok: true } : { ok: false, raison: verification.message };
    },
  });
  const relances = relancesRetrait({ db, inTransaction, demandes, now, delaiMois: config.retraitDelaiMois, nomCommune: libelleCommune, onError: (error) => app.log.error({ err: error }, 'rappels de retrait : tour en échec') });
  registerPrefectureRoutes(app, { db, demandes, nomCommune: libelleCommune });
  registerPilotageRoutes(app, { db, now, departement: config.departement, territoire });
  registerKitRoutes(app, { db, territoire, rateLimiter: limiter, pseudonymize: pseudonymizer(pseudonymSecret), now, publicUrl: config.publicUrl, operatorName: config.operatorName, serviceName: config.serviceName });
  registerSuiviRoutes(app, { demandes, rateLimiter: limiter, pseudonymize: pseudonymizer(pseudonymSecret), nomCommune: libelleCommune });
  const production = productionSimulee({ demandes, now, delaiMinutes: config.productionDelaiMinutes, onError: (error) => app.log.error({ err: error }, 'production simulée : tour en échec') });
  if (config.mode !== 'production') registerBoiteDevRoutes(app, { outbox, publicOrigin: config.publicUrl.origin });

  const housekeeping = sessionHousekeeping({ sessions: sessionRepository(db), rateLimiter: limiter, outbox, now, sessionIdleMinutes: config.sessionIdleMinutes, onError: (error) => app.log.error({ err: error }, 'ménage des sessions : tour en échec') });
  if (deps.runWorker ?? config.outboxWorker) {
    worker.start();
    housekeeping.start();
    production.start();
    relances.start();
  }
  app.addHook('onClose', async () => {
    await worker.stop();
    await housekeeping.stop();
    production.stop();
    relances.stop();
    await Promise.all(Object.values(channels).map(async (channel) => channel.close?.()));
    await database.close();
  });

  return { app, db, dbKind: database.kind, worker, outbox, comptes, doubleFacteur, demandes, preDemandes, production, timbres, inTransaction, templates, now };
}
export type GuichetApp = Awaited<ReturnType<typeof buildApp>>;

function defaultChannels(config: Config): Record<Channel, DeliveryChannel> {
  const devbox = devMailboxChannel();
  return {
    email: config.smtpUrl ? smtpChannel(config.smtpUrl, config.mailFrom, config.publicUrl.hostname) : devbox,
    sms: config.smsGatewayUrl ? httpSmsChannel(config.smsGatewayUrl, config.smsGatewayAuth) : devbox,
  };
}
