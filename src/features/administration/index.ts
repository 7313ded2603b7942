export { registerAdministrationRoutes } from './routes.tsx';
