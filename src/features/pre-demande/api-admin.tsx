import type { FastifyInstance, FastifyRequest } from 'fastify';
import { recordAudit } from '../../kernel/audit/audit-repository.ts';
import { hashToken, randomToken } from '../../kernel/auth/tokens.ts';
import type { Db } from '../../kernel/db/database.ts';
import { UUID } from '../../kernel/db/ids.ts';
import { field } from '../../kernel/http/input.ts';
import { requireAgent } from '../../kernel/http/web-kernel.ts';
import { Layout } from '../../kernel/views/layout.tsx';
import { Alert, ErrorSummary } from '../../kernel/views/components/alert.tsx';
import { CsrfField } from '../../kernel/views/components/csrf-field.tsx';
import { Input } from '../../kernel/views/components/input.tsx';
import { apiRepository, type Editeur } from './api-repository.ts';

/** Administrators give each appointment-software editor its own token, and revoke it. */
export function registerApiAdminRoutes(app: FastifyInstance, deps: { db: Db; now: () => Date }) {
  const repo = apiRepository(deps.db);
  const guard = { preHandler: requireAgent('admin') };
  const page = async (request: FastifyRequest, state: { jeton?: string; erreur?: string; nom?: string } = {}) => (
    <EditeursPage ctx={request.pageContext()} editeurs={await repo.editeurs()} {...state} />
  );

  app.get('/admin/editeurs-api', guard, async (request, reply) => reply.page(await page(request)));

  app.post('/admin/editeurs-api', guard, async (request, reply) => {
    const nom = field(request.body, 'nom', 120).trim();
    if (!nom) return reply.status(400).page(await page(request, { erreur: 'Saisissez le nom de l’éditeur.' }));
    const jeton = randomToken();
    const id = await repo.creerEditeur(nom, hashToken(jeton));
    await recordAudit(deps.db, request.principal, { action: 'creer-editeur-api', objectType: 'api_editeur', objectId: id });
    // Shown once, never stored in clear: whoever loses it gets a new one.
    return reply.page(await page(request, { jeton, nom }));
  });

  app.post('/admin/editeurs-api/:id/revoquer', guard, async (request, reply) => {
    const { id } = request.params as { id: string };
    if (!UUID.test(id) || !(await repo.revoquer(id, deps.now()))) return reply.sendPage('not-found');
    await recordAudit(deps.db, request.principal, { action: 'revoquer-editeur-api', objectType: 'api_editeur', objectId: id });
    return reply.redirect('/admin/editeurs-api', 303);
  });
}

interface EditeursPageProps {
  ctx: ReturnType<FastifyRequest['pageContext']>;
  editeurs: Editeur[];
  jeton?: string;
  nom?: string;
  erreur?: string;
}

function EditeursPage({ ctx, editeurs, jeton, nom, erreur }: EditeursPageProps) {
  return (
    <Layout ctx={ctx} title={`${erreur ? 'Erreur : ' : ''}Éditeurs de logiciels de rendez-vous`}>
      <h1>Éditeurs de logiciels de rendez-vous</h1>
      <p>
        Chaque éditeur reçoit un jeton pour interroger le statut des pré-demandes (<a href="/api/v1/pre-demandes/openapi.json">description OpenAPI</a>). Aucune donnée
        personnelle n’est transmise.
      </p>
      {jeton ? (
        <Alert type="success" title={`Jeton créé pour ${nom}`}>
          <p>Copiez-le maintenant : il ne sera plus jamais affiché.</p>
          <p>
            <code>{jeton}</code>
          </p>
        </Alert>
      ) : null}
      <ErrorSummary errors={{ nom: erreur }} />
      <form method="post" action="/admin/editeurs-api" novalidate class="fr-mb-4w">
        <CsrfField token={ctx.csrfToken} />
        <Input name="nom" label="Nom de l’éditeur" error={erreur} maxlength={120} />
        <button class="fr-btn" type="submit">
          Créer un jeton
        </button>
      </form>
      <h2>Éditeurs</h2>
      {editeurs.length === 0 ? <p>Aucun éditeur pour le moment.</p> : null}
      <ul>
        {editeurs.map((editeur) => (
          <li class="fr-mb-1w">
            {editeur.nom} — {editeur.actif ? 'actif' : 'révoqué'}
            {editeur.actif ? (
              <form method="post" action={`/admin/editeurs-api/${editeur.id}/revoquer`} class="gt-inline-form">
                <CsrfField token={ctx.csrfToken} />{' '}
                <button class="fr-btn fr-btn--sm fr-btn--tertiary" type="submit">
                  Révoquer<span class="fr-sr-only"> le jeton de {editeur.nom}</span>
                </button>
              </form>
            ) : null}
          </li>
        ))}
      </ul>
    </Layout>
  );
}
