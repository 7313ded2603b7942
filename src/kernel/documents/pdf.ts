import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import fontkit from '@pdf-lib/fontkit';
import { PDFDocument, type PDFFont } from 'pdf-lib';

const require = createRequire(import.meta.url);
const FONT_DIR = path.join(path.dirname(require.resolve('dejavu-fonts-ttf/package.json')), 'ttf');
let fontFiles: { regular: Buffer; bold: Buffer } | undefined;

/**
 * fontkit parses a whole TrueType file on every `embedFont`; the two DejaVu faces never
 * change, so each is parsed once per process — but each document works on a font of its own.
 * A parsed font shared between documents kept its glyph objects, which layout mutates (a
 * glyph met through an accented capital is recorded without its character): later documents
 * then wrote « E » with no Unicode in their text layer, and `pdftotext` (copy-paste, search,
 * screen readers) lost the letter. So a document gets a fork: the decoded tables are shared,
 * read-only; glyphs, layout engine and cmap processor (cached lazily on `this`) are its own.
 */
type Fontkit = typeof fontkit;
type FontkitFont = ReturnType<Fontkit['create']>;
const parsedFonts = new Map<Uint8Array, FontkitFont>();
const forkingFontkit: Fontkit = {
  ...fontkit,
  create(data: Uint8Array, postscriptName?: string) {
    if (postscriptName !== undefined) return fontkit.create(data, postscriptName);
    let parsed = parsedFonts.get(data);
    if (!parsed) {
      parsed = fontkit.create(data);
      parsedFonts.set(data, parsed);
    }
    const fork = Object.create(parsed) as FontkitFont & { _glyphs: Record<number, unknown> };
    fork._glyphs = {};
    return fork;
  },
};

export interface PolicesPdf {
  regular: PDFFont;
  bold: PDFFont;
}

/**
 * A new PDF with its title and language set (screen readers and `pdftotext` rely on them)
 * and an embedded Unicode font: the 14 standard PDF fonts cannot write « Łódź » or
 * « Nguyễn », and names on our documents are people's real names.
 */
export async function nouveauDocumentPdf(meta: { titre: string; auteur: string; sujet?: string; creeLe?: Date }): Promise<{ doc: PDFDocument; polices: PolicesPdf }> {
  fontFiles ??= { regular: fs.readFileSync(path.join(FONT_DIR, 'DejaVuSans.ttf')), bold: fs.readFileSync(path.join(FONT_DIR, 'DejaVuSans-Bold.ttf')) };
  const doc = await PDFDocument.create();
  doc.registerFontkit(forkingFontkit);
  doc.setTitle(meta.titre, { showInWindowTitleBar: true });
  doc.setLanguage('fr-FR');
  doc.setAuthor(meta.auteur);
  doc.setCreator('Guichet Titres');
  if (meta.sujet) doc.setSubject(meta.sujet);
  if (meta.creeLe) doc.setCreationDate(meta.creeLe);
  const polices = { regular: await doc.embedFont(fontFiles.regular, { subset: true }), bold: await doc.embedFont(fontFiles.bold, { subset: true }) };
  return { doc, polices };
}

/** A4 portrait, in PDF points. */
export const A4 = [595.28, 841.89] as const;

// Measuring text goes through fontkit's OpenType layout, which is costly: each word is
// measured once (at size 1, per font name — the same from one document to the next) and a
// line is measured by adding up its words, instead of measuring the whole line again at
// every word.
const largeurs = new Map<string, Map<string, number>>();
function largeurMot(police: PDFFont, mot: string): number {
  let parMot = largeurs.get(police.name);
  if (!parMot) largeurs.set(police.name, (parMot = new Map<string, number>()));
  let largeur = parMot.get(mot);
  if (largeur === undefined) {
    largeur = police.widthOfTextAtSize(mot, 1);
    if (parMot.size < 20_000) parMot.set(mot, largeur);
  }
  return largeur;
}

/**
 * Cuts a text into lines no wider than `largeurMax` points. Breaks at ordinary spaces only:
 * a no-break space (« guillemets », 86 €) holds. A word wider than the line gets a line of
 * its own.
 */
export function couperTexte(texte: string, police: PDFFont, taille: number, largeurMax: number): string[] {
  const lignes: string[] = [];
  const espace = largeurMot(police, ' ') * taille;
  let courante = '';
  let largeur = 0;
  for (const mot of texte.split(/[ \t\r\n]+/).filter(Boolean)) {
    const l = largeurMot(police, mot) * taille;
    if (!courante) [courante, largeur] = [mot, l];
    else if (largeur + espace + l <= largeurMax) [courante, largeur] = [`${courante} ${mot}`, largeur + espace + l];
    else {
      lignes.push(courante);
      [courante, largeur] = [mot, l];
    }
  }
  if (courante) lignes.push(courante);
  return lignes;
}
