export { registerSanteRoutes } from './routes.ts';
