export { registerBoiteDevRoutes } from './routes.tsx';
