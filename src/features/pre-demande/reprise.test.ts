import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { openDatabase } from '../../kernel/db/database.ts';
import { createUsager } from '../../kernel/testing/factories.ts';
import { createTestApp, dropSchema, openTestDatabase, TEST_DATABASE_URL } from '../../kernel/testing/test-app.ts';
import { TestClient } from '../../kernel/testing/test-client.ts';
import { adultePasseportRenouvellement, commencer, remplir } from './test-parcours.ts';

// A server restart in the middle of a pré-demande loses nothing: the draft and the session
// both live in the database, so the person goes on in the same browser tab.
describe(`pré-demande across a server restart (${TEST_DATABASE_URL ? 'PostgreSQL' : 'PGlite on disk'})`, () => {
  it('keeps every answer and the session, and validates after the restart', async () => {
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'guichet-reprise-'));
    const schema = `t_${randomUUID().replaceAll('-', '').slice(0, 20)}`;
    const ouvrir = () => (TEST_DATABASE_URL ? openTestDatabase({ schema }) : openDatabase({ dataDir }).then((handle) => ({ ...handle, schema: undefined })));
    try {
      const avant = await createTestApp({ database: await ouvrir() });
      const usager = await createUsager(avant);
      const navigateur = new TestClient(avant.app, '198.51.100.40');
      await navigateur.submit('/connexion', '/connexion', { email: usager.email, password: usager.password });
      const id = await commencer(navigateur);
      await remplir(navigateur, id, adultePasseportRenouvellement());
      await avant.app.close();

      const apres = await createTestApp({ database: await ouvrir() });
      try {
        const memeOnglet = navigateur.withApp(apres.app);
        const recap = await memeOnglet.get(`/pre-demande/${id}/verifier`);
        expect(recap.statusCode).toBe(200);
        expect(recap.body).toContain('Jean-Édouard');
        expect(recap.body).toContain('de La Fontaine');
        expect((await memeOnglet.post(`/pre-demande/${id}/verifier`)).statusCode).toBe(303);
        expect((await memeOnglet.get(`/pre-demande/${id}`)).body).toMatch(/id="numero-pre-demande">[A-Z0-9]{10}</);
      } finally {
        await apres.app.close();
      }
    } finally {
      if (TEST_DATABASE_URL) await dropSchema(TEST_DATABASE_URL, schema);
      fs.rmSync(dataDir, { recursive: true, force: true });
    }
  });
});
