// Les guides pas à pas (COMMENT ? du kit) et « Ce qu’il vous faut » avant une pré-demande.
//
// For the printable kit: `guides({ tarifs: await tarifsTimbres(db, now()) })` (timbre's index)
// gives the three guides as data, prices already written from the catalogue in force, each
// step's `lien.href` a site path (prefix it with the public URL on paper). Pass `pageExiste`
// to send steps whose page is missing to the « bientôt disponible » notice.
export { registerGuidesRoutes, type GuidesDeps } from './routes.tsx';
export { guides, type ContexteGuides } from './guides.ts';
export type { Guide, EtapeGuide, LienEtape, TarifAffiche, SlugGuide } from './types.ts';
