import type { FastifyInstance } from 'fastify';
import type { OutboxRepository } from '../../kernel/notifications/outbox-repository.ts';
import { Layout } from '../../kernel/views/layout.tsx';

/**
 * Development mailbox: without SMTP or SMS configuration, messages are kept here so a whole
 * journey can be followed on one machine. Never registered in production mode.
 */
// Links of our own origin become clickable, so a journey (activation, reset) can be followed here.
function MessageText({ text, origin }: { text: string; origin: string }) {
  const parts = text.split(/(https?:\/\/\S+)/);
  return (
    <pre class="gt-message">
      {parts.map((part) => (part.startsWith(origin) ? <a href={part}>{part}</a> : part))}
    </pre>
  );
}

export function registerBoiteDevRoutes(app: FastifyInstance, deps: { outbox: OutboxRepository; publicOrigin: string }) {
  app.get('/dev/boite', async (request, reply) => {
    const messages = await deps.outbox.list({ deliveredBy: 'boite-dev', limit: 50 });
    return reply.page(
      <Layout ctx={request.pageContext()} title="Boîte de développement">
        <h1>Boîte de développement</h1>
        <p>Messages qui auraient été envoyés par courriel ou SMS (50 derniers). Cette page n’existe pas en production.</p>
        {messages.length === 0 ? <p>Aucun message pour le moment.</p> : null}
        {messages.map((message) => (
          <article class="fr-card fr-mb-3w">
            <div class="fr-card__body">
              <div class="fr-card__content">
                <h2 class="fr-card__title">{message.rendered?.subject ?? `SMS à ${message.recipient}`}</h2>
                <p class="fr-card__desc">
                  {message.channel === 'email' ? 'Courriel' : 'SMS'} à {message.recipient} —{' '}
                  {message.sentAt?.toLocaleString('fr-FR', { timeZone: 'Europe/Paris' })}
                </p>
                <MessageText text={message.rendered?.text ?? ''} origin={deps.publicOrigin} />
              </div>
            </div>
          </article>
        ))}
      </Layout>,
    );
  });
}
