import jsQRModule from 'jsqr';

// jsqr is CommonJS with an ES-style default in its types: take whichever shape loads.
const jsQR = ((jsQRModule as unknown as { default?: typeof jsQRModule }).default ?? jsQRModule) as unknown as (data: Uint8ClampedArray, width: number, height: number) => { data: string } | null;

/** Reads a QR code from RGBA pixels with jsQR, a standard decoder independent of our encoder. */
export function lireQr(rgba: Uint8ClampedArray, width: number, height: number): string | undefined {
  return jsQR(rgba, width, height)?.data;
}
