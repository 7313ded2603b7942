import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { requireUsager } from '../../kernel/http/web-kernel.ts';
import type { CompteUsagerService } from './compte-usager-service.ts';
import { field } from '../../kernel/http/input.ts';
import { emailProblem } from './formulaire.ts';
import { MOBILE_INVALIDE, mobileE164 } from '../../kernel/telephone/mobile.ts';
import { MonComptePage, type MonCompteState } from './mon-compte-views.tsx';
import { FormPage, LIEN_INVALIDE, MessagePage } from './views.tsx';

/** Change of address or mobile, and deletion: each asks for the password again. */
export function registerMonCompteRoutes(app: FastifyInstance, deps: { compteUsager: CompteUsagerService }) {
  const service = deps.compteUsager;
  const guard = { preHandler: requireUsager() };

  async function show(request: FastifyRequest, reply: FastifyReply, state: MonCompteState = {}, status = 200) {
    const principal = request.principal!;
    const [account, mobile] = await Promise.all([service.compte(principal.userId), service.telephone(principal.userId)]);
    if (!account) return reply.sendPage('not-found');
    return reply.status(status).page(<MonComptePage ctx={request.pageContext()} email={account.email} mobile={mobile} state={state} />);
  }

  type Form = NonNullable<MonCompteState['form']>;

  /**
   * Checks the password typed again. Answers what to show instead of carrying out the action,
   * or null when the password is right. It sends nothing itself: the caller answers, so a
   * refusal can never be mistaken for a go-ahead (an awaited reply resolves to undefined).
   */
  async function refusMotDePasse(request: FastifyRequest, form: Form, values: Record<string, string>): Promise<MonCompteState | 'throttled' | null> {
    const password = field(request.body, `motDePasse-${form}`);
    const verdict = password ? await service.verifierMotDePasse(request.principal!, password) : 'faux';
    if (verdict === 'ok') return null;
    if (verdict === 'throttled') return 'throttled';
    const message = password ? 'Mot de passe incorrect.' : 'Saisissez votre mot de passe actuel.';
    return { form, values, errors: { [`motDePasse-${form}`]: message } };
  }

  function refuser(request: FastifyRequest, reply: FastifyReply, refus: MonCompteState | 'throttled') {
    return refus === 'throttled' ? reply.sendPage('too-many') : show(request, reply, refus, 400);
  }

  app.get('/mon-compte', guard, async (request, reply) => {
    const done = field(request.query, 'fait', 20);
    return show(request, reply, { done: done === 'adresse' || done === 'telephone' ? done : undefined });
  });

  // Opened from the message sent to the new address: the link only shows a button, so mail
  // scanners that follow links do not use it up. Works without being signed in (another device).
  app.get('/mon-compte/adresse/confirmer', async (request, reply) => {
    const jeton = field(request.query, 'jeton', 64);
    if (!jeton || !(await service.changementEmailEstValide(jeton))) {
      return reply.page(<MessagePage ctx={request.pageContext()} title="Lien de confirmation invalide" type="error" text={LIEN_INVALIDE} link={{ href: '/mon-compte', label: 'Mon compte' }} />);
    }
    return reply.page(<FormPage ctx={request.pageContext()} title="Confirmer ma nouvelle adresse électronique" action="/mon-compte/adresse/confirmer" submit="Confirmer cette adresse" fields={[]} hidden={{ jeton }} />);
  });

  app.post('/mon-compte/adresse/confirmer', async (request, reply) => {
    if (!(await service.confirmerChangementEmail(field(request.body, 'jeton', 64)))) {
      return reply.status(400).page(<MessagePage ctx={request.pageContext()} title="Lien de confirmation invalide" type="error" text={LIEN_INVALIDE} link={{ href: '/mon-compte', label: 'Mon compte' }} />);
    }
    return reply.page(<MessagePage ctx={request.pageContext()} title="Adresse électronique modifiée" type="success" text="Votre nouvelle adresse est enregistrée : utilisez-la pour vous connecter. L’ancienne adresse en est informée." link={{ href: '/mon-espace', label: 'Mon espace identité' }} />);
  });

  app.post('/mon-compte/adresse', guard, async (request, reply) => {
    const email = field(request.body, 'email').trim();
    const problem = emailProblem(email);
    if (problem) return show(request, reply, { form: 'adresse', values: { email }, errors: { email: problem } }, 400);
    const refus = await refusMotDePasse(request, 'adresse', { email });
    if (refus) return refuser(request, reply, refus);
    const demande = await service.demanderChangementEmail(request.principal!, email);
    if (demande === 'throttled') return reply.sendPage('too-many');
    if (demande === 'pris') {
      return show(request, reply, { form: 'adresse', values: { email }, errors: { email: 'Cette adresse ne peut pas être utilisée. Choisissez-en une autre.' } }, 400);
    }
    return reply.redirect('/mon-compte?fait=adresse', 303);
  });

  app.post('/mon-compte/telephone', guard, async (request, reply) => {
    const mobile = field(request.body, 'mobile', 40).trim();
    const e164 = mobileE164(mobile);
    if (!e164) {
      return show(request, reply, { form: 'telephone', values: { mobile }, errors: { mobile: MOBILE_INVALIDE } }, 400);
    }
    const refus = await refusMotDePasse(request, 'telephone', { mobile });
    if (refus) return refuser(request, reply, refus);
    await service.changerTelephone(request.principal!, e164);
    return reply.redirect('/mon-compte?fait=telephone', 303);
  });

  app.post('/mon-compte/supprimer', guard, async (request, reply) => {
    const refus = await refusMotDePasse(request, 'supprimer', {});
    if (refus) return refuser(request, reply, refus);
    await service.supprimer(request.principal!);
    // The account and its sessions are gone: this request must not look signed in either.
    request.principal = null;
    request.sessionIdHash = null;
    return reply.page(
      <MessagePage ctx={request.pageContext()} title="Compte supprimé" type="success" text="Votre compte et vos pré-demandes ont été supprimés. Un courriel vous le confirme." link={{ href: '/', label: 'Retour à l’accueil' }} />,
    );
  });
}
