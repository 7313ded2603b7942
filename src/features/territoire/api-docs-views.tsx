// Page lisible de la documentation de l'API, tirée du même document OpenAPI que le JSON.
import { Layout } from '../../kernel/views/layout.tsx';
import type { PageContext } from '../../kernel/views/page-context.ts';
import type { FastifyInstance } from 'fastify';
import { documentOpenApi } from './openapi.ts';

type Doc = ReturnType<typeof documentOpenApi>;
interface Parametre {
  name: string;
  in: string;
  required?: boolean;
  description?: string;
}
interface Operation {
  summary: string;
  description?: string;
  parameters?: Parametre[];
  responses: Record<string, { description: string }>;
}

export function ApiDocsPage({ ctx, doc }: { ctx: PageContext; doc: Doc }) {
  const chemins = Object.entries(doc.paths as Record<string, { get: Operation }>);
  return (
    <Layout ctx={ctx} title="API publique du territoire">
      <h1>{doc.info.title}</h1>
      <p>{doc.info.description}</p>
      <p>
        Document OpenAPI {doc.openapi} : <a href="/api/openapi.json">/api/openapi.json</a>
      </p>
      {chemins.map(([chemin, { get }]) => (
        <section class="fr-mb-4w">
          <h2>
            <code>GET {chemin}</code>
          </h2>
          <p>
            <strong>{get.summary}</strong>
          </p>
          {get.description ? <p>{get.description}</p> : null}
          {get.parameters && get.parameters.length > 0 ? (
            <>
              <h3>Paramètres</h3>
              <ul>
                {get.parameters.map((p) => (
                  <li>
                    <code>{p.name}</code> ({p.required ? 'obligatoire' : 'facultatif'}){p.description ? ` : ${p.description}` : ''}
                  </li>
                ))}
              </ul>
            </>
          ) : null}
          <h3>Réponses</h3>
          <ul>
            {Object.entries(get.responses).map(([code, r]) => (
              <li>
                <code>{code}</code> : {r.description}
              </li>
            ))}
          </ul>
        </section>
      ))}
    </Layout>
  );
}

export function registerDocsApi(app: FastifyInstance, publicUrl: URL) {
  const doc = documentOpenApi(publicUrl.origin);
  app.get('/api/openapi.json', async (_request, reply) => reply.send(doc));
  app.get('/api/docs', async (request, reply) => reply.page(<ApiDocsPage ctx={request.pageContext()} doc={doc} />));
}
