import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

// The dashboard is served by the API process at / (one origin: the session cookie and the API
// need no CORS). `npm run dev:web` proxies /v1 to a running server.
export default defineConfig({
  root: 'web',
  plugins: [react()],
  build: { outDir: 'dist', emptyOutDir: true, sourcemap: false, chunkSizeWarningLimit: 1500 },
  server: { proxy: { '/v1': process.env['LASTMILE_URL'] ?? 'http://127.0.0.1:3000', '/t': process.env['LASTMILE_URL'] ?? 'http://127.0.0.1:3000' } },
});
