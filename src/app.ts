import Fastify, { type FastifyInstance } from 'fastify';
import type { Config } from './kernel/config/config.ts';
import { openDatabase, type DatabaseHandle } from './kernel/db/database.ts';
import { migrate } from './kernel/db/migrator.ts';
import { loadSharedSecret } from './kernel/db/secrets-repository.ts';
import { transactional } from './kernel/db/transactions.ts';
import { sessionRepository } from './kernel/auth/session-repository.ts';
import { pseudonymizer } from './kernel/auth/pseudonym.ts';
import { rateLimiter } from './kernel/http/rate-limit.ts';
import { registerWebKernel } from './kernel/http/web-kernel.ts';
import { devMailboxChannel, httpSmsChannel, smtpChannel, type DeliveryChannel } from './kernel/notifications/channels.ts';
import { outboxRepository } from './kernel/notifications/outbox-repository.ts';
import { OutboxWorker } from './kernel/notifications/outbox-worker.ts';
import { TemplateRegistry, type Channel } from './kernel/notifications/templates.ts';
import { registerAccueilRoutes } from './features/accueil/index.ts';
import { registerAdministrationRoutes } from './features/administration/index.ts';
import { registerBoiteDevRoutes } from './features/boite-dev/index.ts';
import { DEMANDE_TITRE_TEMPLATES, demandesService } from './features/demande-titre/index.ts';
import { COMPTES_TEMPLATES, comptesService, registerComptesRoutes } from './features/comptes/index.ts';
import { registerSanteRoutes } from './features/sante/index.ts';
import { nomsDesCommunes } from './features/territoire/index.ts';

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
}

/** The one composition root: builds the whole platform from a config and its dependencies. */
export async function buildApp(deps: AppDependencies) {
  const { config } = deps;
  const now = deps.now ?? (() => new Date());
  const database = deps.database ?? (await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir }));
  const { db } = database;
  await migrate(db);

  const templates = new TemplateRegistry().register(...COMPTES_TEMPLATES, ...DEMANDE_TITRE_TEMPLATES);
  const outbox = outboxRepository(db);
  const channels = { ...defaultChannels(config), ...deps.channels };
  const app: FastifyInstance = Fastify({
    logger: {
      level: config.logLevel,
      // No personal data in logs: paths without query strings, no cookies, no client address.
      serializers: {
        req: (req) => ({ method: req.method, url: String(req.url).split('?')[0], id: req.id }),
      },
      redact: ['req.headers.cookie', 'req.headers.authorization', 'res.headers["set-cookie"]'],
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

  registerAccueilRoutes(app);
  registerComptesRoutes(app, { comptes, sessions });
  registerAdministrationRoutes(app, { db, comptes, outbox, now, communeName: nomsDesCommunes(config.departement) });
  registerSanteRoutes(app, { db, dbKind: database.kind, outbox });
  if (config.mode !== 'production') registerBoiteDevRoutes(app, { outbox, publicOrigin: config.publicUrl.origin });

  if (deps.runWorker ?? config.outboxWorker) worker.start();
  app.addHook('onClose', async () => {
    await worker.stop();
    await Promise.all(Object.values(channels).map((channel) => channel.close?.()));
    await database.close();
  });

  return { app, db, dbKind: database.kind, worker, outbox, comptes, demandes, inTransaction, templates };
}
export type GuichetApp = Awaited<ReturnType<typeof buildApp>>;

function defaultChannels(config: Config): Record<Channel, DeliveryChannel> {
  const devbox = devMailboxChannel();
  return {
    email: config.smtpUrl ? smtpChannel(config.smtpUrl, config.mailFrom, config.publicUrl.hostname) : devbox,
    sms: config.smsGatewayUrl ? httpSmsChannel(config.smsGatewayUrl, config.smsGatewayAuth) : devbox,
  };
}
