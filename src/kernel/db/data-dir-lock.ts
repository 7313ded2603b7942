import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

/**
 * PGlite has no lock of its own: two processes opening the same folder both succeed and
 * silently lose rows. We hold an exclusive lock file for the life of the process and
 * refuse a second opener with a message that says which process holds the folder.
 */
export class DataDirLockedError extends Error {
  constructor(dataDir: string, holder: string) {
    super(
      `Le dossier de données ${dataDir} est déjà utilisé par un autre processus (${holder}). ` +
        'Arrêtez-le avant de relancer, ou utilisez un autre DATA_DIR. ' +
        'Pour plusieurs instances, utilisez un serveur PostgreSQL (DATABASE_URL).',
    );
    this.name = 'DataDirLockedError';
  }
}

export interface DataDirLock {
  release(): void;
}

function isAlive(pid: number) {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

export function lockDataDir(dataDir: string): DataDirLock {
  fs.mkdirSync(dataDir, { recursive: true });
  const lockPath = path.join(dataDir, 'guichet-titres.lock');
  const content = JSON.stringify({ pid: process.pid, host: os.hostname(), since: new Date().toISOString() });
  for (let attempt = 0; attempt < 2; attempt += 1) {
    try {
      fs.writeFileSync(lockPath, content, { flag: 'wx' });
      let released = false;
      return {
        release() {
          if (released) return;
          released = true;
          fs.rmSync(lockPath, { force: true });
        },
      };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      const holder = readHolder(lockPath);
      const sameHost = holder?.host === os.hostname();
      if (holder && (!sameHost || isAlive(holder.pid))) {
        throw new DataDirLockedError(dataDir, `pid ${holder.pid} sur ${holder.host} depuis ${holder.since}`);
      }
      // A holder that died without releasing (kill -9, power cut) leaves a stale file.
      fs.rmSync(lockPath, { force: true });
    }
  }
  throw new DataDirLockedError(dataDir, 'inconnu');
}

function readHolder(lockPath: string): { pid: number; host: string; since: string } | undefined {
  try {
    const parsed = JSON.parse(fs.readFileSync(lockPath, 'utf8')) as { pid: number; host: string; since: string };
    return typeof parsed.pid === 'number' ? parsed : undefined;
  } catch {
    return undefined;
  }
}
