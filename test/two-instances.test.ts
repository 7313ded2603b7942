import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { GuichetApp } from '../src/app.ts';
import type { DeliveryChannel, OutgoingMessage } from '../src/kernel/notifications/channels.ts';
import { enqueueNotification } from '../src/kernel/notifications/outbox-repository.ts';
import type { MessageTemplate } from '../src/kernel/notifications/templates.ts';
import { createAdmin } from '../src/kernel/testing/factories.ts';
import { createTestApp, dropSchema, openTestDatabase, TEST_DATABASE_URL } from '../src/kernel/testing/test-app.ts';
import { TestClient } from '../src/kernel/testing/test-client.ts';

const rappel: MessageTemplate<{ n: string }> = { name: 'test.rappel', version: 1, channel: 'email', render: (v) => ({ subject: 'Rappel', text: `Rappel ${v.n}` }) };

function recordingChannel(sink: OutgoingMessage[]): DeliveryChannel {
  // A little latency so that both workers really are at work at the same time.
  return { name: 'enregistreur', keepsContent: false, send: async (message) => void (await new Promise((r) => setTimeout(r, 2)), sink.push(message)) };
}

if (!TEST_DATABASE_URL) console.warn('two-instances.test.ts ignoré : définissez DATABASE_URL (PostgreSQL) pour tester deux instances sur une même base.');

describe.skipIf(!TEST_DATABASE_URL)('two instances on one PostgreSQL', () => {
  const schema = `t_deux_${randomUUID().replaceAll('-', '').slice(0, 12)}`;
  const delivered: OutgoingMessage[] = [];
  let first: GuichetApp;
  let second: GuichetApp;

  beforeAll(async () => {
    first = await createTestApp({ database: await openTestDatabase({ schema }), channels: { email: recordingChannel(delivered) } });
    second = await createTestApp({ database: await openTestDatabase({ schema }), channels: { email: recordingChannel(delivered) } });
    first.templates.register(rappel);
    second.templates.register(rappel);
  });
  afterAll(async () => {
    await first?.app.close();
    await second?.app.close();
    await dropSchema(TEST_DATABASE_URL!, schema);
  });

  it('accepts on one instance a session opened on the other, CSRF token included', async () => {
    const admin = await createAdmin(first);
    const onFirst = new TestClient(first.app);
    expect((await onFirst.submit('/agent/connexion', '/agent/connexion', { email: admin.email, password: admin.password })).statusCode).toBe(303);
    const cookie = `gt_session=${onFirst.cookie('gt_session')}`;
    const page = await second.app.inject({ url: '/admin/agents', headers: { cookie } });
    expect(page.statusCode).toBe(200);
    const token = /name="_csrf" value="([^"]+)"/.exec(page.body)?.[1];
    const logout = await second.app.inject({ method: 'POST', url: '/deconnexion', headers: { cookie, 'content-type': 'application/x-www-form-urlencoded' }, payload: `_csrf=${token}` });
    expect(logout.statusCode).toBe(303);
    expect((await first.app.inject({ url: '/agent', headers: { cookie } })).statusCode).toBe(302);
  });

  it('delivers each message exactly once with two workers running at once', async () => {
    const ids = await first.inTransaction(async (trx) => {
      const created: string[] = [];
      for (let n = 0; n < 60; n += 1) created.push(await enqueueNotification(trx, { template: rappel, recipient: `r${n}@exemple.fr`, values: { n: String(n) } }));
      return created;
    });
    await Promise.all([first.worker.runOnce(), second.worker.runOnce(), first.worker.runOnce(), second.worker.runOnce()]);
    const deliveredIds = delivered.map((message) => message.id).filter((id) => ids.includes(id));
    expect(deliveredIds).toHaveLength(60);
    expect(new Set(deliveredIds).size).toBe(60);
  });
});
