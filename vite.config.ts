import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

/** Builds the renderer into dist/renderer; relative URLs so it loads from the hub and from file:// in Electron. */
export default defineConfig({
  root: fileURLToPath(new URL('./renderer', import.meta.url)),
  base: './',
  plugins: [react()],
  build: {
    outDir: fileURLToPath(new URL('./dist/renderer', import.meta.url)),
    emptyOutDir: true,
    target: 'es2022',
    sourcemap: true,
    // The entry holds the app; the metrics screen (chart.js) and the postmortem screen (react-markdown, remark-gfm,
    // the merge view) are chunks of their own, fetched when first opened or once the app is up
    // (ui/common/lazy-screens.tsx).
    rolldownOptions: {
      output: {
        codeSplitting: {
          // The libraries every screen needs, in one chunk loaded with the entry (named for what it is).
          groups: [{ name: 'vendor', test: /node_modules[\\/](react|react-dom|scheduler|zod|zustand)[\\/]/ }],
        },
      },
    },
  },
});
