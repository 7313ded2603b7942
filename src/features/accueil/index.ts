export { registerAccueilRoutes } from './routes.tsx';
