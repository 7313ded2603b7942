import QRCode from 'qrcode';

/**
 * The QR code carries the pré-demande number only (never personal data). Error correction
 * level M survives a crumpled printout; the quiet zone of 4 modules is what readers expect.
 */
const MARGE = 4;

export function matriceQr(numero: string): { taille: number; noir: (ligne: number, colonne: number) => boolean } {
  const qr = QRCode.create(numero, { errorCorrectionLevel: 'M' });
  return { taille: qr.modules.size, noir: (ligne, colonne) => Boolean(qr.modules.get(ligne, colonne)) };
}

/** Our own SVG markup (no user text in it but the number, which is A–Z and 2–9 only). */
export function qrSvg(numero: string, pixels = 200): string {
  if (!/^[A-Z0-9]+$/.test(numero)) throw new Error('numéro invalide pour le QR code');
  const { taille, noir } = matriceQr(numero);
  const cote = taille + 2 * MARGE;
  let chemin = '';
  for (let ligne = 0; ligne < taille; ligne += 1) {
    for (let colonne = 0; colonne < taille; colonne += 1) if (noir(ligne, colonne)) chemin += `M${colonne + MARGE} ${ligne + MARGE}h1v1h-1z`;
  }
  return (
    `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${cote} ${cote}" width="${pixels}" height="${pixels}" role="img" aria-label="QR code du numéro de pré-demande ${numero}" shape-rendering="crispEdges">` +
    `<rect width="${cote}" height="${cote}" fill="#fff"/><path fill="#000" d="${chemin}"/></svg>`
  );
}
