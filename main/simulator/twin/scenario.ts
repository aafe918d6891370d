import { z } from 'zod';
import { expandOfficeConfig, officePlan, VolumeSchema, type OfficePlan } from './office-volume.js';

export type { ScenarioVolume } from './office-volume.js';

/**
 * The provider side of the line: what the NGN hands the router and what the provider needs before it sends
 * IPv4 back through the tunnel. The twin's world model (world.ts) judges the router's config against it.
 */
const FixedIpSchema = z.object({
  /** The fixed IPv4 address from the registration notice. */
  ipv4: z.string(),
  /** Interface ID from the notice (`::1b:5936:1800:0`): the CE is the /64 of the prefix + this ID. */
  interfaceId: z.string(),
  /** Update ("再設定") server and the credentials it accepts; the Lua script in the config must carry these. */
  updateUrl: z.string(),
  updateUser: z.string(),
  updatePassword: z.string(),
  /** The query parameters that carry them (v6plus: `user`/`pass`; transix: `username`/`password`). */
  userParam: z.string().default('user'),
  passwordParam: z.string().default('pass'),
  /**
   * The provider-side registration is broken (contract not activated, BR not provisioned): the update server
   * still answers OK, but nothing is ever routed back. Used to test "fix fails verification → revert".
   */
  providerSideBroken: z.boolean().default(false),
});

const Dhcp6Schema = z.object({
  dns: z.array(z.string()).default(['2404:1a8:7f01:b::3', '2404:1a8:7f01:a::3']),
  domains: z.array(z.string()).default(['flets-east.jp', 'iptvf.jp']),
  sntp: z.array(z.string()).default(['2404:1a8:1102::b', '2404:1a8:1102::a']),
  duration: z.number().int().default(1844),
  t1: z.number().int().default(922),
  t2: z.number().int().default(1475),
  preferredLifetime: z.number().int().default(1613),
  validLifetime: z.number().int().default(1844),
});

const CountersSchema = z.object({
  rxPackets: z.number().int().nonnegative().default(0),
  rxOctets: z.number().int().nonnegative().default(0),
  txPackets: z.number().int().nonnegative().default(0),
  txOctets: z.number().int().nonnegative().default(0),
});

const WorldSchema = z.object({
  /** How IPv4 crosses the IPv6 line. */
  kind: z.enum(['map-e', 'ipip-fixed', 'ds-lite']),
  /** Provider id, for people and logs: `v6plus`, `ocn`, `biglobe`, `transix`, `v6plus-fixed` … */
  provider: z.string(),
  /** The interface facing the NGN. */
  wan: z.string().default('lan2'),
  /** What the line delivers: a DHCPv6-PD prefix (/56) or only a Router Advertisement (/64). */
  delivery: z.enum(['pd', 'ra']),
  /** The user's prefix: the delegated /56 (pd) or the advertised /64 (ra). */
  prefix: z.string(),
  /** Link-local address of the NGN router that sends RAs (the IPv6 default gateway). */
  raGateway: z.string(),
  /** The BR (MAP-E, fixed IP) or AFTR (DS-Lite) that really answers for this user. */
  br: z.string(),
  /** DS-Lite: the FQDN that resolves to the AFTR (`tunnel endpoint name gw.transix.jp`). */
  aftrName: z.string().optional(),
  /** Other names the line's DNS servers answer (another VNE's AFTR name, say), name → IPv6 address. */
  dnsAnswers: z.record(z.string(), z.string()).default({}),
  /** MAP-E: the `tunnel map-e type` whose rules this provider's BR follows. */
  mapeType: z.string().optional(),
  fixedIp: FixedIpSchema.optional(),
  dhcp6: Dhcp6Schema.default(Dhcp6Schema.parse({})),
  /** Lifetime printed in the boot log's `Add IPv6 prefix … (Lifetime: N)` line. */
  prefixLifetime: z.number().int().default(1687),
  /** The tunnel the scenario is about, its counters at the start, and how long after boot it came up. */
  tunnel: z
    .object({ id: z.number().int().positive().default(1), upAfterSeconds: z.number().int().nonnegative().default(0), counters: CountersSchema.default(CountersSchema.parse({})) })
    .default({ id: 1, upAfterSeconds: 0, counters: CountersSchema.parse({}) }),
  /** LAN hosts with NAT sessions (for `show nat descriptor address`); they also answer pings on the LAN. */
  lanClients: z.array(z.object({ address: z.string(), sessions: z.number().int().nonnegative() })).default([]),
  /** Background traffic from LAN clients: one packet of `octets` every `everySeconds` of simulated time. */
  trickle: z.object({ everySeconds: z.number().positive(), octets: z.number().int().positive() }).default({ everySeconds: 10, octets: 60 }),
  /** IPv6 prefixes nobody answers from (for example the mistyped BR's /48), for `ping6`. */
  ipv6Unreachable: z.array(z.string()).default([]),
});


const ScenarioFileSchema = z.object({
  id: z.string().regex(/^[a-z0-9][a-z0-9-]*$/),
  summary: z.object({ ja: z.string(), en: z.string() }),
  service: z.string(),
  device: z.object({
    model: z.string(),
    firmware: z.string().regex(/^\d+\.\d+\.\d+$/),
    firmwareDate: z.string(),
    bootRom: z.string(),
    hardwareVersion: z.string(),
    serial: z.string(),
    mac: z.tuple([z.string(), z.string()]),
    memory: z.string(),
    bootTime: z.string(),
    uptimeSeconds: z.number().int().nonnegative(),
  }),
  console: z.object({
    character: z.enum(['ascii', 'ja.sjis', 'ja.utf8', 'en.ascii']),
    /** RTX1300 style named login; absent means the older password-only login. */
    loginUser: z.string().optional(),
    loginPassword: z.string(),
    adminPassword: z.string(),
    prompt: z.string().optional(),
    /**
     * The console's `show … | grep PATTERN` (command reference §2.5.1, in the Rev.11.01 and Rev.14.00 references).
     * False models firmware without it: the console refuses the pipe.
     */
    grep: z.boolean().default(true),
  }),
  world: WorldSchema,
  volume: VolumeSchema.optional(),
});

export type ScenarioWorld = z.infer<typeof WorldSchema>;
export type Scenario = z.infer<typeof ScenarioFileSchema> & {
  config: string;
  /** The office behind a router with a `volume` (office-volume.ts). */
  office?: OfficePlan;
};

/**
 * Validate a scenario file's JSON (also used by tests that build scenarios in memory). With a `volume`, the
 * config's `@volume` sections are generated and the LAN clients of the NAT table come from the office plan.
 */
export function parseScenarioFile(json: unknown, config: string): Scenario {
  const file = ScenarioFileSchema.parse(json);
  if (!file.volume) return { ...file, config };
  const office = officePlan(file.volume, config);
  const lanClients = file.world.lanClients.length > 0 ? file.world.lanClients : office.hosts.filter((h) => h.sessions > 0).map((h) => ({ address: h.address, sessions: h.sessions }));
  return { ...file, world: { ...file.world, lanClients }, config: expandOfficeConfig(config, office), office };
}
