import type { Language } from '../i18n/catalogs.js';

function escape(s: string): string {
  return s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}

/**
 * HTML from the report's Markdown: a deliberately small converter for the constructs the Markdown
 * renderer emits (headings, tables, lists, code fences, inline code and bold). Self-contained, no
 * scripts, printable (Electron printToPDF uses it as is).
 */
export function markdownToHtml(markdown: string, lang: Language, title: string): string {
  const lines = markdown.split('\n');
  const html: string[] = [];
  let inCode = false;
  let inList = false;
  let table: string[][] | null = null;
  const inline = (s: string) =>
    escape(s)
      .replace(/`([^`]+)`/g, '<code>$1</code>')
      .replace(/\*\*([^*]+)\*\*/g, '<strong>$1</strong>');
  const flushList = () => {
    if (inList) html.push('</ul>');
    inList = false;
  };
  const flushTable = () => {
    if (!table) return;
    // A Markdown table's first row is its header: every column has a label.
    html.push('<table>', ...table.map((cells, row) => `<tr>${cells.map((c) => (row === 0 ? `<th scope="col">${inline(c)}</th>` : `<td>${inline(c)}</td>`)).join('')}</tr>`), '</table>');
    table = null;
  };
  for (const line of lines) {
    if (line.startsWith('```')) {
      flushList();
      flushTable();
      html.push(inCode ? '</pre>' : '<pre>');
      inCode = !inCode;
      continue;
    }
    if (inCode) {
      html.push(escape(line));
      continue;
    }
    if (/^\|.*\|$/.test(line)) {
      flushList();
      if (/^\|[-| ]+\|$/.test(line)) continue;
      (table ??= []).push(line.slice(1, -1).split('|').map((c) => c.trim()));
      continue;
    }
    flushTable();
    const h = /^(#{1,3}) (.*)$/.exec(line);
    if (h) {
      flushList();
      html.push(`<h${h[1]!.length}>${inline(h[2]!)}</h${h[1]!.length}>`);
    } else if (/^- /.test(line)) {
      if (!inList) html.push('<ul>');
      inList = true;
      html.push(`<li>${inline(line.slice(2)).replace(/^\[ \] /, '☐ ')}</li>`);
    } else if (line === '---') {
      flushList();
      html.push('<hr>');
    } else if (line.trim() === '') {
      flushList();
    } else {
      flushList();
      html.push(`<p>${inline(line)}</p>`);
    }
  }
  flushList();
  flushTable();
  return `<!doctype html>
<html lang="${lang}"><head><meta charset="utf-8"><title>${escape(title)}</title>
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'">
<style>
body{font-family:system-ui,'Hiragino Sans','Noto Sans CJK JP','Yu Gothic UI',Meiryo,sans-serif;max-width:920px;margin:24px auto;padding:0 20px;color:#1d2733;line-height:1.6}
h1{font-size:24px}h2{font-size:19px;border-bottom:1px solid #d9dee5;padding-bottom:4px;margin-top:28px}h3{font-size:16px}
pre{background:#f4f6f9;border:1px solid #d9dee5;border-radius:6px;padding:10px 12px;overflow:auto;font-size:12.5px}
code{font-family:ui-monospace,Menlo,Consolas,monospace}table{border-collapse:collapse}td,th{border:1px solid #d9dee5;padding:4px 10px;text-align:left}th{background:#f4f6f9}
@media print{pre{white-space:pre-wrap}}
</style></head><body>
${html.join('\n')}
</body></html>
`;
}
