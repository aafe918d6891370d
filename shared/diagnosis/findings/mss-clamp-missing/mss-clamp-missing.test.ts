import { describe, expect, it } from 'vitest';
import { rtxCases, edit, transix } from '../../../../test/unit/diagnosis/rtx/cases.js';
import { codes, dropLines, mutate, only, run, V6PLUS } from '../../../../test/unit/diagnosis/linux/cases.js';

rtxCases('MSS_CLAMP_MISSING', {
  fires: [
    {
      name: 'no ip tunnel tcp mss limit',
      outputs: () => edit(transix(), 'show config', ' ip tunnel tcp mss limit auto\n', ''),
      check: (f) => expect(f.fix?.inverse).toEqual(['tunnel select 1', 'no ip tunnel tcp mss limit']),
    },
  ],
  quiet: [{ name: 'clamped on the LAN instead', outputs: () => edit(edit(transix(), 'show config', ' ip tunnel tcp mss limit auto\n', ''), 'show config', 'ip lan1 address 192.168.0.1/24\n', 'ip lan1 address 192.168.0.1/24\nip lan1 tcp mss limit auto\n') }],
});

describe('MSS_CLAMP_MISSING', () => {
  it('fires on a full ruleset without any clamp', () => {
    const f = only(run(dropLines(V6PLUS, /maxseg/)), 'MSS_CLAMP_MISSING');
    expect(f.fix?.commands.join('\n')).toContain('tcp option maxseg size set rt mtu');
    expect(f.fix?.inverse).toEqual(['nft delete chain ip ipoe_doctor clamp_mss', "nft list table ip ipoe_doctor | grep -q '^[[:space:]]*chain ' || nft delete table ip ipoe_doctor"]);
  });
  it('does not fire on iptables-nft TCPMSS or on a single table listing', () => {
    const xt = mutate(dropLines(V6PLUS, /maxseg/), '\t\ttype filter hook forward priority mangle; policy accept;', '\t\ttype filter hook forward priority mangle; policy accept;\n\t\toifname "mape" tcp flags syn / syn,rst counter packets 0 bytes 0 xt target "TCPMSS"');
    expect(codes(run(xt))).not.toContain('MSS_CLAMP_MISSING');
    const partial = mutate(dropLines(V6PLUS, /maxseg/), 'sudo nft list ruleset', 'sudo nft list table ip mape');
    expect(codes(run(partial))).not.toContain('MSS_CLAMP_MISSING');
  });
});
