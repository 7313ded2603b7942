import type { FastifyInstance, FastifyRequest } from 'fastify';
import { passwordProblem } from '../../kernel/auth/passwords.ts';
import type { CompteUsagerService } from './compte-usager-service.ts';
import { field } from '../../kernel/http/input.ts';
import { emailProblem } from './formulaire.ts';
import { registerMonCompteRoutes } from './mon-compte-routes.tsx';
import { EnvoiPage, FormPage, InscriptionPage, LIEN_INVALIDE, MessagePage, emailField, newPasswordField } from './views.tsx';

const token = (request: FastifyRequest, from: 'query' | 'body') => field(from === 'query' ? request.query : request.body, 'jeton', 64);

export function registerCompteUsagerRoutes(app: FastifyInstance, deps: { compteUsager: CompteUsagerService }) {
  const service = deps.compteUsager;

  app.get('/inscription', async (request, reply) => {
    if (request.principal) return reply.redirect('/mon-espace');
    return reply.page(<InscriptionPage ctx={request.pageContext()} />);
  });

  app.post('/inscription', async (request, reply) => {
    const email = field(request.body, 'email').trim();
    const password = field(request.body, 'password', 1024);
    const errors = {
      email: emailProblem(email),
      password: password ? passwordProblem(password, 'usager', [email]) : 'Choisissez un mot de passe.',
    };
    if (errors.email || errors.password) return reply.status(400).page(<InscriptionPage ctx={request.pageContext()} email={email} errors={errors} />);
    const outcome = await service.inscrire(email, password, request.ip);
    if (!outcome.ok) return reply.sendPage('too-many');
    return reply.redirect('/inscription/envoyee', 303);
  });
  app.get('/inscription/envoyee', async (request, reply) => reply.page(<EnvoiPage ctx={request.pageContext()} kind="inscription" />));

  // Opening the link only shows a button: mail scanners that follow links must not use it up.
  app.get('/inscription/activation', async (request, reply) => {
    const jeton = token(request, 'query');
    if (!jeton || !(await service.activationEstValide(jeton))) {
      return reply.page(<MessagePage ctx={request.pageContext()} title="Lien d’activation invalide" type="error" text={LIEN_INVALIDE} link={{ href: '/inscription/renvoyer', label: 'Recevoir un nouveau lien' }} />);
    }
    return reply.page(<FormPage ctx={request.pageContext()} title="Activer mon compte" action="/inscription/activation" submit="Activer mon compte" fields={[]} hidden={{ jeton }} />);
  });

  app.post('/inscription/activation', async (request, reply) => {
    if (!(await service.activer(token(request, 'body')))) {
      return reply
        .status(400)
        .page(<MessagePage ctx={request.pageContext()} title="Lien d’activation invalide" type="error" text={LIEN_INVALIDE} link={{ href: '/inscription/renvoyer', label: 'Recevoir un nouveau lien' }} />);
    }
    return reply.page(<MessagePage ctx={request.pageContext()} title="Compte activé" type="success" text="Votre compte est activé. Connectez-vous pour faire votre pré-demande." link={{ href: '/connexion', label: 'Se connecter' }} />);
  });

  for (const kind of ['activation', 'reinitialisation'] as const) {
    const path = kind === 'activation' ? '/inscription/renvoyer' : '/mot-de-passe-oublie';
    const title = kind === 'activation' ? 'Recevoir un nouveau lien d’activation' : 'Mot de passe oublié';
    const page = (request: FastifyRequest, email?: string, error?: string) => (
      <FormPage ctx={request.pageContext()} title={title} action={path} submit="Recevoir un lien" fields={[emailField(email, 'Adresse électronique de votre compte')]} errors={{ email: error }} />
    );
    app.get(path, async (request, reply) => reply.page(page(request)));
    app.post(path, async (request, reply) => {
      const email = field(request.body, 'email').trim();
      const problem = emailProblem(email);
      if (problem) return reply.status(400).page(page(request, email, problem));
      const outcome = kind === 'activation' ? await service.renvoyerActivation(email, request.ip) : await service.demanderReinitialisation(email, request.ip);
      if (!outcome.ok) return reply.sendPage('too-many');
      return reply.redirect(`${path}/envoye`, 303);
    });
    app.get(`${path}/envoye`, async (request, reply) => reply.page(<EnvoiPage ctx={request.pageContext()} kind={kind} />));
  }

  const newPasswordPage = (request: FastifyRequest, jeton: string, error?: string) => (
    <FormPage
      ctx={request.pageContext()}
      title="Choisir un nouveau mot de passe"
      action="/mot-de-passe/nouveau"
      submit="Enregistrer mon mot de passe"
      fields={[newPasswordField('Nouveau mot de passe')]}
      hidden={{ jeton }}
      errors={{ password: error }}
    />
  );
  const invalidResetLink = (request: FastifyRequest) => (
    <MessagePage ctx={request.pageContext()} title="Lien invalide" type="error" text={LIEN_INVALIDE} link={{ href: '/mot-de-passe-oublie', label: 'Recevoir un nouveau lien' }} />
  );

  app.get('/mot-de-passe/nouveau', async (request, reply) => {
    const jeton = token(request, 'query');
    if (!jeton || !(await service.reinitialisationEstValide(jeton))) return reply.page(invalidResetLink(request));
    return reply.page(newPasswordPage(request, jeton));
  });

  app.post('/mot-de-passe/nouveau', async (request, reply) => {
    const jeton = token(request, 'body');
    const password = field(request.body, 'password', 1024);
    if (!password) return reply.status(400).page(newPasswordPage(request, jeton, 'Choisissez un mot de passe.'));
    const outcome = await service.reinitialiser(jeton, password);
    if (outcome.ok) {
      return reply.page(<MessagePage ctx={request.pageContext()} title="Mot de passe modifié" type="success" text="Votre nouveau mot de passe est enregistré. Toutes vos autres connexions ont été fermées." link={{ href: '/connexion', label: 'Se connecter' }} />);
    }
    if (outcome.reason === 'weak') return reply.status(400).page(newPasswordPage(request, jeton, outcome.message));
    return reply.status(400).page(invalidResetLink(request));
  });

  registerMonCompteRoutes(app, deps);
}
