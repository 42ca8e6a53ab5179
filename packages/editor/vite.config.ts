import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

/**
 * `vite` serves the editor with /api (HTTP and WebSocket) proxied to a running `weft serve`
 * (WEFT_SERVER, default http://127.0.0.1:3000); `vite build` writes dist/, which the server serves.
 * Monaco comes from the local monaco-editor package and is only loaded by a dynamic import, so it
 * lands in its own chunk together with its two workers (editor and JSON).
 */
const server = process.env.WEFT_SERVER ?? 'http://127.0.0.1:3000';

export default defineConfig({
  plugins: [react()],
  worker: { format: 'es' },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    target: 'es2022',
    chunkSizeWarningLimit: 4000,
    reportCompressedSize: false,
  },
  server: {
    proxy: {
      '/api': { target: server, changeOrigin: true, ws: true },
      '/docs': { target: server, changeOrigin: true },
    },
  },
});
