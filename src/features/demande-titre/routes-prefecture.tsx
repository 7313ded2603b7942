import type { FastifyInstance } from 'fastify';
import { field } from '../../kernel/http/input.ts';
import { recordAudit } from '../../kernel/audit/audit-repository.ts';
import type { Db } from '../../kernel/db/database.ts';
import { requireAgent } from '../../kernel/http/web-kernel.ts';
import { Layout } from '../../kernel/views/layout.tsx';
import type { PageContext } from '../../kernel/views/page-context.ts';
import { Alert, ErrorSummary } from '../../kernel/views/components/alert.tsx';
import { CsrfField } from '../../kernel/views/components/csrf-field.tsx';
import { Input } from '../../kernel/views/components/input.tsx';
import type { DemandeRow, HistoriqueRow } from './demandes-repository.ts';
import { perimetreDe, type DemandesService } from './demandes-service.ts';
import { FicheDemande, Historique } from './views-communs.tsx';

interface RechercheState {
  numero?: string;
  erreur?: string;
  introuvable?: boolean;
  demande?: DemandeRow;
  historique?: HistoriqueRow[];
}

function RecherchePage({ ctx, state, nomCommune }: { ctx: PageContext; state: RechercheState; nomCommune: (code: string) => string }) {
  return (
    <Layout ctx={ctx} title="Rechercher une demande">
      <h1>Rechercher une demande</h1>
      <p>Pour répondre à un usager à l’accueil ou au téléphone : consultation seule, chaque recherche est tracée.</p>
      <ErrorSummary errors={{ numero: state.erreur }} />
      {state.introuvable ? (
        <Alert type="info" title="Aucune demande de votre département ne porte ce numéro">
          <p>Vérifiez le numéro avec l’usager (il figure sur son récépissé).</p>
        </Alert>
      ) : null}
      <form method="post" action="/prefecture/recherche" novalidate class="fr-mb-5w">
        <CsrfField token={ctx.csrfToken} />
        <Input name="numero" label="Numéro de demande" hint="Par exemple D-24-K7M2QX9P" value={state.numero} error={state.erreur} autocomplete="off" maxlength={20} />
        <button class="fr-btn" type="submit">
          Rechercher
        </button>
      </form>
      {state.demande ? (
        <>
          <h2>Demande {state.demande.numero}</h2>
          <FicheDemande demande={state.demande} nomCommune={nomCommune} />
          <h3 class="fr-mt-4w">Historique</h3>
          <Historique lignes={state.historique ?? []} />
        </>
      ) : null}
    </Layout>
  );
}

/** Préfecture reception and telephone agents: read-only lookup within their département, audited. */
export function registerPrefectureRoutes(app: FastifyInstance, deps: { db: Db; demandes: DemandesService; nomCommune: (code: string) => string }) {
  const prefecture = { preHandler: requireAgent('agent_prefecture') };
  app.get('/prefecture/recherche', prefecture, async (request, reply) => reply.page(<RecherchePage ctx={request.pageContext()} state={{}} nomCommune={deps.nomCommune} />));
  app.post('/prefecture/recherche', prefecture, async (request, reply) => {
    const numero = field(request.body, 'numero', 20).trim().toUpperCase();
    if (!/^D-[0-9AB]{2,3}-[A-Z2-9]{8}$/.test(numero)) {
      return reply.status(400).page(<RecherchePage ctx={request.pageContext()} state={{ numero, erreur: 'Le numéro de demande a la forme D-24-K7M2QX9P.' }} nomCommune={deps.nomCommune} />);
    }
    const demande = await deps.demandes.trouverParNumero(perimetreDe(request.principal!)!, numero);
    await recordAudit(deps.db, request.principal, { action: 'consulter', objectType: 'demande_titre', objectId: demande?.id ?? null, outcome: demande ? 'succes' : 'refus' });
    if (!demande) return reply.status(404).page(<RecherchePage ctx={request.pageContext()} state={{ numero, introuvable: true }} nomCommune={deps.nomCommune} />);
    const historique = await deps.demandes.historique(demande.id);
    return reply.page(<RecherchePage ctx={request.pageContext()} state={{ numero, demande, historique }} nomCommune={deps.nomCommune} />);
  });
}
