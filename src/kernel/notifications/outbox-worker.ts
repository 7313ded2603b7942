import type { FastifyBaseLogger } from 'fastify';
import { DeliveryError, type DeliveryChannel } from './channels.ts';
import type { NotificationRow, OutboxRepository } from './outbox-repository.ts';
import type { Channel, TemplateRegistry } from './templates.ts';

export interface OutboxWorkerOptions {
  repository: OutboxRepository;
  templates: TemplateRegistry;
  channels: Record<Channel, DeliveryChannel>;
  now: () => Date;
  logger: Pick<FastifyBaseLogger, 'info' | 'warn' | 'error'>;
  maxAttempts?: number;
  baseDelayMs?: number;
  maxDelayMs?: number;
  pollMs?: number;
  batchSize?: number;
  leaseSeconds?: number;
}

/**
 * Delivers queued messages after their transaction committed. Idempotent: it re-reads each
 * row through an exclusive claim and sends only what is still unsent; failures are retried
 * with exponential back-off, then end in the terminal `failed` state shown to admins.
 */
export class OutboxWorker {
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<void> | undefined;
  private stopped = true;
  private readonly maxAttempts: number;
  private readonly baseDelayMs: number;
  private readonly maxDelayMs: number;

  constructor(private readonly options: OutboxWorkerOptions) {
    this.maxAttempts = options.maxAttempts ?? 8;
    this.baseDelayMs = options.baseDelayMs ?? 5_000;
    this.maxDelayMs = options.maxDelayMs ?? 3_600_000;
  }

  start() {
    this.stopped = false;
    this.schedule(0);
  }

  async stop() {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    await this.running;
  }

  /** Called after a commit that queued messages, so they leave without waiting for the poll. */
  wake() {
    if (!this.stopped) this.schedule(0);
  }

  /** Processes every due message once; returns how many were handled. */
  async runOnce(): Promise<number> {
    let handled = 0;
    for (;;) {
      const batch = await this.options.repository.claimDue(this.options.now(), this.options.batchSize ?? 10, this.options.leaseSeconds ?? 60);
      if (batch.length === 0) return handled;
      for (const row of batch) await this.deliver(row);
      handled += batch.length;
    }
  }

  private schedule(delay: number) {
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      if (this.running) return this.schedule(50);
      this.running = this.runOnce()
        .catch((error: unknown) => this.options.logger.error({ err: error }, 'file des messages : tour en échec'))
        .then(() => {
          this.running = undefined;
          if (!this.stopped) this.schedule(this.options.pollMs ?? 1_000);
        });
    }, delay);
    this.timer.unref();
  }

  private async deliver(row: NotificationRow) {
    const { repository, templates, channels, now, logger } = this.options;
    const template = templates.get(row.template, row.templateVersion);
    if (!template) {
      await repository.markFailed(row.id, `Modèle inconnu : ${row.template}@${row.templateVersion}`);
      return;
    }
    const channel = channels[row.channel];
    const message = template.render(row.values);
    try {
      await channel.send({ id: row.id, recipient: row.recipient, message });
      await repository.markSent(row.id, now(), channel.name, channel.keepsContent ? message : null, row.values);
      logger.info({ notification: row.id, template: row.template, canal: channel.name }, 'message envoyé');
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error);
      const permanent = error instanceof DeliveryError && error.permanent;
      if (permanent || row.attempts >= this.maxAttempts) {
        await repository.markFailed(row.id, reason);
        logger.error({ notification: row.id, template: row.template, tentatives: row.attempts }, 'message en échec définitif');
        return;
      }
      const delay = Math.min(this.maxDelayMs, this.baseDelayMs * 2 ** (row.attempts - 1));
      await repository.markRetry(row.id, new Date(now().getTime() + delay), reason);
      logger.warn({ notification: row.id, tentatives: row.attempts, delaiMs: delay }, 'message reporté');
    }
  }
}
