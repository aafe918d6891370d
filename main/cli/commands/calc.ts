import {
  CalcInputError,
  SNIPPET_FORMATS,
  calculateMapE,
  fixedIpCeAddress,
  formatRange,
  isSnippetFormat,
  renderSnippet,
  ruleLabel,
  type CalcWarning,
  type FixedIpResult,
  type MapEResult,
} from '../../../shared/mape/index.js';
import { EXIT_OK, UsageError, flagString, parseArgs, type CliCommand, type CliIo } from '../command.js';

const USAGE =
  'calc <prefix-or-address> [--json] [--format rtx|linux|vyos|openwrt] [--rfc7597] [--wan IF] ' +
  '[--fixed-iid IID [--fixed-ipv4 A.B.C.D]]';

/**
 * `ipoe-doctor calc`: MAP-E parameters (IPv4, PSID, port blocks, CE, BR) for a prefix or any address inside it,
 * or with --fixed-iid the fixed-IP (IPIP) CE address. The --json shape is a public contract:
 * {provider, rule: {ipv6Prefix, ipv4Prefix, eaLength, psidLength, psidOffset}, ipv4, psid, psidLength,
 *  psidOffset, ports, portRanges: [[start, end], …], ceAddress, br}; warnings go to stderr; failures print
 * {error: {code, message}} and exit 2. With --fixed-iid, --json prints the FixedIpResult.
 */
export const calc: CliCommand = {
  name: 'calc',
  summary:
    'Compute MAP-E parameters (IPv4, PSID, every port block, CE address, BR) from your IPv6 prefix or any ' +
    'address inside it; --format prints a config snippet, --fixed-iid the fixed-IP CE address.',
  usage: USAGE,
  async run(args: string[], io: CliIo): Promise<number> {
    const parsed = parseArgs(args, { valued: ['format', 'wan', 'fixed-iid', 'fixed-ipv4'], boolean: ['json', 'rfc7597'] });
    const json = parsed.flags.has('json');
    const format = flagString(parsed, 'format');
    const fixedIid = flagString(parsed, 'fixed-iid');
    const fixedIpv4 = flagString(parsed, 'fixed-ipv4');
    const input = singlePositional(parsed.positionals);
    if (format !== undefined && !isSnippetFormat(format)) {
      throw new UsageError(`unknown --format "${format}"; choose one of ${SNIPPET_FORMATS.join(', ')}`);
    }
    if (format && json) throw new UsageError('choose either --json or --format, not both');
    if (fixedIpv4 !== undefined && fixedIid === undefined) {
      throw new UsageError('--fixed-ipv4 only checks a fixed-IP interface ID: give --fixed-iid too (from your notice)');
    }
    if (fixedIid !== undefined && format) {
      throw new UsageError('--format makes MAP-E configs; it cannot be combined with --fixed-iid');
    }

    try {
      if (fixedIid !== undefined) {
        const result = fixedIpCeAddress(input, fixedIid, fixedIpv4);
        io.out(json ? toJson(result) : fixedIpText(result));
        return EXIT_OK;
      }
      const result = calculateMapE(input, parsed.flags.has('rfc7597') ? { ifaceId: 'rfc7597' } : {});
      if (format && isSnippetFormat(format)) {
        const wan = flagString(parsed, 'wan');
        io.out(renderSnippet(format, result, wan ? { wan } : {}));
        for (const w of result.warnings) io.err(`warning: ${w.message}\n`);
      } else if (json) {
        io.out(toJson(jsonShape(result)));
        for (const w of result.warnings) io.err(`warning: ${w.message}\n`);
      } else {
        io.out(mapEText(result));
      }
      return EXIT_OK;
    } catch (err) {
      if (!(err instanceof CalcInputError)) throw err;
      if (json) io.out(toJson({ error: { code: err.code, message: err.message } }));
      throw new UsageError(err.message);
    }
  },
};

function singlePositional(positionals: string[]): string {
  if (positionals.length === 0) {
    throw new UsageError('give your IPv6 prefix or any address inside it, e.g. `ipoe-doctor calc 240b:13:1a65:a100::/56`');
  }
  if (positionals.length > 1) {
    throw new UsageError(
      `expected one prefix or address, got ${positionals.length}: ${positionals.join(' ')}. ` +
        'Write a prefix without spaces, e.g. 240b:13:1a65:a100::/56',
    );
  }
  return positionals[0]!;
}

/** Exactly the documented --json contract; warnings go to stderr so the shape stays fixed. */
function jsonShape(r: MapEResult) {
  return {
    provider: r.provider,
    rule: r.rule,
    ipv4: r.ipv4,
    psid: r.psid,
    psidLength: r.psidLength,
    psidOffset: r.psidOffset,
    ports: r.ports,
    portRanges: r.portRanges,
    ceAddress: r.ceAddress,
    br: r.br,
  };
}

/** Pretty JSON with each [start, end] pair kept on one line. */
function toJson(value: unknown): string {
  return JSON.stringify(value, null, 2).replace(/\[\s+(\d+),\s+(\d+)\s+\]/g, '[$1, $2]') + '\n';
}

function table(rows: [string, string][]): string[] {
  const width = Math.max(...rows.map(([k]) => k.length));
  return rows.map(([k, v]) => `${k.padEnd(width)}  ${v}`);
}

function warningLines(warnings: CalcWarning[]): string[] {
  return warnings.length ? ['', ...warnings.map((w) => `Warning: ${w.message}`)] : [];
}

function mapEText(r: MapEResult): string {
  const m = 16 - r.psidOffset - r.psidLength;
  const lines = table([
    ['Provider', r.provider],
    ['Rule', `${ruleLabel(r.rule)} (EA ${r.rule.eaLength} bits, PSID length ${r.psidLength}, offset ${r.psidOffset})`],
    ['User prefix', r.userPrefix],
    ['IPv4 address', r.ipv4],
    ['PSID', `${r.psid} (0x${r.psid.toString(16)})`],
    ['CE address', `${r.ceAddress} (${r.interfaceIdForm === 'draft03' ? 'draft-03 interface ID' : 'RFC 7597 interface ID'})`],
    [r.interfaceIdForm === 'draft03' ? 'CE (RFC 7597)' : 'CE (draft-03)', r.interfaceIdForm === 'draft03' ? r.ceAddressRfc7597 : r.ceAddressDraft03],
    ['BR', r.br ?? '(unknown)'],
    ['Ports', `${r.ports} in ${r.portRanges.length} blocks of ${2 ** m}`],
  ]);
  lines.push('', 'Port blocks:');
  const cells = r.portRanges.map((range, i) => `${String(i + 1).padStart(2)}  ${formatRange(range).padEnd(11)}`);
  for (let i = 0; i < cells.length; i += 4) lines.push(`  ${cells.slice(i, i + 4).join('   ').trimEnd()}`);
  lines.push(...warningLines(r.warnings));
  return lines.join('\n') + '\n';
}

function fixedIpText(r: FixedIpResult): string {
  const rows: [string, string][] = [
    ['Prefix (/64)', r.prefix64],
    ['Interface ID', r.interfaceId],
    ['CE address', r.ceAddress],
  ];
  if (r.fixedIpv4) {
    rows.push(['Fixed IPv4', r.fixedIpv4]);
    rows.push(['ID for that IPv4', `${r.expectedInterfaceId} (${r.interfaceIdMatches ? 'matches' : 'differs: check the notice'})`]);
  }
  return [...table(rows), ...warningLines(r.warnings)].join('\n') + '\n';
}
