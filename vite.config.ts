import { defineConfig, type Plugin } from 'vite';
import { createMockSpacesApi } from './demo/mock-spaces-api.js';

/** Serves the mock Spaces API beside the demo, so `npm start` needs no backend. */
function mockSpacesApi(): Plugin {
  const api = createMockSpacesApi({ latencyMs: 600 });
  return {
    name: 'mock-spaces-api',
    configureServer(server) {
      server.middlewares.use((req, res, next) => {
        if (!api.handle(req, res)) next();
      });
    },
  };
}

export default defineConfig({
  plugins: [mockSpacesApi()],
  server: { port: 5173 },
});
