import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { lireQrPng } from '../../kernel/testing/qr.ts';
import { recepissePdf } from './recepisse-pdf.ts';
import type { DemandeRow } from './demandes-repository.ts';

const hasPoppler = fs.existsSync('/usr/bin/pdftotext') && fs.existsSync('/usr/bin/pdftoppm');
if (!hasPoppler) console.warn('recepisse-pdf.test.ts : installez poppler-utils (apt-get install -y poppler-utils) pour lire le PDF.');

const demande = {
  id: '00000000-0000-4000-8000-000000000001',
  numero: 'D-24-K7M2QX9P',
  titre: 'passeport',
  etat: 'transmise',
  nom: 'NGUYỄN',
  prenoms: 'Łucja',
  date_naissance: '1990-04-12',
  recueillie_le: new Date('2026-11-27T10:00:00Z'),
  commune_remise: '24322',
} as DemandeRow;

describe.skipIf(!hasPoppler)('récépissé PDF', () => {
  it('is real text with the names in full, and its QR code gives back the numéro de demande', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'recepisse-'));
    const file = path.join(dir, 'r.pdf');
    fs.writeFileSync(file, await recepissePdf(demande, 'Périgueux', 'Guichet Titres'));
    const text = execFileSync('pdftotext', ['-enc', 'UTF-8', file, '-']).toString();
    expect(text).toContain('D-24-K7M2QX9P');
    expect(text).toContain('NGUYỄN Łucja');
    expect(text).toContain('Périgueux');
    const info = execFileSync('pdfinfo', [file]).toString();
    expect(info).toMatch(/Title:\s+Récépissé de demande D-24-K7M2QX9P/);
    execFileSync('pdftoppm', ['-png', '-r', '150', '-singlefile', file, path.join(dir, 'page')]);
    expect(lireQrPng(fs.readFileSync(path.join(dir, 'page.png')))).toBe('D-24-K7M2QX9P');
  });
});
