// `npx tsx build/models-doc.ts`: write docs/rtx-models.md from the model table (see shared/rtx/models-doc.ts).
import { writeFileSync } from 'node:fs';
import { modelsMarkdown } from '../shared/rtx/models-doc.js';

const target = new URL('../docs/rtx-models.md', import.meta.url);
writeFileSync(target, modelsMarkdown());
console.log(`wrote ${target.pathname}`);
