import { describe, expect, it } from 'vitest';
import { configBody, configChanges, sameConfig } from '../../../shared/rtx/config-diff.js';

const header = '# RTX1300 Rev.23.00.04 (Wed Aug 10 11:40:27 2022)\n# Reporting Date: Dec 12 18:19:32 2022\n\n';
const body = 'ip lan1 address 192.168.182.1/24\ntunnel select 1\n tunnel encapsulation ipip\n tunnel endpoint address 2404:9200:255:100::65\n tunnel enable 1\ntunnel select 2\n tunnel enable 2\nembedded file x.lua <<EOF\nPASSWORD = "a"\nEOF\n';

describe('comparing configs as show config prints them', () => {
  it('ignores the header (reporting date) and trailing blanks', () => {
    expect(configBody(header + body)).toBe(body.trim());
    expect(sameConfig(header + body, header.replace('18:19:32', '18:20:00') + body + '\n\n')).toBe(true);
    expect(sameConfig(body, body.replace('255:100', '225:100'))).toBe(false);
  });

  it('names each changed line with its tunnel block; an embedded file is one item', () => {
    const changed = body.replace('2404:9200:255:100::65', '2404:9200:225:100::65').replace('PASSWORD = "a"', 'PASSWORD = "b"') + 'ip filter 200077 pass * * icmp * *\n';
    expect(configChanges(body, changed)).toEqual({
      added: ['tunnel select 1: tunnel endpoint address 2404:9200:225:100::65', 'embedded file x.lua <<EOF\nPASSWORD = "b"\nEOF', 'ip filter 200077 pass * * icmp * *'],
      removed: ['tunnel select 1: tunnel endpoint address 2404:9200:255:100::65', 'embedded file x.lua <<EOF\nPASSWORD = "a"\nEOF'],
    });
    // The same line in another tunnel is another line.
    expect(configChanges(body, body.replace(' tunnel enable 2', ' tunnel enable 1')).added).toEqual(['tunnel select 2: tunnel enable 1']);
    expect(configChanges(body, body)).toEqual({ added: [], removed: [] });
  });
});
