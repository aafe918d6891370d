import { defineConfig, type Plugin } from 'vite';
import react from '@vitejs/plugin-react';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('.', import.meta.url));

/** The app icon (build/icon.svg, the one source of every icon) as the page's favicon. */
function favicon(): Plugin {
  return {
    name: 'ipoe-doctor-favicon',
    generateBundle() {
      this.emitFile({ type: 'asset', fileName: 'favicon.svg', source: readFileSync(fileURLToPath(new URL('../build/icon.svg', import.meta.url))) });
    },
  };
}

export default defineConfig({
  root,
  base: './',
  plugins: [react(), favicon()],
  build: {
    outDir: fileURLToPath(new URL('../dist/renderer', import.meta.url)),
    emptyOutDir: true,
    sourcemap: false,
    chunkSizeWarningLimit: 1500,
  },
});
