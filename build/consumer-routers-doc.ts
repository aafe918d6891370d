// `npx tsx build/consumer-routers-doc.ts`: write docs/consumer-routers.md from the consumer-router table.
import { writeFileSync } from 'node:fs';
import { consumerRoutersMarkdown } from '../shared/line-check/consumer-routers-doc.js';

const target = new URL('../docs/consumer-routers.md', import.meta.url);
writeFileSync(target, consumerRoutersMarkdown());
console.log(`wrote ${target.pathname}`);
