// `npm run docs:findings`: write docs/findings.md from the finding definitions (see shared/diagnosis/findings-doc.ts).
import { writeFileSync } from 'node:fs';
import { findingsMarkdown } from '../shared/diagnosis/findings-doc.js';

const target = new URL('../docs/findings.md', import.meta.url);
writeFileSync(target, findingsMarkdown());
console.log(`wrote ${target.pathname}`);
