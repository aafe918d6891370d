/** docs/consumer-routers.md, generated from the consumer-router table (consumer-routers.ts): `npx tsx build/consumer-routers-doc.ts`. */
import { SERVICE_IDS, serviceById } from '../services/index.js';
import { CONSUMER_ROUTERS, VENDOR_LISTS, type RouterServiceSupport } from './consumer-routers.js';

function cell(s: RouterServiceSupport | undefined): string {
  if (!s) return 'unknown';
  return `${s.support}${s.firmware ? ` (fw ${s.firmware})` : ''} (${s.confidence})`;
}

export function consumerRoutersMarkdown(): string {
  const out: string[] = [
    '# Consumer routers',
    '',
    'Generated from `shared/line-check/consumer-routers.ts` by `npx tsx build/consumer-routers-doc.ts`; a unit test fails while this file is stale.',
    'The line check (`ipoe-doctor line-check --router "VENDOR MODEL"`) looks the router up here. Every value is graded:',
    '**confirmed** (the vendor\u2019s own list or several reports), **source-says** (one public source, e.g. a field report),',
    '**inferred** (the model\u2019s support as its product listing is commonly reported, not yet checked against the vendor\u2019s verified-service list named as its source: confirm it there).',
    'A "no" makes `DEVICE_UNSUPPORTED_SERVICE`; an unknown value or an unlisted model makes `DEVICE_MODEL_UNLISTED`, never "cannot".',
    '',
    `| Router | ${SERVICE_IDS.map((id) => serviceById(id).name).join(' | ')} |`,
    `|---|${SERVICE_IDS.map(() => '---').join('|')}|`,
  ];
  for (const r of CONSUMER_ROUTERS) out.push(`| ${r.vendor} ${r.model} | ${SERVICE_IDS.map((id) => cell(r.services[id])).join(' | ')} |`);
  out.push('', '## Sources and notes', '');
  for (const r of CONSUMER_ROUTERS) {
    out.push(`### ${r.vendor} ${r.model}`, '');
    for (const id of SERVICE_IDS) {
      const s = r.services[id];
      if (!s) continue;
      out.push(`- ${serviceById(id).name}: **${s.support}** (${s.confidence}) — ${s.sources.join('; ')}${s.note ? `. ${s.note}` : ''}`);
    }
    out.push('');
  }
  out.push('## Where to confirm', '', ...Object.entries(VENDOR_LISTS).map(([v, where]) => `- ${v}: ${where}`), '');
  return out.join('\n');
}
