import { buildApp } from './app.ts';
import { ConfigError, loadConfig } from './kernel/config/config.ts';
import { DataDirLockedError } from './kernel/db/data-dir-lock.ts';

try {
  const config = loadConfig();
  const { app, dbKind } = await buildApp({ config });
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.once(signal, () => {
      app.log.info({ signal }, 'arrêt demandé');
      void app.close().then(() => process.exit(0));
    });
  }
  await app.listen({ host: config.host, port: config.port });
  app.log.info({ database: dbKind, url: config.publicUrl.toString() }, 'Guichet Titres prêt');
} catch (error) {
  if (error instanceof ConfigError || error instanceof DataDirLockedError) {
    console.error(error.message);
    process.exit(1);
  }
  throw error;
}
