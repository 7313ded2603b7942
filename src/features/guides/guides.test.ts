import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { GuichetApp } from '../../app.ts';
import { createUsager } from '../../kernel/testing/factories.ts';
import { createTestApp } from '../../kernel/testing/test-app.ts';
import { TestClient } from '../../kernel/testing/test-client.ts';
import { guides } from './index.ts';
import { CHEMIN_BIENTOT } from './guides.ts';

let built: GuichetApp;
let usager: TestClient;
beforeAll(async () => {
  built = await createTestApp();
  const compte = await createUsager(built);
  usager = new TestClient(built.app, '203.0.113.40');
  await usager.submit('/connexion', '/connexion', { email: compte.email, password: compte.password });
});
afterAll(async () => {
  await built.app.close();
});

const texte = (html: string) => html.replace(/<[^>]+>/g, ' ').replace(/&#x27;|&#39;/g, '’').replace(/\s+/g, ' ');
const tarifs = async () => (await built.app.inject({ method: 'GET', url: '/guides/timbre' })).body;
const liensDe = (g: ReturnType<typeof guides>[number]) => [...g.etapes.flatMap((e) => (e.lien ? [e.lien] : [])), ...(g.encadre?.liens ?? [])];

describe('guides pas à pas', () => {
  it('links every step of every guide to a page that answers, for a signed-in usager as for anyone', async () => {
    // Resolved without `pageExiste`, as the kit does: a mistyped target is a 404 here, not a quiet notice.
    const tous = guides({ tarifs: [] });
    const verifies = guides({ tarifs: [], pageExiste: (chemin) => built.app.hasRoute({ method: 'GET', url: chemin }) });
    expect(verifies.flatMap(liensDe).filter((l) => l.href.startsWith(CHEMIN_BIENTOT))).toEqual([]);
    expect(tous.map((g) => g.slug)).toEqual(['adresse-electronique', 'pre-demande', 'timbre']);
    expect(tous.find((g) => g.slug === 'pre-demande')!.etapes.map((e) => e.numero)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8]);
    expect(tous.find((g) => g.slug === 'timbre')!.etapes.map((e) => e.numero)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8]);
    const hrefs = new Set(tous.flatMap(liensDe).map((l) => l.href));
    expect(hrefs.size).toBeGreaterThan(12);
    for (const href of hrefs) {
      const connecte = await usager.get(href);
      expect(connecte.statusCode, href).toBeLessThan(400);
      const anonyme = await built.app.inject({ method: 'GET', url: href });
      expect(anonyme.statusCode, href).not.toBe(404);
    }
  });

  it('shows each guide with its steps and their links, and lists them on /guides', async () => {
    const index = await built.app.inject({ method: 'GET', url: '/guides' });
    expect(index.statusCode).toBe(200);
    for (const g of guides({ tarifs: [] })) {
      expect(index.body).toContain(`href="${g.chemin}"`);
      const page = await built.app.inject({ method: 'GET', url: g.chemin });
      expect(page.statusCode).toBe(200);
      expect(page.body).toContain('class="fr-stepper"');
      for (const etape of g.etapes) expect(texte(page.body)).toContain(texte(etape.titre));
      for (const lien of liensDe(g)) expect(page.body).toContain(`href="${lien.href}"`);
    }
    const adresse = texte((await built.app.inject({ method: 'GET', url: '/guides/adresse-electronique' })).body);
    expect(adresse).toContain('poissonrouge45');
    expect(adresse).toContain('SMS');
    expect((await built.app.inject({ method: 'GET', url: '/guides/adresse-electronique' })).body).toContain('href="/ou-aller"');
  });

  it('writes each price placeholder from the tariffs it is given, and never invents one', () => {
    const entree = { code: 'passeport-majeur', libelle: 'Passeport — personne majeure', demarche: 'passeport', usage: 'passeport-majeur', montantCentimes: 12345, conditions: '18 ans ou plus.' };
    const [, preDemande, timbre] = guides({ tarifs: [entree] });
    const tout = JSON.stringify([preDemande, timbre]);
    expect(tout).not.toContain('{prix:');
    expect(tout).toContain('123,45 €');
    expect(tout).toContain('le prix affiché dans la boutique du timbre');
    expect(timbre!.tarifs).toEqual([{ libelle: entree.libelle, montant: '123,45 €', conditions: entree.conditions }]);
  });

  it('sends a step whose page does not exist yet to the « bientôt disponible » notice, never to a 404', async () => {
    const sansBoutique = guides({ tarifs: [], pageExiste: (chemin) => !chemin.startsWith('/timbre') });
    const etape = sansBoutique.find((g) => g.slug === 'timbre')!.etapes.find((e) => e.numero === 5)!;
    expect(etape.lien!.href).toBe(`${CHEMIN_BIENTOT}?page=%2Ftimbre%2Fpanier`);
    const notice = await built.app.inject({ method: 'GET', url: etape.lien!.href });
    expect(notice.statusCode).toBe(200);
    expect(notice.body).toContain('Bientôt disponible');
    expect(notice.body).toContain('Page demandée : /timbre/panier');
    const bizarre = await built.app.inject({ method: 'GET', url: `${CHEMIN_BIENTOT}?page=${encodeURIComponent('<script>x</script>')}` });
    expect(bizarre.statusCode).toBe(200);
    expect(bizarre.body).not.toContain('Page demandée');
  });

  it('lists, by situation, the questions of the form, the documents and the cost', async () => {
    const voir = async (query: string) => {
      const reponse = await built.app.inject({ method: 'GET', url: `/guides/ce-qu-il-vous-faut?${query}` });
      expect(reponse.statusCode, query).toBe(200);
      return texte(reponse.body.slice(reponse.body.indexOf('id="resultat"')));
    };
    const adulteCni = await voir('titre=cni&motif=premiere&pour=moi');
    const mineurCni = await voir('titre=cni&motif=premiere&pour=mineur');
    const perteCni = await voir('titre=cni&motif=perte&pour=moi');
    const adultePasseport = await voir('titre=passeport&motif=renouvellement&pour=moi');
    const mineurPasseport = await voir('titre=passeport&motif=renouvellement&pour=mineur');

    // Questions: those of the form itself, only where the situation leads to them.
    expect(adulteCni).toContain('Prénoms du parent 1');
    expect(adulteCni).not.toContain('Représentant légal');
    expect(mineurCni).toContain('Représentant légal');
    expect(adulteCni).not.toContain('Ancien titre');
    expect(adultePasseport).toContain('Ancien titre');
    expect(adulteCni).toContain('Si vous répondez « Oui, chez un tiers » à « Êtes-vous hébergé(e) par une autre personne ? »');
    // Documents: the pré-demande's own rules.
    expect(mineurCni).toContain('Votre pièce d’identité de parent (représentant légal)');
    expect(adulteCni).not.toContain('représentant légal');
    expect(perteCni).toContain('La déclaration de perte');
    expect(adulteCni).not.toContain('déclaration de perte');
    expect(adultePasseport).toContain('Votre passeport à remplacer');
    // Cost: the catalogue.
    expect(adulteCni).toContain('Rien à payer');
    expect(perteCni).toContain('25,00 €');
    expect(adultePasseport).toContain('86,00 €');
    expect(adultePasseport).not.toContain('42,00 €');
    expect(mineurPasseport).toContain('42,00 €');
    expect(mineurPasseport).toContain('17,00 €');
  });

  it('asks the situation on a first visit, and says next to each question what is missing or wrong', async () => {
    const premiere = await built.app.inject({ method: 'GET', url: '/guides/ce-qu-il-vous-faut' });
    expect(premiere.statusCode).toBe(200);
    expect(premiere.body).not.toContain('fr-fieldset--error');
    expect(premiere.body).not.toContain('id="resultat"');
    const incomplete = await built.app.inject({ method: 'GET', url: '/guides/ce-qu-il-vous-faut?titre=passeport&motif=inconnu' });
    expect(incomplete.statusCode).toBe(400);
    expect(incomplete.body).toContain('2 réponses sont à corriger');
    expect(incomplete.body).toMatch(/name="titre" value="passeport" checked/);
    expect(incomplete.body).toMatch(/id="champ-motif"[^>]*fr-fieldset--error|fr-fieldset--error[^>]*id="champ-motif"/);
    const tableau = await built.app.inject({ method: 'GET', url: '/guides/ce-qu-il-vous-faut?titre=cni&titre=passeport&motif=vol&pour=moi' });
    expect(tableau.statusCode).toBe(400);
    const pdf = await built.app.inject({ method: 'GET', url: '/guides/ce-qu-il-vous-faut.pdf?titre=cni' });
    expect(pdf.statusCode).toBe(400);
  });

  it('prints the sheet as a real-text PDF with its title and language', async () => {
    const reponse = await built.app.inject({ method: 'GET', url: '/guides/ce-qu-il-vous-faut.pdf?titre=les-deux&motif=vol&pour=mineur' });
    expect(reponse.statusCode).toBe(200);
    expect(reponse.headers['content-type']).toBe('application/pdf');
    const fichier = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'besoins-')), 'fiche.pdf');
    fs.writeFileSync(fichier, reponse.rawPayload);
    const contenu = execFileSync('pdftotext', ['-layout', fichier, '-'], { encoding: 'utf8' }).replace(/\s+/g, ' ');
    expect(contenu).toContain('Ce qu’il vous faut');
    expect(contenu).toContain('Les deux (carte d’identité et passeport) — Vol');
    expect(contenu).toContain('Le récépissé de déclaration de vol');
    expect(contenu).toContain('Votre pièce d’identité de parent (représentant légal)');
    expect(contenu).toContain('Prénoms du parent 1');
    expect(contenu).toContain('25,00 €');
    expect(contenu).toContain('42,00 €');
    const info = execFileSync('pdfinfo', [fichier], { encoding: 'utf8' });
    expect(info).toMatch(/Title:\s+Ce qu’il vous faut avant de commencer — Les deux/);
    expect(reponse.rawPayload.toString('latin1')).toMatch(/\/Lang \(fr-FR\)/);
    // Served again from memory: the same bytes.
    const encore = await built.app.inject({ method: 'GET', url: '/guides/ce-qu-il-vous-faut.pdf?titre=les-deux&motif=vol&pour=mineur' });
    expect(encore.rawPayload.equals(reponse.rawPayload)).toBe(true);
  });

  it('takes the stamp prices from the catalogue, not from the page', async () => {
    expect(texte(await tarifs())).toContain('86,00 €');
    await sql`insert into timbre_catalogue (code, libelle, demarche, usage, montant_centimes, conditions, en_vigueur_du)
      select code, libelle, demarche, usage, 9150, conditions, date '2020-01-01' from timbre_catalogue where code = 'passeport-majeur' and en_vigueur_du = date '2017-03-01'`.execute(built.db);
    const apres = texte(await tarifs());
    expect(apres).toContain('91,50 €');
    expect(apres).not.toContain('86,00 €');
    expect(texte((await built.app.inject({ method: 'GET', url: '/guides/pre-demande' })).body)).toContain('91,50 €');
    const besoin = texte((await built.app.inject({ method: 'GET', url: '/guides/ce-qu-il-vous-faut?titre=passeport&motif=premiere&pour=moi' })).body);
    expect(besoin).toContain('91,50 €');
    // The printed sheet follows the new tariff too, not a copy cached under the old one.
    const fichier = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'besoins-')), 'fiche.pdf');
    fs.writeFileSync(fichier, (await built.app.inject({ method: 'GET', url: '/guides/ce-qu-il-vous-faut.pdf?titre=passeport&motif=premiere&pour=moi' })).rawPayload);
    expect(execFileSync('pdftotext', [fichier, '-'], { encoding: 'utf8' })).toContain('91,50 €');
  });
});
