import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { GuichetApp } from '../../app.ts';
import { createTestApp } from '../testing/test-app.ts';
import { freePort, startSmsGateway, startSmtpServer } from '../testing/loopback-peers.ts';
import { httpSmsChannel, smtpChannel } from './channels.ts';
import { enqueueNotification } from './outbox-repository.ts';
import type { MessageTemplate } from './templates.ts';

const bonjour: MessageTemplate<{ prenom: string }> = {
  name: 'test.bonjour',
  version: 1,
  channel: 'email',
  render: (v) => ({ subject: 'Bonjour', text: `Bonjour ${v.prenom}` }),
};
const titreDisponible: MessageTemplate<{ numero: string }> = {
  name: 'test.titre-disponible',
  version: 1,
  channel: 'sms',
  render: (v) => ({ text: `Votre titre ${v.numero} est disponible en mairie.` }),
};

let clock = new Date('2026-11-27T10:00:00Z');
let smtpPort: number;
let gateway: Awaited<ReturnType<typeof startSmsGateway>>;
let built: GuichetApp;

beforeAll(async () => {
  smtpPort = await freePort();
  gateway = await startSmsGateway([503, 200]);
  built = await createTestApp({
    now: () => clock,
    channels: {
      email: smtpChannel(`smtp://127.0.0.1:${smtpPort}`, 'Guichet Titres <ne-pas-repondre@exemple.fr>', 'exemple.fr'),
      sms: httpSmsChannel(gateway.url, 'Bearer secret-de-test'),
    },
    workerOptions: { baseDelayMs: 1_000, maxAttempts: 3 },
  });
  built.templates.register(bonjour, titreDisponible);
});
afterAll(async () => {
  await built.app.close();
  await gateway.close();
});

describe('notification outbox', () => {
  it('never sends a message written in a transaction that rolled back', async () => {
    await expect(
      built.inTransaction(async (trx) => {
        await enqueueNotification(trx, { template: bonjour, recipient: 'annule@exemple.fr', values: { prenom: 'Annulé' }, idempotencyKey: 'rollback-1' });
        throw new Error('changement annulé');
      }),
    ).rejects.toThrow('changement annulé');
    expect(await built.outbox.list({ limit: 100 })).not.toEqual(expect.arrayContaining([expect.objectContaining({ recipient: 'annule@exemple.fr' })]));
  });

  it('delivers a committed message exactly once to SMTP, even when the server is down at first', async () => {
    const id = await built.inTransaction((trx) =>
      enqueueNotification(trx, { template: bonjour, recipient: 'lea@exemple.fr', values: { prenom: 'Léa' }, idempotencyKey: 'smtp-1' }),
    );
    // The same request retried yields the same message, not a second one.
    expect(await built.inTransaction((trx) => enqueueNotification(trx, { template: bonjour, recipient: 'lea@exemple.fr', values: { prenom: 'Léa' }, idempotencyKey: 'smtp-1' }))).toBe(id);

    await built.worker.runOnce();
    expect((await built.outbox.find(id))?.status).toBe('pending');
    expect((await built.outbox.find(id))?.lastError).toMatch(/SMTP/);

    const smtp = await startSmtpServer(smtpPort);
    try {
      await built.worker.runOnce();
      expect((await built.outbox.find(id))?.status).toBe('pending'); // back-off not yet elapsed
      clock = new Date(clock.getTime() + 2_000);
      await built.worker.runOnce();
      await built.worker.runOnce();
      clock = new Date(clock.getTime() + 60_000);
      await built.worker.runOnce();
      const row = await built.outbox.find(id);
      expect(row?.status).toBe('sent');
      expect(row?.rendered).toBeNull(); // only the development mailbox keeps the text
      expect(smtp.received).toHaveLength(1);
      expect(smtp.received[0]?.to).toEqual(['lea@exemple.fr']);
      expect(smtp.received[0]?.messageId).toBe(`<${id}@exemple.fr>`);
      expect(smtp.received[0]?.raw).toContain('Bonjour L');
    } finally {
      await smtp.close();
    }
  });

  it('gives up after the bounded number of attempts and shows the message as failed', async () => {
    const id = await built.inTransaction((trx) =>
      enqueueNotification(trx, { template: bonjour, recipient: 'jamais@exemple.fr', values: { prenom: 'Jamais' } }),
    );
    for (let attempt = 0; attempt < 5; attempt += 1) {
      await built.worker.runOnce();
      clock = new Date(clock.getTime() + 3_600_000);
    }
    const row = await built.outbox.find(id);
    expect(row?.status).toBe('failed');
    expect(row?.attempts).toBe(3);
    expect((await built.outbox.backlog()).failed).toBeGreaterThanOrEqual(1);
  });

  it('sends SMS through the HTTP gateway with its authorisation header, retrying a 503', async () => {
    const id = await built.inTransaction((trx) =>
      enqueueNotification(trx, { template: titreDisponible, recipient: '+33612345678', values: { numero: 'D-24-000123' } }),
    );
    await built.worker.runOnce();
    clock = new Date(clock.getTime() + 5_000);
    await built.worker.runOnce();
    expect((await built.outbox.find(id))?.status).toBe('sent');
    expect(gateway.received).toHaveLength(1);
    expect(gateway.received[0]?.headers.authorization).toBe('Bearer secret-de-test');
    expect(gateway.received[0]?.body).toEqual({ to: '+33612345678', text: 'Votre titre D-24-000123 est disponible en mairie.', reference: id });
  });
});
