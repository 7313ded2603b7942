import { randomBytes } from 'node:crypto';
import { tables, type Db } from './database.ts';

interface SecretsTables {
  app_secrets: { name: string; value: string };
}

/**
 * Secrets that every instance must share (CSRF tokens made on one instance are checked on
 * another). The first instance to start creates them; the others read the same rows.
 */
export async function loadSharedSecret(db: Db, name: string): Promise<Buffer> {
  const t = tables<SecretsTables>(db);
  await t
    .insertInto('app_secrets')
    .values({ name, value: randomBytes(32).toString('hex') })
    .onConflict((oc) => oc.column('name').doNothing())
    .execute();
  const row = await t.selectFrom('app_secrets').select('value').where('name', '=', name).executeTakeFirstOrThrow();
  return Buffer.from(row.value, 'hex');
}
