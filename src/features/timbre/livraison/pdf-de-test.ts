import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

/** Test helpers: the PDF attached to a raw email, and the 2D code read back with zbarimg. */
export function pieceJointePdf(raw: string): Buffer | undefined {
  const match = /Content-Type: application\/pdf[^]*?\r?\n\r?\n([A-Za-z0-9+/=\r\n]+?)\r?\n--/.exec(raw);
  return match ? Buffer.from(match[1]!.replace(/\s+/g, ''), 'base64') : undefined;
}

export function outilsDisponibles(): boolean {
  try {
    execFileSync('zbarimg', ['--version'], { stdio: 'ignore' });
    execFileSync('pdftoppm', ['-v'], { stdio: 'ignore' });
    execFileSync('pdftotext', ['-v'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

/**
 * Whether the 2D code can be read back here. On a developer's machine a missing tool only
 * warns; in CI (`enCI`, from the CI variable) it fails the test, so the check that proves
 * the code is decodable can never be skipped silently where it matters.
 */
export function lecturePossible(enCI: boolean): boolean {
  if (outilsDisponibles()) return true;
  const message = 'zbarimg, pdftoppm ou pdftotext absent (apt-get install -y zbar-tools poppler-utils)';
  if (enCI) throw new Error(`${message} : la lecture du code 2D est obligatoire en CI`);
  console.warn(`${message} : lecture du code 2D non vérifiée`);
  return false;
}

/** Renders each page as a person would print it, then reads the codes like a counter scanner. */
export function lireCodes(pdf: Buffer): string[] {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'timbre-pdf-'));
  try {
    fs.writeFileSync(path.join(dir, 'timbre.pdf'), pdf);
    execFileSync('pdftoppm', ['-r', '100', '-png', path.join(dir, 'timbre.pdf'), path.join(dir, 'page')]);
    const pages = fs.readdirSync(dir).filter((f) => f.endsWith('.png')).sort();
    return pages.flatMap((page) =>
      execFileSync('zbarimg', ['--quiet', '--raw', path.join(dir, page)], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] })
        .split('\n')
        .filter(Boolean),
    );
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

export function texteDuPdf(pdf: Buffer): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'timbre-txt-'));
  try {
    fs.writeFileSync(path.join(dir, 'timbre.pdf'), pdf);
    return execFileSync('pdftotext', [path.join(dir, 'timbre.pdf'), '-'], { encoding: 'utf8' });
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
