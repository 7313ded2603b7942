import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { GuichetApp } from '../../app.ts';
import { listAudit } from '../../kernel/audit/audit-repository.ts';
import { DeliveryError, type DeliveryChannel } from '../../kernel/notifications/channels.ts';
import { createAdmin, createUsager, uniqueEmail } from '../../kernel/testing/factories.ts';
import { createTestApp } from '../../kernel/testing/test-app.ts';
import { TestClient } from '../../kernel/testing/test-client.ts';

// A message that could not be delivered after every attempt must not vanish: admins see it
// and can put it back in the queue, and that action is audited like any other agent action.
const NOW = new Date('2026-03-02T09:00:00Z');
const MAX_ATTEMPTS = 3;

/** A mail server that refuses connections until it is repaired. */
function mailServer() {
  const delivered: string[] = [];
  const state = { down: true };
  const channel: DeliveryChannel = {
    name: 'smtp-test',
    keepsContent: false,
    send({ recipient }) {
      if (state.down) throw new DeliveryError('SMTP : connexion refusée (127.0.0.1:2525)', false);
      delivered.push(recipient);
      return Promise.resolve();
    },
  };
  return { channel, delivered, state };
}

const server = mailServer();
let built: GuichetApp;
beforeAll(async () => {
  built = await createTestApp({ now: () => NOW, channels: { email: server.channel }, workerOptions: { maxAttempts: MAX_ATTEMPTS, baseDelayMs: 0 } });
});
afterAll(async () => {
  await built.app.close();
});

describe('messages en échec', () => {
  it('shows a message that failed every attempt, and an admin’s resend queues it again, audited', async () => {
    const admin = await createAdmin(built);
    const client = new TestClient(built.app);
    expect((await client.submit('/agent/connexion', '/agent/connexion', { email: admin.email, password: admin.password })).statusCode).toBe(303);
    const before = await client.get('/admin/agents');
    expect(before.body).toContain('Aucun message en échec.');

    // The invitation of a new agent cannot leave: the mail server is down.
    const agentEmail = uniqueEmail('agent');
    const created = await client.post('/admin/agents', { nom: 'Paul Agent', email: agentEmail, role: 'agent_mairie', commune: '24322', departement: '' });
    expect(created.statusCode).toBe(303);
    await built.worker.runOnce();
    const [failed] = await built.outbox.list({ status: 'failed' });
    expect(failed).toMatchObject({ recipient: agentEmail, template: 'comptes.invitation-agent', attempts: MAX_ATTEMPTS, status: 'failed' });
    expect((await client.get('/sante')).json().outbox).toEqual({ backlog: 0, failed: 1 });

    const page = await client.get('/admin/agents');
    expect(page.statusCode).toBe(200);
    const section = page.body.split('<h2>Messages en échec</h2>')[1] ?? '';
    expect(section).not.toContain('Aucun message en échec.');
    expect(section).toContain('Messages non remis après toutes les tentatives');
    expect(section).toContain('comptes.invitation-agent');
    expect(section).toContain(`<td>${MAX_ATTEMPTS}</td>`);
    expect(section).toContain('SMTP : connexion refusée');
    const action = `/admin/messages/${failed!.id}/renvoyer`;
    expect(section).toContain(`action="${action}"`);
    expect(section).toMatch(/name="_csrf" value="[^"]+"/);

    // Without the anti-forgery token nothing changes.
    const forged = await built.app.inject({ method: 'POST', url: action, headers: { cookie: `gt_session=${client.cookie('gt_session')}` } });
    expect(forged.statusCode).toBe(403);
    expect((await built.outbox.find(failed!.id))?.status).toBe('failed');

    const resent = await client.post(action);
    expect(resent.statusCode).toBe(303);
    expect(resent.headers.location).toBe('/admin/agents?fait=renvoye');
    expect(await built.outbox.find(failed!.id)).toMatchObject({ status: 'pending', attempts: 0 });
    const after = await client.get('/admin/agents?fait=renvoye');
    expect(after.body).toContain('Le message est de nouveau en file d’envoi.');
    expect(after.body).toContain('Aucun message en échec.');

    // Resending it again (a double click, an old tab) changes nothing and is not recorded as done.
    const again = await client.post(action);
    expect(again.headers.location).toBe('/admin/agents?fait=pas-en-echec');
    expect((await client.get('/admin/agents?fait=pas-en-echec')).body).toContain('Ce message n’est pas en échec (déjà renvoyé ou inconnu) : rien n’a été changé.');

    const audit = (await listAudit(built.db, { actorId: admin.account.id })).filter((row) => row.action === 'renvoyer-message');
    expect(audit).toHaveLength(2);
    expect(audit.map((row) => row.outcome).sort()).toEqual(['refus', 'succes']);
    expect(audit.find((row) => row.outcome === 'succes')).toMatchObject({ actor_role: 'admin', object_type: 'notification', object_id: failed!.id });

    // Once the server is repaired, the message queued again is delivered, once.
    server.state.down = false;
    await built.worker.runOnce();
    await built.worker.runOnce();
    expect(server.delivered).toEqual([agentEmail]);
    expect((await built.outbox.find(failed!.id))?.status).toBe('sent');
  });

  it('lets no one but an admin resend a message', async () => {
    const usager = await createUsager(built);
    const client = new TestClient(built.app);
    expect((await client.submit('/connexion', '/connexion', { email: usager.email, password: usager.password })).statusCode).toBe(303);
    await client.get('/mon-espace');
    const refused = await client.post('/admin/messages/00000000-0000-4000-8000-000000000000/renvoyer');
    expect(refused.statusCode).toBe(403);
  });
});
