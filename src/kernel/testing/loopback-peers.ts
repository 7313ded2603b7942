import http from 'node:http';
import net from 'node:net';
import { SMTPServer } from 'smtp-server';

/** A free TCP port on loopback, released before returning so a peer can bind it later. */
export async function freePort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as net.AddressInfo).port;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

export interface ReceivedMail {
  from: string;
  to: string[];
  raw: string;
  messageId: string | undefined;
}

/** A real SMTP server on loopback: the platform talks SMTP to it exactly as to a relay. */
export async function startSmtpServer(port: number) {
  const received: ReceivedMail[] = [];
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS', 'AUTH'],
    logger: false,
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      stream.on('end', () => {
        const raw = Buffer.concat(chunks).toString('utf8');
        received.push({
          from: session.envelope.mailFrom ? session.envelope.mailFrom.address : '',
          to: session.envelope.rcptTo.map((rcpt) => rcpt.address),
          raw,
          messageId: /^Message-ID:\s*(.+)$/im.exec(raw)?.[1]?.trim(),
        });
        callback();
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
  return { received, close: () => new Promise<void>((resolve) => server.close(() => resolve())) };
}

export interface ReceivedSms {
  headers: http.IncomingHttpHeaders;
  body: { to: string; text: string; reference: string };
}

/** A fake SMS gateway on loopback that answers with the given statuses in turn, then 200. */
export async function startSmsGateway(statuses: number[] = []) {
  const received: ReceivedSms[] = [];
  const queue = [...statuses];
  const server = http.createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      const status = queue.shift() ?? 200;
      if (status === 200) received.push({ headers: request.headers, body: JSON.parse(Buffer.concat(chunks).toString('utf8')) as ReceivedSms['body'] });
      response.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify({ ok: status === 200 }));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as net.AddressInfo).port;
  return { url: `http://127.0.0.1:${port}/sms`, received, close: () => new Promise<void>((resolve) => server.close(() => resolve())) };
}
