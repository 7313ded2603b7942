import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { GuichetApp } from '../../app.ts';
import { USAGER_PASSWORD, createUsager, uniqueEmail } from '../../kernel/testing/factories.ts';
import { createTestApp } from '../../kernel/testing/test-app.ts';
import { TestClient } from '../../kernel/testing/test-client.ts';

let built: GuichetApp;
// Real time plus an offset: rows stamped by the database (now()) stay consistent with the app's clock.
let offset = 0;
beforeAll(async () => {
  built = await createTestApp({ now: () => new Date(Date.now() + offset) });
});
afterAll(async () => {
  await built.app.close();
});

async function mails(recipient: string) {
  await built.worker.runOnce();
  const all = await built.outbox.list({ deliveredBy: 'boite-dev', limit: 500 });
  return all.filter((message) => message.recipient === recipient).sort((a, b) => a.createdAt.getTime() - b.createdAt.getTime());
}

async function lastLink(recipient: string, path: string) {
  const messages = await mails(recipient);
  const text = messages.at(-1)?.rendered?.text ?? '';
  const match = new RegExp(`http://localhost:3000(${path}\\?jeton=[\\w-]+)`).exec(text);
  if (!match) throw new Error(`pas de lien ${path} dans : ${text}`);
  return match[1]!;
}

const jetonOf = (link: string) => new URLSearchParams(link.split('?')[1]).get('jeton')!;

async function signUp(client: TestClient, email: string, password = USAGER_PASSWORD) {
  return client.submit('/inscription', '/inscription', { email, password });
}

async function activate(client: TestClient, link: string) {
  await client.get(link);
  return client.post('/inscription/activation', { jeton: jetonOf(link) });
}

describe('citizen sign-up and activation', () => {
  it('creates a pending account, activates it once by the emailed link, then lets the person in', async () => {
    const email = uniqueEmail('lea');
    const client = new TestClient(built.app, '198.51.100.1');
    const sent = await signUp(client, email);
    expect(sent.statusCode).toBe(303);
    expect(sent.headers.location).toBe('/inscription/envoyee');
    expect((await client.post('/connexion', { email, password: USAGER_PASSWORD })).statusCode).toBe(401);

    const link = await lastLink(email, '/inscription/activation');
    expect((await mails(email)).at(-1)?.rendered?.text).toMatch(/expire le \d+ \S+ \d{4} à \d\d:\d\d/);
    const page = await client.get(link);
    expect(page.body).toContain('Activer mon compte');
    expect((await activate(client, link)).body).toContain('Compte activé');
    expect((await new TestClient(built.app).get(link)).body).toContain('Lien d’activation invalide');
    const replay = await client.post('/inscription/activation', { jeton: jetonOf(link) });
    expect(replay.statusCode).toBe(400);
    expect(replay.body).toContain('Lien d’activation invalide');

    const login = await client.submit('/connexion', '/connexion', { email, password: USAGER_PASSWORD });
    expect(login.headers.location).toBe('/mon-espace');
    expect((await client.get('/mon-espace')).statusCode).toBe(200);
  });

  it('answers a sign-up with a known address exactly as a new one, and warns the owner instead', async () => {
    const owner = await createUsager(built);
    const fresh = uniqueEmail('nouvelle');
    const a = new TestClient(built.app, '198.51.100.2');
    const b = new TestClient(built.app, '198.51.100.3');
    const known = await signUp(a, owner.email, 'une autre phrase secrète');
    const unknown = await signUp(b, fresh, 'une autre phrase secrète');
    expect(known.statusCode).toBe(unknown.statusCode);
    expect(known.headers.location).toBe(unknown.headers.location);
    const [pageA, pageB] = [await a.get('/inscription/envoyee'), await b.get('/inscription/envoyee')];
    expect(pageA.body.replace(/value="[^"]*"/g, '')).toBe(pageB.body.replace(/value="[^"]*"/g, ''));
    const warning = (await mails(owner.email)).at(-1)!;
    expect(warning.template).toBe('compte-usager.inscription-existante');
    expect(warning.rendered?.text).toContain('/mot-de-passe-oublie');
    // The owner's password did not change.
    expect((await new TestClient(built.app).submit('/connexion', '/connexion', { email: owner.email, password: owner.password })).statusCode).toBe(303);
  });

  it('refuses a weak password next to the field, keeping the address typed', async () => {
    const client = new TestClient(built.app, '198.51.100.4');
    const response = await signUp(client, 'camille@exemple.fr', 'motdepasse');
    expect(response.statusCode).toBe(400);
    expect(response.body).toContain('au moins 12 caractères');
    expect(response.body).toContain('value="camille@exemple.fr"');
    expect(response.body).toContain('<title>Erreur : Créer mon compte');
  });

  it('re-sends a fresh link that replaces the old one, and refuses a link past its stated expiry', async () => {
    const email = uniqueEmail('renvoi');
    const client = new TestClient(built.app, '198.51.100.5');
    await signUp(client, email);
    const first = await lastLink(email, '/inscription/activation');
    await client.submit('/inscription/renvoyer', '/inscription/renvoyer', { email });
    const second = await lastLink(email, '/inscription/activation');
    expect(second).not.toBe(first);
    expect((await client.get(first)).body).toContain('Lien d’activation invalide');
    offset += 25 * 3_600_000;
    expect((await activate(client, second)).statusCode).toBe(400);
    await client.submit('/inscription/renvoyer', '/inscription/renvoyer', { email });
    expect((await activate(client, await lastLink(email, '/inscription/activation'))).body).toContain('Compte activé');
  });

  it('limits the messages one address can trigger', async () => {
    const email = uniqueEmail('flood');
    const statuses: number[] = [];
    for (let i = 0; i < 5; i += 1) statuses.push((await new TestClient(built.app, `198.51.100.${10 + i}`).submit('/inscription/renvoyer', '/inscription/renvoyer', { email })).statusCode);
    expect(statuses).toEqual([303, 303, 303, 429, 429]);
  });
});

describe('forgotten password', () => {
  it('answers the same for unknown and known addresses, and the link sets a new password and closes every session', async () => {
    const usager = await createUsager(built);
    const elsewhere = new TestClient(built.app, '198.51.100.30');
    await elsewhere.submit('/connexion', '/connexion', { email: usager.email, password: usager.password });
    expect((await elsewhere.get('/mon-espace')).statusCode).toBe(200);

    const client = new TestClient(built.app, '198.51.100.31');
    const unknown = await client.submit('/mot-de-passe-oublie', '/mot-de-passe-oublie', { email: uniqueEmail('personne') });
    const known = await client.submit('/mot-de-passe-oublie', '/mot-de-passe-oublie', { email: usager.email });
    expect(known.headers.location).toBe(unknown.headers.location);

    const link = await lastLink(usager.email, '/mot-de-passe/nouveau');
    expect((await client.get(link)).body).toContain('Choisir un nouveau mot de passe');
    const weak = await client.post('/mot-de-passe/nouveau', { jeton: jetonOf(link), password: 'court' });
    expect(weak.statusCode).toBe(400);
    const done = await client.post('/mot-de-passe/nouveau', { jeton: jetonOf(link), password: 'une toute nouvelle phrase de passe' });
    expect(done.body).toContain('Mot de passe modifié');
    expect((await client.post('/mot-de-passe/nouveau', { jeton: jetonOf(link), password: 'encore une autre phrase' })).body).toContain('Lien invalide');

    expect((await elsewhere.get('/mon-espace')).statusCode).toBe(302);
    expect((await new TestClient(built.app).submit('/connexion', '/connexion', { email: usager.email, password: usager.password })).statusCode).toBe(401);
    expect((await new TestClient(built.app).submit('/connexion', '/connexion', { email: usager.email, password: 'une toute nouvelle phrase de passe' })).statusCode).toBe(303);
    expect((await mails(usager.email)).at(-1)?.template).toBe('compte-usager.mot-de-passe-modifie');
  });

  it('lets a reset link expire after 30 minutes', async () => {
    const usager = await createUsager(built);
    const client = new TestClient(built.app, '198.51.100.32');
    await client.submit('/mot-de-passe-oublie', '/mot-de-passe-oublie', { email: usager.email });
    const link = await lastLink(usager.email, '/mot-de-passe/nouveau');
    offset += 31 * 60_000;
    expect((await client.get(link)).body).toContain('Lien invalide');
  });
});

describe('my account', () => {
  it('changes the address only with the password, telling the old address', async () => {
    const usager = await createUsager(built);
    const client = new TestClient(built.app, '198.51.100.40');
    await client.submit('/connexion', '/connexion', { email: usager.email, password: usager.password });
    await client.get('/mon-compte');
    const nouvelle = uniqueEmail('nouvelle-adresse');
    const wrong = await client.post('/mon-compte/adresse', { email: nouvelle, 'motDePasse-adresse': 'pas le bon mot de passe' });
    expect(wrong.statusCode).toBe(400);
    expect(wrong.body).toContain('Mot de passe incorrect');
    expect(wrong.body).toContain(`value="${nouvelle}"`);
    const changed = await client.post('/mon-compte/adresse', { email: nouvelle, 'motDePasse-adresse': usager.password });
    expect(changed.headers.location).toBe('/mon-compte?fait=adresse');
    expect((await client.get('/mon-compte?fait=adresse')).body).toContain('Confirmez votre nouvelle adresse');
    // Nothing changes until the link sent to the new address is opened; the old one is told.
    expect((await mails(usager.email)).at(-1)?.template).toBe('compte-usager.changement-adresse-demande');
    expect((await new TestClient(built.app).submit('/connexion', '/connexion', { email: nouvelle, password: usager.password })).statusCode).toBe(401);
    expect((await new TestClient(built.app).submit('/connexion', '/connexion', { email: usager.email, password: usager.password })).statusCode).toBe(303);
    const link = await lastLink(nouvelle, '/mon-compte/adresse/confirmer');
    // Opening the link only shows a button (mail scanners follow links): still unchanged.
    const page = await new TestClient(built.app).get(link);
    expect(page.body).toContain('Confirmer cette adresse');
    expect((await new TestClient(built.app).submit('/connexion', '/connexion', { email: nouvelle, password: usager.password })).statusCode).toBe(401);
    const ailleurs = new TestClient(built.app, '198.51.100.42');
    const confirme = await ailleurs.submit(link, '/mon-compte/adresse/confirmer', { jeton: jetonOf(link) });
    expect(confirme.body).toContain('Adresse électronique modifiée');
    expect((await mails(usager.email)).at(-1)?.template).toBe('compte-usager.coordonnees-modifiees');
    expect((await new TestClient(built.app).submit('/connexion', '/connexion', { email: nouvelle, password: usager.password })).statusCode).toBe(303);
    expect((await new TestClient(built.app).submit('/connexion', '/connexion', { email: usager.email, password: usager.password })).statusCode).toBe(401);
    // Single use.
    expect((await ailleurs.submit(link, '/mon-compte/adresse/confirmer', { jeton: jetonOf(link) })).statusCode).toBe(400);
    expect((await ailleurs.get(link)).body).toContain('Lien de confirmation invalide');

    const bad = await client.post('/mon-compte/telephone', { mobile: '05 53 00 00 00', 'motDePasse-telephone': usager.password });
    expect(bad.body).toContain('numéro de mobile français');
    await client.post('/mon-compte/telephone', { mobile: '+33 6 12 34 56 78', 'motDePasse-telephone': usager.password });
    expect((await client.get('/mon-compte')).body).toContain('06 12 34 56 78');
  });

  it('lets a confirmation link expire, and only the last one requested works', async () => {
    const usager = await createUsager(built);
    const client = new TestClient(built.app, '198.51.100.43');
    await client.submit('/connexion', '/connexion', { email: usager.email, password: usager.password });
    await client.get('/mon-compte');
    const premiere = uniqueEmail('premiere');
    const seconde = uniqueEmail('seconde');
    await client.post('/mon-compte/adresse', { email: premiere, 'motDePasse-adresse': usager.password });
    const lienPremiere = await lastLink(premiere, '/mon-compte/adresse/confirmer');
    await client.post('/mon-compte/adresse', { email: seconde, 'motDePasse-adresse': usager.password });
    const lienSeconde = await lastLink(seconde, '/mon-compte/adresse/confirmer');
    expect((await client.get(lienPremiere)).body).toContain('Lien de confirmation invalide');
    offset += 25 * 3_600_000;
    const ailleurs = new TestClient(built.app, '198.51.100.44');
    expect((await ailleurs.get(lienSeconde)).body).toContain('Lien de confirmation invalide');
    // Posting the button anyway (a page kept open past the expiry) is refused too.
    const tardif = await ailleurs.submit('/connexion', '/mon-compte/adresse/confirmer', { jeton: jetonOf(lienSeconde) });
    expect(tardif.statusCode).toBe(400);
    expect((await new TestClient(built.app).submit('/connexion', '/connexion', { email: usager.email, password: usager.password })).statusCode).toBe(303);
  });

  it('cancels a pending change of address when the password is reset (it may come from a stolen session)', async () => {
    const usager = await createUsager(built);
    const voleur = new TestClient(built.app, '198.51.100.45');
    await voleur.submit('/connexion', '/connexion', { email: usager.email, password: usager.password });
    await voleur.get('/mon-compte');
    const adresseDuVoleur = uniqueEmail('voleur');
    await voleur.post('/mon-compte/adresse', { email: adresseDuVoleur, 'motDePasse-adresse': usager.password });
    const lien = await lastLink(adresseDuVoleur, '/mon-compte/adresse/confirmer');
    // Warned on the old address, the owner resets the password.
    const proprietaire = new TestClient(built.app, '198.51.100.46');
    await proprietaire.submit('/mot-de-passe-oublie', '/mot-de-passe-oublie', { email: usager.email });
    const reinitialisation = await lastLink(usager.email, '/mot-de-passe/nouveau');
    await proprietaire.get(reinitialisation);
    expect((await proprietaire.post('/mot-de-passe/nouveau', { jeton: jetonOf(reinitialisation), password: 'une phrase de passe reprise en main' })).statusCode).toBeLessThan(400);
    // The reset closed the thief's session; from any browser, the link no longer works.
    const ailleurs = new TestClient(built.app, '198.51.100.47');
    expect((await ailleurs.get(lien)).body).toContain('Lien de confirmation invalide');
    expect((await ailleurs.submit('/connexion', '/mon-compte/adresse/confirmer', { jeton: jetonOf(lien) })).statusCode).toBe(400);
    expect((await new TestClient(built.app).submit('/connexion', '/connexion', { email: usager.email, password: 'une phrase de passe reprise en main' })).statusCode).toBe(303);
  });

  it('refuses every change without the right password: nothing is sent, changed or deleted', async () => {
    const usager = await createUsager(built);
    const client = new TestClient(built.app, '198.51.100.48');
    await client.submit('/connexion', '/connexion', { email: usager.email, password: usager.password });
    await client.get('/mon-compte');
    const avant = (await client.get('/mon-compte')).body;
    for (const motDePasse of [{ valeur: 'pas le bon mot de passe', message: 'Mot de passe incorrect' }, { valeur: undefined, message: 'Saisissez votre mot de passe actuel' }]) {
      const extra = (form: string): Record<string, string> => (motDePasse.valeur === undefined ? {} : { [`motDePasse-${form}`]: motDePasse.valeur });
      const nouvelle = uniqueEmail('prise-de-controle');
      const adresse = await client.post('/mon-compte/adresse', { email: nouvelle, ...extra('adresse') });
      expect(adresse.statusCode).toBe(400);
      expect(adresse.body).toContain(motDePasse.message);
      expect(await mails(nouvelle)).toEqual([]);

      const telephone = await client.post('/mon-compte/telephone', { mobile: '06 99 88 77 66', ...extra('telephone') });
      expect(telephone.statusCode).toBe(400);
      expect(telephone.body).toContain(motDePasse.message);
      expect((await client.get('/mon-compte')).body).not.toContain('06 99 88 77 66');

      const suppression = await client.post('/mon-compte/supprimer', extra('supprimer'));
      expect(suppression.statusCode).toBe(400);
      expect(suppression.body).toContain(motDePasse.message);
      expect(suppression.body).not.toContain('Compte supprimé');
    }
    // Still signed in, the account and its address unchanged; the owner can still sign in.
    expect((await client.get('/mon-compte')).body).toBe(avant);
    expect((await mails(usager.email)).map((message) => message.template)).not.toContain('compte-usager.compte-supprime');
    expect((await new TestClient(built.app).submit('/connexion', '/connexion', { email: usager.email, password: usager.password })).statusCode).toBe(303);
  });

  it('deletes the account with the password: sessions end and the address can sign up again', async () => {
    const usager = await createUsager(built);
    const client = new TestClient(built.app, '198.51.100.41');
    await client.submit('/connexion', '/connexion', { email: usager.email, password: usager.password });
    await client.get('/mon-compte');
    const gone = await client.post('/mon-compte/supprimer', { 'motDePasse-supprimer': usager.password });
    expect(gone.body).toContain('Compte supprimé');
    expect((await client.get('/mon-espace')).statusCode).toBe(302);
    expect((await mails(usager.email)).at(-1)?.template).toBe('compte-usager.compte-supprime');
    expect((await new TestClient(built.app).submit('/connexion', '/connexion', { email: usager.email, password: usager.password })).statusCode).toBe(401);
  });
});
