// `npm run size`: an app whose only use of plc-kit is `import { checkQuestion } from 'plc-kit'`.
import { defineConfig } from 'vite';

export default defineConfig({ logLevel: 'warn', build: { target: 'es2022', outDir: 'dist-size', rollupOptions: { input: 'check-question.html' } } });
