/**
 * The server's production build (`npm run build`, after the PWA): src/server/main.ts (the server)
 * and src/server/admin.ts (the admin command) bundled to dist-server/*.js for plain `node`.
 * Packages stay imports from node_modules (an SSR build externalises them).
 */
import { defineConfig } from 'vite';

export default defineConfig({
  publicDir: false,
  build: {
    ssr: true,
    target: 'node20',
    outDir: 'dist-server',
    emptyOutDir: true,
    sourcemap: true,
    minify: false,
    rolldownOptions: {
      input: { main: 'src/server/main.ts', admin: 'src/server/admin.ts' },
      output: { format: 'esm', entryFileNames: '[name].js', chunkFileNames: 'chunks/[name]-[hash].js' },
    },
  },
});
