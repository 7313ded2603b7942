import { createHash } from 'node:crypto';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';

/**
 * PGlite has no lock of its own: two processes opening the same folder both succeed and
 * silently lose rows. We hold an exclusive lock for the life of the process and refuse a
 * second opener with a message that says which process holds the folder.
 *
 * On Linux the lock is held by the kernel: we bind an abstract Unix socket whose name is
 * derived from the folder's real path. Binding is atomic (two starters can never both win)
 * and the kernel frees the name when the process dies, however it dies (kill -9, crash), so
 * there is no stale lock to take over and no pid to guess about after a container restart.
 * Abstract socket names are scoped to a network namespace, so two containers that share the
 * folder through a volume do not see each other's socket: the information file next to the
 * data then settles it — one written on another host (container) is respected until that
 * process releases it or someone deletes it (see `lockWithSocket`).
 *
 * Elsewhere (macOS, Windows: development machines only) we fall back to a pid file created
 * with O_EXCL; it cannot tell a dead holder from a live one whose pid was reused, and taking
 * over a stale file is not atomic. Production runs on Linux, or on PostgreSQL anyway.
 */
export class DataDirLockedError extends Error {
  constructor(dataDir: string, holder: string, hint = '') {
    super(
      `Le dossier de données ${dataDir} est déjà utilisé par un autre processus (${holder}). ` +
        'Arrêtez-le avant de relancer, ou utilisez un autre DATA_DIR. ' +
        hint +
        'Pour plusieurs instances, utilisez un serveur PostgreSQL (DATABASE_URL).',
    );
    this.name = 'DataDirLockedError';
  }
}

export interface DataDirLock {
  release(): void;
}

/** Who holds the folder: written for the error message, never trusted as the lock itself on Linux. */
interface Holder {
  pid: number;
  host: string;
  since: string;
}

export const LOCK_INFO_FILE = 'guichet-titres.lock';

export async function lockDataDir(dataDir: string): Promise<DataDirLock> {
  fs.mkdirSync(dataDir, { recursive: true });
  return process.platform === 'linux' ? lockWithSocket(dataDir) : lockWithPidFile(dataDir);
}

/**
 * The abstract socket name (leading NUL byte: no file on disk) for one data folder, from its
 * device and inode rather than its path: a symlink, or the same folder bind-mounted at two
 * paths, still gives one name.
 */
export function lockSocketName(dataDir: string) {
  const { dev, ino } = fs.statSync(fs.realpathSync(dataDir));
  const digest = createHash('sha256').update(`${dev}:${ino}`).digest('hex');
  return `\0guichet-titres:${digest}`;
}

async function lockWithSocket(dataDir: string): Promise<DataDirLock> {
  const infoPath = path.join(dataDir, LOCK_INFO_FILE);
  const server = net.createServer((socket) => socket.destroy());
  try {
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen({ path: lockSocketName(dataDir), exclusive: true }, () => {
        server.off('error', reject);
        resolve();
      });
    });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EADDRINUSE') throw new DataDirLockedError(dataDir, describe(readHolder(infoPath)));
    throw error;
  }
  // The lock must not keep a CLI command alive once its work is done.
  server.unref();
  const unbind = () => server.close();

  const me: Holder = { pid: process.pid, host: os.hostname(), since: new Date().toISOString() };
  try {
    writeInfo(infoPath, me, dataDir);
  } catch (error) {
    unbind();
    throw error;
  }
  let released = false;
  return {
    release() {
      if (released) return;
      released = true;
      // Remove the information file before giving the name back, so a successor never
      // finds ours and takes it for a holder on another host.
      fs.rmSync(infoPath, { force: true });
      unbind();
    },
  };
}

function writeInfo(infoPath: string, me: Holder, dataDir: string) {
  // Written in full under a temporary name, then linked into place: link() fails if the file
  // exists, so the file appears complete or not at all — never empty to a concurrent reader.
  const temporary = `${infoPath}.${process.pid}.tmp`;
  fs.writeFileSync(temporary, JSON.stringify(me));
  try {
    let previous: Holder | undefined;
    for (let attempt = 0; ; attempt += 1) {
      try {
        fs.linkSync(temporary, infoPath);
        return;
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      }
      previous = readHolder(infoPath);
      // Gone between the two calls (its holder just released it): try again.
      if (previous || fs.existsSync(infoPath) || attempt >= 2) break;
    }
    // Same host name: that process shared our network namespace (or ran in this container
    // before a restart), so had it been alive we could not have bound the socket. It died
    // without releasing: the file is stale and ours to replace. A file we cannot read is
    // never taken for stale: it may be another container's.
    if (!previous || previous.host !== me.host) {
      throw new DataDirLockedError(
        dataDir,
        describe(previous),
        `Si ce processus est arrêté (conteneur détruit sans arrêt propre), supprimez le fichier ${infoPath}. `,
      );
    }
    fs.renameSync(temporary, infoPath);
  } finally {
    fs.rmSync(temporary, { force: true });
  }
}

function lockWithPidFile(dataDir: string): DataDirLock {
  const lockPath = path.join(dataDir, LOCK_INFO_FILE);
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
      if (holder && (holder.host !== os.hostname() || isAlive(holder.pid))) throw new DataDirLockedError(dataDir, describe(holder));
      // A holder that died without releasing leaves a stale file (racy: see the comment above).
      fs.rmSync(lockPath, { force: true });
    }
  }
  throw new DataDirLockedError(dataDir, describe(undefined));
}

function isAlive(pid: number) {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function describe(holder: Holder | undefined) {
  return holder ? `pid ${holder.pid} sur ${holder.host} depuis ${holder.since}` : 'processus inconnu';
}

function readHolder(infoPath: string): Holder | undefined {
  try {
    const parsed = JSON.parse(fs.readFileSync(infoPath, 'utf8')) as Partial<Holder>;
    if (typeof parsed.pid !== 'number' || typeof parsed.host !== 'string' || typeof parsed.since !== 'string') return undefined;
    return { pid: parsed.pid, host: parsed.host, since: parsed.since };
  } catch {
    return undefined;
  }
}
