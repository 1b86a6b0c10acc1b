import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

export default defineConfig({
  root: 'renderer',
  base: './',
  plugins: [react()],
  build: {
    outDir: '../dist/renderer',
    emptyOutDir: true,
    // No inline scripts or styles: the CSP allows only 'self'.
    assetsInlineLimit: 0,
    sourcemap: false,
    // One 800 kB file made Vite warn on every build. Split by what changes together: the
    // libraries, the translation catalogues (~300 kB, read once at start), and the app itself.
    // All are local files loaded at start; the split is for caching and clear build output.
    rolldownOptions: {
      output: {
        codeSplitting: {
          groups: [
            { name: 'react', test: /node_modules[\\/](react|react-dom|scheduler)[\\/]/ },
            { name: 'libs', test: /node_modules[\\/]/ },
            { name: 'i18n', test: /shared[\\/]i18n[\\/]/ },
          ],
        },
      },
    },
  },
});
