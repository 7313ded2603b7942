import { mobileE164 } from '../telephone/mobile.ts';
import nodemailer from 'nodemailer';
import type { RenderedMessage } from './templates.ts';

export interface OutgoingMessage {
  id: string;
  recipient: string;
  message: RenderedMessage;
}

/** Thrown by a channel; `permanent` errors (a refused address) are not retried. */
export class DeliveryError extends Error {
  constructor(
    message: string,
    readonly permanent: boolean,
  ) {
    super(message);
    this.name = 'DeliveryError';
  }
}

/** The only modules that talk to SMTP servers or SMS gateways. */
export interface DeliveryChannel {
  readonly name: string;
  /** True when the rendered text is kept (the development mailbox only). */
  readonly keepsContent: boolean;
  send(message: OutgoingMessage): Promise<void>;
  close?(): Promise<void>;
}

export function smtpChannel(smtpUrl: string, from: string, messageIdDomain: string): DeliveryChannel {
  const transport = nodemailer.createTransport(smtpUrl);
  return {
    name: 'smtp',
    keepsContent: false,
    async send({ id, recipient, message }) {
      try {
        const attachments = await Promise.all(
          (message.attachments ?? []).map(async (a) => ({ filename: a.filename, contentType: a.contentType, content: typeof a.content === 'function' ? await a.content() : a.content })),
        );
        await transport.sendMail({
          from,
          to: recipient,
          subject: message.subject ?? '',
          text: message.text,
          attachments,
          // A stable Message-ID lets a mail server recognise a resend after a crash.
          messageId: `<${id}@${messageIdDomain}>`,
        });
      } catch (error) {
        const code = (error as { responseCode?: number }).responseCode;
        // 5xx answers are final (mailbox unknown, refused); connection errors and 4xx are retried.
        throw new DeliveryError(`SMTP : ${(error as Error).message}`, code !== undefined && code >= 500 && code < 600);
      }
    },
    close() {
      transport.close();
      return Promise.resolve();
    },
  };
}

/**
 * SMS through an HTTP gateway: POST JSON `{ to, text, reference }` with the configured
 * Authorization header. The reference (our message id) lets the gateway drop duplicates.
 */
export function httpSmsChannel(url: string, authorization: string | undefined, fetchImpl: typeof fetch = fetch): DeliveryChannel {
  return {
    name: 'sms-http',
    keepsContent: false,
    async send({ id, recipient, message }) {
      // The one telephone rule: a number the gateway cannot reach fails at once, visibly.
      const to = mobileE164(recipient);
      if (!to) throw new DeliveryError('Numéro de mobile invalide pour un SMS', true);
      let response: Response;
      try {
        response = await fetchImpl(url, {
          method: 'POST',
          headers: {
            'content-type': 'application/json',
            'idempotency-key': id,
            ...(authorization ? { authorization } : {}),
          },
          body: JSON.stringify({ to, text: message.text, reference: id }),
          signal: AbortSignal.timeout(10_000),
        });
      } catch (error) {
        throw new DeliveryError(`Passerelle SMS injoignable : ${(error as Error).message}`, false);
      }
      if (response.ok) return;
      const permanent = response.status >= 400 && response.status < 500 && response.status !== 429 && response.status !== 408;
      throw new DeliveryError(`Passerelle SMS : réponse ${response.status}`, permanent);
    },
  };
}

/** Development only: messages are kept and read on /dev/boite instead of being sent. */
export function devMailboxChannel(): DeliveryChannel {
  return { name: 'boite-dev', keepsContent: true, async send() {} };
}
