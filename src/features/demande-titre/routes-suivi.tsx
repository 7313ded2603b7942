import type { FastifyInstance } from 'fastify';
import { isIsoDate } from '../../kernel/forms/index.ts';
import { field } from '../../kernel/http/input.ts';
import type { Pseudonymize } from '../../kernel/auth/pseudonym.ts';
import type { RateLimiter } from '../../kernel/http/rate-limit.ts';
import { Layout } from '../../kernel/views/layout.tsx';
import type { PageContext } from '../../kernel/views/page-context.ts';
import { Alert, ErrorSummary } from '../../kernel/views/components/alert.tsx';
import { CsrfField } from '../../kernel/views/components/csrf-field.tsx';
import { Input } from '../../kernel/views/components/input.tsx';
import { LIBELLES_ETATS, type Etat } from './cycle-de-vie.ts';
import type { DemandesService } from './demandes-service.ts';
import { ETAPE_SUIVANTE, TITRES } from './views-communs.tsx';


interface SuiviState {
  numero?: string;
  date?: string;
  erreurs?: { numero?: string; date?: string };
  resultat?: { titre: 'cni' | 'passeport'; etat: Etat; mairie: string } | 'introuvable' | 'trop';
}

function SuiviPage({ ctx, state }: { ctx: PageContext; state: SuiviState }) {
  const resultat = state.resultat;
  return (
    <Layout ctx={ctx} title="Suivre ma demande">
      <h1>Suivre ma demande de titre</h1>
      <p>Sans compte : saisissez le numéro de demande inscrit sur votre récépissé et votre date de naissance.</p>
      {resultat === 'introuvable' ? (
        <Alert type="error" title="Aucune demande ne correspond">
          <p>Vérifiez le numéro de demande et la date de naissance.</p>
        </Alert>
      ) : null}
      {resultat === 'trop' ? (
        <Alert type="error" title="Trop de recherches">
          <p>Patientez quelques minutes avant de réessayer.</p>
        </Alert>
      ) : null}
      {resultat && typeof resultat === 'object' ? (
        <Alert type="info" title={`${TITRES[resultat.titre]} : demande ${LIBELLES_ETATS[resultat.etat]}`}>
          <p>{ETAPE_SUIVANTE[resultat.etat]}</p>
          <p>Mairie de retrait : {resultat.mairie}</p>
        </Alert>
      ) : null}
      <ErrorSummary errors={state.erreurs ?? {}} />
      <form method="post" action="/suivi" novalidate>
        <CsrfField token={ctx.csrfToken} />
        <Input name="numero" label="Numéro de demande" hint="Par exemple D-24-K7M2QX9P" value={state.numero} error={state.erreurs?.numero} autocomplete="off" maxlength={20} />
        <Input name="date" label="Date de naissance" type="date" value={state.date} error={state.erreurs?.date} autocomplete="bday" />
        <button class="fr-btn" type="submit">
          Voir l’état de ma demande
        </button>
      </form>
    </Layout>
  );
}

export function registerSuiviRoutes(app: FastifyInstance, deps: { demandes: DemandesService; rateLimiter: RateLimiter; pseudonymize: Pseudonymize; nomCommune: (code: string) => string }) {
  app.get('/suivi', async (request, reply) => reply.page(<SuiviPage ctx={request.pageContext()} state={{}} />));

  app.post('/suivi', async (request, reply) => {
    const body = (request.body ?? {}) as Record<string, unknown>;
    const numero = field(body, 'numero', 20).trim().toUpperCase();
    const date = field(body, 'date', 10).trim();
    const erreurs: SuiviState['erreurs'] = {};
    if (!/^D-[0-9AB]{2,3}-[A-Z2-9]{8}$/.test(numero)) erreurs.numero = 'Le numéro de demande a la forme D-24-K7M2QX9P.';
    if (!date) erreurs.date = 'Saisissez votre date de naissance.';
    else if (!isIsoDate(date)) erreurs.date = 'Cette date n’existe pas : vérifiez le jour et le mois de votre date de naissance.';
    if (erreurs.numero || erreurs.date) return reply.status(400).page(<SuiviPage ctx={request.pageContext()} state={{ numero, date, erreurs }} />);
    // Number + birth date is guessable in bulk: a few tries per client and per number.
    const parClient = await deps.rateLimiter.hit(`suivi:${deps.pseudonymize('ip', request.ip)}`, 10, 15 * 60);
    const parNumero = await deps.rateLimiter.hit(`suivi:${deps.pseudonymize('demande', numero)}`, 5, 15 * 60);
    if (!parClient.allowed || !parNumero.allowed) return reply.status(429).page(<SuiviPage ctx={request.pageContext()} state={{ numero, date, resultat: 'trop' }} />);
    const demande = await deps.demandes.suivre(numero, date);
    const resultat: SuiviState['resultat'] = demande ? { titre: demande.titre, etat: demande.etat, mairie: deps.nomCommune(demande.commune_remise) } : 'introuvable';
    return reply.status(demande ? 200 : 404).page(<SuiviPage ctx={request.pageContext()} state={{ numero, date, resultat }} />);
  });
}
