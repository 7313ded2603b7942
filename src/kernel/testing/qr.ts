import jsqrModule from 'jsqr';
import { PNG } from 'pngjs';

type JsQr = typeof import('jsqr').default;
// jsqr is CommonJS: depending on the loader, the function is the module or its default.
const jsQR: JsQr = (jsqrModule as unknown as { default?: JsQr }).default ?? (jsqrModule as unknown as JsQr);

/** Decodes the QR code in a PNG image, as a phone or a counter scanner would. */
export function lireQrPng(png: Buffer): string | undefined {
  const image = PNG.sync.read(png);
  return jsQR(new Uint8ClampedArray(image.data), image.width, image.height)?.data;
}

export function lireQrPixels(pixels: Uint8ClampedArray, width: number, height: number): string | undefined {
  return jsQR(pixels, width, height)?.data;
}
