import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { A4, nouveauDocumentPdf } from './pdf.ts';

async function pdf(lignes: string[]): Promise<Buffer> {
  const { doc, polices } = await nouveauDocumentPdf({ titre: 'Essai', auteur: 'Guichet Titres' });
  const page = doc.addPage([...A4]);
  lignes.forEach((ligne, i) => page.drawText(ligne, { x: 50, y: 780 - i * 20, size: 12, font: i % 2 ? polices.bold : polices.regular }));
  return Buffer.from(await doc.save());
}

function texte(contenu: Buffer): string {
  const dossier = fs.mkdtempSync(path.join(os.tmpdir(), 'pdf-texte-'));
  try {
    fs.writeFileSync(path.join(dossier, 'doc.pdf'), contenu);
    return execFileSync('pdftotext', ['-layout', path.join(dossier, 'doc.pdf'), '-'], { encoding: 'utf8' });
  } finally {
    fs.rmSync(dossier, { recursive: true, force: true });
  }
}

describe('PDF text layer', () => {
  it('reads exactly as drawn, whatever documents were rendered before in the process', async () => {
    // Accented capitals first: they once left later documents' letters without Unicode.
    const accents = ['ÉTAT CIVIL — À FOURNIR', 'ÇA ÊTRE ÎLE ÔTER ÛN Œuvre', 'Écrire à Noël Çà et là'];
    const premier = texte(await pdf([...accents, 'E9T33TRV9K CIOU']));
    for (const attendu of [...accents, 'E9T33TRV9K CIOU']) expect(premier).toContain(attendu);
    const numeros = ['E9T33TRV9K', 'ABCDEFGHIJKLMNOPQRSTUVWXYZ', 'D-24-K7M2QX9P', 'Pré-demande n° E9T33TRV9K', 'Étienne Éléonore'];
    for (let i = 0; i < 20; i += 1) {
      const lu = texte(await pdf(numeros));
      for (const attendu of numeros) expect(lu, `document ${i + 1}`).toContain(attendu);
    }
  });
});
