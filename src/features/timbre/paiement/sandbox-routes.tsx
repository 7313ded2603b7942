import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { field } from '../../../kernel/http/input.ts';
import { ErrorSummary } from '../../../kernel/views/components/alert.tsx';
import { CsrfField } from '../../../kernel/views/components/csrf-field.tsx';
import { Input } from '../../../kernel/views/components/input.tsx';
import { Layout } from '../../../kernel/views/layout.tsx';
import type { PageContext } from '../../../kernel/views/page-context.ts';
import type { Children } from '../../../kernel/views/html.ts';
import { euros } from '../contenu.ts';
import { CARTES_DE_TEST, CODE_3DS_DE_TEST } from './cartes.ts';
import { SANDBOX_PREFIXE, type EtapeSandbox, type Sandbox } from './sandbox.ts';
import type { PaiementSandbox } from './sandbox-repository.ts';

const champ = (body: unknown, name: string) => field(body, name, 40);

// Whoever lands here must never believe a real card is being charged.
function PageSandbox({ ctx, titre, paiement, erreurs, children }: { ctx: PageContext; titre: string; paiement: PaiementSandbox; erreurs: Record<string, string | undefined>; children: Children }) {
  return (
    <Layout ctx={ctx} title={`${Object.values(erreurs).some(Boolean) ? 'Erreur — ' : ''}${titre} — environnement de test`}>
      <div class="fr-notice fr-notice--warning fr-mb-3w">
        <div class="fr-container">
          <div class="fr-notice__body">
            <p class="fr-notice__title">Environnement de test du paiement : aucune carte réelle n’est débitée. N’y saisissez jamais une vraie carte.</p>
          </div>
        </div>
      </div>
      <h1>{titre}</h1>
      <p>
        Paiement de <strong>{euros(paiement.montant_centimes)}</strong> pour la commande {paiement.commande_reference}.
      </p>
      <ErrorSummary errors={erreurs} />
      {children}
    </Layout>
  );
}

function CartesDeTest() {
  return (
    <div class="fr-table fr-table--no-caption">
      <table>
        <caption>Cartes de test</caption>
        <thead>
          <tr>
            <th scope="col">Numéro</th>
            <th scope="col">Résultat</th>
          </tr>
        </thead>
        <tbody>
          {CARTES_DE_TEST.map((c) => (
            <tr>
              <td>{c.numero.replace(/(\d{4})(?=\d)/g, '$1 ')}</td>
              <td>{c.effet}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/** The sandbox provider's hosted pages: card form, then the 3-D Secure confirmation. */
export function registerSandboxRoutes(app: FastifyInstance, sandbox: Sandbox) {
  const suivre = (reply: FastifyReply, etape: EtapeSandbox) => (etape.kind === 'redirection' ? reply.redirect(etape.url, 303) : reply.sendPage('not-found'));

  const pageCarte = (request: FastifyRequest, p: PaiementSandbox, erreurs: Record<string, string | undefined> = {}, expiration = '') => (
    <PageSandbox ctx={request.pageContext()} titre="Payer par carte bancaire" paiement={p} erreurs={erreurs}>
      <form method="post" action={`${SANDBOX_PREFIXE}/${p.id}`} novalidate autocomplete="off">
        <CsrfField token={request.pageContext().csrfToken} />
        <Input name="numero" label="Numéro de carte" hint="16 chiffres, au recto de la carte" inputmode="numeric" autocomplete="cc-number" error={erreurs.numero} maxlength={23} />
        <Input name="expiration" label="Date d’expiration" hint="Format MM/AA" autocomplete="cc-exp" value={expiration} error={erreurs.expiration} maxlength={7} />
        <Input name="cvv" label="Cryptogramme visuel" hint="3 chiffres, au dos de la carte" inputmode="numeric" autocomplete="cc-csc" error={erreurs.cvv} maxlength={4} />
        <button class="fr-btn" type="submit">
          Payer {euros(p.montant_centimes)}
        </button>
      </form>
      <h2 class="fr-h4 fr-mt-4w">Cartes de test</h2>
      <p>Avec toute date d’expiration future et tout cryptogramme de 3 chiffres ; code 3-D Secure : {CODE_3DS_DE_TEST}.</p>
      <CartesDeTest />
    </PageSandbox>
  );

  app.get<{ Params: { id: string } }>(`${SANDBOX_PREFIXE}/:id`, async (request, reply) => {
    const p = await sandbox.trouver(request.params.id.slice(0, 40));
    if (!p) return reply.sendPage('not-found');
    if (p.statut !== 'cree') return reply.redirect(p.statut === 'authentification' ? `${SANDBOX_PREFIXE}/${p.id}/3ds` : p.retour_url, 303);
    return reply.page(pageCarte(request, p));
  });
  app.post<{ Params: { id: string } }>(`${SANDBOX_PREFIXE}/:id`, async (request, reply) => {
    const id = request.params.id.slice(0, 40);
    // The card fields live only in this request: never stored, never logged, never sent back.
    const etape = await sandbox.saisirCarte(id, { numero: champ(request.body, 'numero'), expiration: champ(request.body, 'expiration'), cvv: champ(request.body, 'cvv') });
    const p = await sandbox.trouver(id);
    if (etape.kind === 'erreurs' && p) return reply.status(400).page(pageCarte(request, p, etape.erreurs, champ(request.body, 'expiration')));
    return suivre(reply, etape);
  });

  const page3ds = (request: FastifyRequest, p: PaiementSandbox, erreur?: string) => (
    <PageSandbox ctx={request.pageContext()} titre="Confirmez le paiement (3-D Secure)" paiement={p} erreurs={{ code: erreur }}>
      <p>Votre banque vous demande de confirmer ce paiement avec le code reçu par SMS. Environnement de test : le code est {CODE_3DS_DE_TEST}.</p>
      <form method="post" action={`${SANDBOX_PREFIXE}/${p.id}/3ds`} novalidate>
        <CsrfField token={request.pageContext().csrfToken} />
        <Input name="code" label="Code de confirmation" hint="6 chiffres" inputmode="numeric" autocomplete="one-time-code" error={erreur} maxlength={6} />
        <ul class="fr-btns-group fr-btns-group--inline-md">
          <li>
            <button class="fr-btn" type="submit" name="action" value="confirmer">
              Confirmer le paiement
            </button>
          </li>
          <li>
            <button class="fr-btn fr-btn--secondary" type="submit" name="action" value="abandonner">
              Abandonner
            </button>
          </li>
        </ul>
      </form>
    </PageSandbox>
  );
  app.get<{ Params: { id: string } }>(`${SANDBOX_PREFIXE}/:id/3ds`, async (request, reply) => {
    const p = await sandbox.trouver(request.params.id.slice(0, 40));
    if (!p) return reply.sendPage('not-found');
    if (p.statut !== 'authentification') return reply.redirect(p.statut === 'cree' ? `${SANDBOX_PREFIXE}/${p.id}` : p.retour_url, 303);
    return reply.page(page3ds(request, p));
  });
  app.post<{ Params: { id: string } }>(`${SANDBOX_PREFIXE}/:id/3ds`, async (request, reply) => {
    const id = request.params.id.slice(0, 40);
    const etape = await sandbox.authentifier(id, champ(request.body, 'code'), champ(request.body, 'action') === 'abandonner');
    const p = await sandbox.trouver(id);
    if (etape.kind === 'erreurs' && p) return reply.status(400).page(page3ds(request, p, (etape.erreurs as { code?: string }).code));
    return suivre(reply, etape);
  });
}
