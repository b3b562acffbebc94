import vue from '@vitejs/plugin-vue';
import { defaultClientConditions, defineConfig } from 'vite';

const api = process.env.SAISHI_API_URL ?? 'http://localhost:3000';

/** Built into dist/ and served by the API at /admin; `pnpm dev` proxies the API. */
export default defineConfig({
  base: '/admin/',
  plugins: [vue()],
  // Workspace packages are used from their sources (`saishi-source` in @saishi/client's exports), not a build.
  resolve: { conditions: ['saishi-source', ...defaultClientConditions] },
  server: {
    port: 5173,
    proxy: {
      '/api': { target: api, changeOrigin: true },
      '/openapi.json': { target: api, changeOrigin: true },
    },
  },
  build: {
    chunkSizeWarningLimit: 2000,
  },
});
