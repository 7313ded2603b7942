// Le kit d'accompagnement de l'usager, généré depuis les données vivantes : la page /kit, le
// PDF téléchargeable, et la variante de chaque commune (son rôle et ses lieux les plus proches).
export { registerKitRoutes, GENERATIONS, type KitDeps } from './routes.tsx';
export type { GuideKit } from './kit-service.ts';
