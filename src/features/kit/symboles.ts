// Une forme par sorte de lieu, en plus de sa couleur : la carte reste lisible imprimée en
// noir et blanc et par qui distingue mal les couleurs. Tracés SVG centrés sur l'origine.
import type { TypePoint } from '../territoire/index.ts';

export type Symbole = { readonly forme: 'cercle' | 'anneau'; readonly rayon: number } | { readonly forme: 'trace'; readonly trace: string };

export const SYMBOLES: Record<TypePoint, Symbole> = {
  dr: { forme: 'cercle', rayon: 4.5 },
  espace_numerique: { forme: 'trace', trace: 'M-3.2 -3.2L3.2 -3.2L3.2 3.2L-3.2 3.2Z' },
  msap: { forme: 'trace', trace: 'M0 -4.6L4.2 3.2L-4.2 3.2Z' },
  msap_poste: { forme: 'trace', trace: 'M0 -4.6L4.6 0L0 4.6L-4.6 0Z' },
  prefecture: { forme: 'anneau', rayon: 4.6 },
};
