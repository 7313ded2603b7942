import { createInterface } from 'node:readline/promises';
import { parseArgs } from 'node:util';
import { buildApp } from './app.ts';
import { ConfigError, loadConfig, readSecretFromEnv } from './kernel/config/config.ts';
import { openDatabase } from './kernel/db/database.ts';
import { DataDirLockedError } from './kernel/db/data-dir-lock.ts';
import { passwordProblem } from './kernel/auth/passwords.ts';
import { migrate } from './kernel/db/migrator.ts';
import { barreProgression, executerCommandeTerritoire, USAGE_TERRITOIRE } from './features/territoire/index.ts';

const USAGE = `Utilisation : npm run cli -- <commande> [options]

  migrate                               applique les migrations en attente
  creer-admin --email <adresse> --nom <nom>
                                        crée le premier administrateur ; le mot de passe est lu
                                        dans ADMIN_PASSWORD ou demandé au terminal
  worker                                envoie les messages en file (processus séparé ;
                                        nécessite DATABASE_URL)
${USAGE_TERRITOIRE}`;

async function askPassword(): Promise<string> {
  const fromEnv = readSecretFromEnv('ADMIN_PASSWORD');
  if (fromEnv) return fromEnv;
  if (!process.stdin.isTTY) throw new Error('ADMIN_PASSWORD est vide et aucun terminal ne permet de saisir le mot de passe.');
  const rl = createInterface({ input: process.stdin, output: process.stdout, terminal: true });
  // Hide what is typed: the password must not stay on screen or in the scrollback.
  const output = rl as unknown as { _writeToOutput: (text: string) => void };
  const question = 'Mot de passe (16 caractères au moins) : ';
  process.stdout.write(question);
  output._writeToOutput = () => {};
  const answer = await rl.question('');
  rl.close();
  process.stdout.write('\n');
  return answer;
}

async function main() {
  const { positionals, values } = parseArgs({
    allowPositionals: true,
    options: { email: { type: 'string' }, nom: { type: 'string' }, source: { type: 'string' } },
  });
  const command = positionals[0];
  const config = loadConfig();

  if (command === 'migrate') {
    const database = await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir });
    try {
      const applied = await migrate(database.db);
      console.log(applied.length === 0 ? 'Aucune migration en attente.' : `Migrations appliquées : ${applied.map((m) => `${m.version}_${m.name}`).join(', ')}`);
    } finally {
      await database.close();
    }
    return;
  }

  if (command === 'creer-admin') {
    if (!values.email || !values.nom) throw new UsageError('creer-admin demande --email et --nom.');
    const password = await askPassword();
    // A weak password is refused before the database is opened or migrated.
    const problem = passwordProblem(password, 'agent', [values.email, values.nom]);
    if (problem) throw new UsageError(problem);
    const { app, comptes } = await buildApp({ config, runWorker: false });
    try {
      const outcome = await comptes.createAdmin(values.email, values.nom, password);
      if (!outcome.ok) throw new UsageError(outcome.message);
      console.log(`Administrateur créé : ${outcome.account.email}`);
    } finally {
      await app.close();
    }
    return;
  }

  if (command === 'territoire') {
    const { app, db, inTransaction } = await buildApp({ config, runWorker: false });
    try {
      const sortie = { ecrire: (ligne: string) => console.log(ligne), erreur: (ligne: string) => console.error(ligne), progression: barreProgression(process.stderr) };
      process.exitCode = await executerCommandeTerritoire(positionals.slice(1), { db, inTransaction, departement: config.departement, sortie }, { source: values.source });
    } finally {
      await app.close();
    }
    return;
  }

  if (command === 'worker') {
    if (!config.databaseUrl) {
      throw new UsageError('Avec la base embarquée, l’envoi des messages tourne dans le processus de l’application : un processus séparé nécessite DATABASE_URL.');
    }
    const { app } = await buildApp({ config, runWorker: true });
    console.log('Envoi des messages en cours ; Ctrl+C pour arrêter.');
    await new Promise<void>((resolve) => {
      process.once('SIGINT', resolve);
      process.once('SIGTERM', resolve);
    });
    await app.close();
    return;
  }

  throw new UsageError(command ? `Commande inconnue : ${command}` : 'Aucune commande.');
}

class UsageError extends Error {}

main().catch((error: unknown) => {
  if (error instanceof UsageError) console.error(`${error.message}\n\n${USAGE}`);
  else if (error instanceof ConfigError || error instanceof DataDirLockedError || error instanceof Error) console.error(error.message);
  process.exit(1);
});
