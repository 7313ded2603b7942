import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openTestDatabase, type TestDatabase } from '../testing/test-app.ts';
import { migrate } from '../db/migrator.ts';
import { listAudit, recordAudit } from './audit-repository.ts';

let database: TestDatabase;
beforeAll(async () => {
  database = await openTestDatabase();
  await migrate(database.db);
});
afterAll(() => database.close());

describe('audit trail', () => {
  it('records who did what, and can be neither changed nor deleted', async () => {
    const actor = { userId: '00000000-0000-4000-8000-000000000001', kind: 'agent' as const, role: 'agent_mairie' as const, communeInsee: '24322', departement: '24', displayName: 'Agent' };
    await recordAudit(database.db, actor, { action: 'consulter', objectType: 'dossier', objectId: 'D1' });
    const [entry] = await listAudit(database.db, { actorId: actor.userId });
    expect(entry).toMatchObject({ action: 'consulter', actor_role: 'agent_mairie', actor_commune: '24322', object_id: 'D1', outcome: 'succes' });
    await expect(sql`update audit_log set action = 'autre'`.execute(database.db)).rejects.toThrow(/ajout seul/);
    await expect(sql`delete from audit_log`.execute(database.db)).rejects.toThrow(/ajout seul/);
  });
});
