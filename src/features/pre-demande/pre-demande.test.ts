import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { PNG } from 'pngjs';
import { lireQr } from './test-qr.ts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { GuichetApp } from '../../app.ts';
import { createUsager } from '../../kernel/testing/factories.ts';
import { createTestApp } from '../../kernel/testing/test-app.ts';
import { TestClient } from '../../kernel/testing/test-client.ts';
import { estNumeroPreDemande } from './numero.ts';
import { preDemandeRepository } from './pre-demande-repository.ts';
import { adultePasseportRenouvellement, commencer, mineurCni, remplir } from './test-parcours.ts';

let built: GuichetApp;
beforeAll(async () => {
  built = await createTestApp();
});
afterAll(async () => {
  await built.app.close();
});

async function signedIn(ip = '203.0.113.10') {
  const usager = await createUsager(built);
  const client = new TestClient(built.app, ip);
  await client.submit('/connexion', '/connexion', { email: usager.email, password: usager.password });
  return { usager, client };
}

function pdfFile(pdf: Buffer): string {
  const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'recap-')), 'recap.pdf');
  fs.writeFileSync(file, pdf);
  return file;
}

/** Rasterises the PDF as a printer would, then reads its QR code with standard decoders. */
function qrCodesOf(file: string): string[] {
  execFileSync('pdftoppm', ['-png', '-r', '150', '-singlefile', file, file.replace(/\.pdf$/, '')]);
  const png = file.replace(/\.pdf$/, '.png');
  const image = PNG.sync.read(fs.readFileSync(png));
  const decoded = [lireQr(new Uint8ClampedArray(image.data), image.width, image.height) ?? ''];
  // zbarimg (Debian package zbar-tools) is the reference reader: required in CI, optional on a workstation.
  if (process.env.CI && !fs.existsSync('/usr/bin/zbarimg')) throw new Error('zbarimg est absent : apt-get install -y zbar-tools');
  if (fs.existsSync('/usr/bin/zbarimg')) decoded.push(execFileSync('zbarimg', ['--quiet', '--raw', png], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim());
  return decoded;
}

describe('pré-demande journey', () => {
  it('goes from an empty draft to a validated number with QR code, récapitulatif PDF and email', async () => {
    const { usager, client } = await signedIn();
    const id = await commencer(client);
    await remplir(client, id, adultePasseportRenouvellement());

    const recap = await client.get(`/pre-demande/${id}/verifier`);
    expect(recap.statusCode).toBe(200);
    expect(recap.body).toContain('Vérifiez vos réponses');
    expect(recap.body).toContain('Jean-Édouard');
    expect(recap.body).toContain('14/05/1980');
    expect(recap.body).toContain(`href="/pre-demande/${id}/etat-civil?modifier=1"`);
    expect(recap.body).toContain('Timbre fiscal : 86 €');

    const validated = await client.post(`/pre-demande/${id}/verifier`);
    expect(validated.headers.location).toBe(`/pre-demande/${id}`);
    const result = await client.get(`/pre-demande/${id}`);
    const numero = /id="numero-pre-demande">([A-Z0-9]+)</.exec(result.body)?.[1] ?? '';
    expect(estNumeroPreDemande(numero)).toBe(true);
    expect(result.body).toContain(`aria-label="QR code du numéro de pré-demande ${numero}"`);
    expect(result.body).toContain('Votre passeport à remplacer');
    expect(result.body).toContain('Un timbre fiscal (86 € au total)');
    // Périgueux has a DR: its own mairie comes first, then the nearest ones (territory data).
    expect(result.body).toMatch(/Mairies équipées les plus proches<\/h2><ul><li>[^<]*Périgueux[^<]*dans votre commune/);

    const pdf = await client.get(`/pre-demande/${id}/recapitulatif.pdf`);
    expect(pdf.headers['content-type']).toBe('application/pdf');
    const file = pdfFile(pdf.rawPayload);
    const text = execFileSync('pdftotext', ['-enc', 'UTF-8', file, '-'], { encoding: 'utf8' });
    for (const decoded of qrCodesOf(file)) expect(decoded).toBe(numero);
    expect(execFileSync('pdfinfo', [file], { encoding: 'utf8' })).toContain(`Récapitulatif de pré-demande ${numero}`);
    expect(text).toContain(numero);
    expect(text).toContain('Jean-Édouard');
    expect(text).toContain('Pièces à apporter en mairie');
    expect(text).toContain('Mairies équipées les plus proches');

    await built.worker.runOnce();
    const [mail] = (await built.outbox.list({ deliveredBy: 'boite-dev', limit: 200 })).filter((m) => m.template === 'pre-demande.validee' && m.recipient === usager.email);
    expect(mail?.rendered?.text).toContain(numero);
    expect(mail?.rendered?.text).not.toContain('Jean-Édouard');

    const espace = await client.get('/mon-espace');
    expect(espace.body).toContain(`Numéro ${numero}`);
    expect(espace.body).toContain('Jean-Édouard DE LA FONTAINE');
    // Validated answers are frozen: the form is closed.
    expect((await client.get(`/pre-demande/${id}/titre`)).statusCode).toBe(404);
  });

  it('refuses skipped steps and sends the person back to where they are', async () => {
    const { client } = await signedIn();
    const id = await commencer(client);
    expect((await client.get(`/pre-demande/${id}/contact`)).headers.location).toBe(`/pre-demande/${id}/titre`);
    expect((await client.get(`/pre-demande/${id}/verifier`)).headers.location).toBe(`/pre-demande/${id}/titre`);
    const forced = await client.post(`/pre-demande/${id}/contact`, { mobile: '0612345678', email: 'a@exemple.fr' });
    expect(forced.statusCode).toBe(303);
    expect(forced.headers.location).toBe(`/pre-demande/${id}/titre`);
    expect((await client.post(`/pre-demande/${id}/verifier`)).headers.location).toBe(`/pre-demande/${id}/titre`);
  });

  it('answers mistakes next to each field and keeps everything typed', async () => {
    const { client } = await signedIn();
    const id = await commencer(client);
    await remplir(client, id, adultePasseportRenouvellement().slice(0, 1));
    const response = await client.post(`/pre-demande/${id}/etat-civil`, {
      nomNaissance: 'Dupont2',
      prenom1: 'Anne-Sophie',
      nomUsage: 'Martin',
      motifNomUsage: '',
      sexe: 'F',
      dateNaissance: '01/01/2999',
    });
    expect(response.statusCode).toBe(400);
    expect(response.body).toContain('<title>Erreur : État civil');
    expect(response.body).toContain('Utilisez uniquement des lettres, espaces, tirets et apostrophes.');
    expect(response.body).toContain('La date ne peut pas être dans le futur.');
    expect(response.body).toContain('Dites d’où vient le nom d’usage.');
    expect(response.body).toContain('value="Anne-Sophie"');
    expect(response.body).toContain('value="Dupont2"');
    expect(response.body).toContain('href="#champ-dateNaissance"');
  });

  it('saves the draft at every step, so a new session resumes where the person stopped', async () => {
    const { usager, client } = await signedIn();
    const id = await commencer(client);
    await remplir(client, id, adultePasseportRenouvellement().slice(0, 4));
    await client.post('/deconnexion');
    const later = new TestClient(built.app, '203.0.113.11');
    await later.submit('/connexion', '/connexion', { email: usager.email, password: usager.password });
    const resume = await later.get(`/pre-demande/${id}`);
    expect(resume.headers.location).toBe(`/pre-demande/${id}/nationalite`);
    expect((await later.get(`/pre-demande/${id}/etat-civil`)).body).toContain('value="Jean-Édouard"');
    // The contact step offers the account's own address until the person changes it.
    expect((await preDemandeRepository(built.db).trouver(id, usager.account.id))?.state.answers.email).toBe(usager.email);
  });

  it('asks the new branch again when an answer changes from the recap', async () => {
    const { client } = await signedIn();
    const id = await commencer(client);
    await remplir(client, id, adultePasseportRenouvellement());
    await client.get(`/pre-demande/${id}/naissance?modifier=1`);
    const changed = await client.post(`/pre-demande/${id}/naissance?modifier=1`, { lieuNaissance: 'etranger' });
    expect(changed.headers.location).toBe(`/pre-demande/${id}/naissance-etranger`);
    const abroad = await client.submit(`/pre-demande/${id}/naissance-etranger`, `/pre-demande/${id}/naissance-etranger?modifier=1`, { villeNaissance: 'Liège', paysNaissance: 'Belgique' });
    expect(abroad.headers.location).toBe(`/pre-demande/${id}/verifier`);
    const recap = await client.get(`/pre-demande/${id}/verifier`);
    expect(recap.body).toContain('Belgique');
    expect(recap.body).not.toContain('Commune de naissance');
  });

  it('lets one account hold pré-demandes for several children, each with its representative', async () => {
    const { client } = await signedIn();
    for (const [prenom, date] of [
      ['Léa', '10/10/2015'],
      ['Noé', '03/04/2019'],
    ] as const) {
      const id = await commencer(client);
      await remplir(client, id, mineurCni(prenom, date));
      expect((await client.post(`/pre-demande/${id}/verifier`)).statusCode).toBe(303);
      expect((await client.get(`/pre-demande/${id}`)).body).toContain('Votre pièce d’identité de parent');
    }
    const espace = await client.get('/mon-espace');
    expect(espace.body).toContain('Léa DE LA FONTAINE');
    expect(espace.body).toContain('Noé DE LA FONTAINE');
  });

  it('cancels a validated pré-demande once, and keeps its history', async () => {
    const { client } = await signedIn();
    const id = await commencer(client);
    await remplir(client, id, adultePasseportRenouvellement());
    await client.post(`/pre-demande/${id}/verifier`);
    await client.get(`/pre-demande/${id}`);
    expect((await client.post(`/pre-demande/${id}/annuler`)).statusCode).toBe(303);
    expect((await client.get(`/pre-demande/${id}`)).body).toContain('Annulée');
    expect((await client.post(`/pre-demande/${id}/annuler`)).statusCode).toBe(400);
    const history = await preDemandeRepository(built.db).historique(id);
    expect(history.map((h) => [h.evenement, h.de, h.vers, h.acteurRole])).toEqual([
      ['valider', 'brouillon', 'validee', 'usager'],
      ['annuler', 'validee', 'annulee', 'usager'],
    ]);
  });

  it('shows nobody else’s pré-demande: every route answers 404 for another account', async () => {
    const owner = await signedIn('203.0.113.20');
    const draft = await commencer(owner.client);
    const done = await commencer(owner.client);
    await remplir(owner.client, done, adultePasseportRenouvellement());
    await owner.client.post(`/pre-demande/${done}/verifier`);

    const { client } = await signedIn('203.0.113.21');
    await client.get('/mon-espace');
    for (const id of [draft, done]) {
      expect((await client.get(`/pre-demande/${id}`)).statusCode).toBe(404);
      expect((await client.get(`/pre-demande/${id}/titre`)).statusCode).toBe(404);
      expect((await client.post(`/pre-demande/${id}/titre`, { titre: 'cni', motif: 'premiere', pour: 'moi' })).statusCode).toBe(404);
      expect((await client.get(`/pre-demande/${id}/verifier`)).statusCode).toBe(404);
      expect((await client.post(`/pre-demande/${id}/verifier`)).statusCode).toBe(404);
      expect((await client.get(`/pre-demande/${id}/recapitulatif.pdf`)).statusCode).toBe(404);
      expect((await client.post(`/pre-demande/${id}/annuler`)).statusCode).toBe(404);
      expect((await client.post(`/pre-demande/${id}/supprimer`)).statusCode).toBe(404);
    }
    expect((await client.get('/pre-demande/pas-un-identifiant')).statusCode).toBe(404);
    expect((await new TestClient(built.app).get(`/pre-demande/${done}`)).headers.location).toBe('/connexion');
  });
});
