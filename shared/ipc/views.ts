import { z } from 'zod';
import { SERVICE_IDS } from '../services/catalog.js';
import type { Encapsulation, ServiceId } from '../services/catalog.js';
import type { Message } from '../i18n/message.js';
import type { Gap, HostFacts } from '../linux/host-facts.js';
import { ContractNoticeSchema } from '../diagnosis/notice.js';
import type { FixCheck, Text } from '../diagnosis/parts.js';
import type { NoticeField } from '../rtx/setup/plan.js';
import { PASTE_MAX_BYTES, PASTE_MAX_LABEL, utf8Bytes } from './limits.js';

/**
 * The data the wizard holds and the UI shows: connection requests, events, identities and views. The wizard machine
 * imports these; ./contract.ts adds the view of the machine itself and the API, and re-exports all of this (so
 * nothing in shared/wizard imports the contract, which imports the machine's state list).
 */

export const scenarioId = z.string().regex(/^[a-z0-9][a-z0-9-]{0,63}$/, 'scenario ids are lower-case words joined by "-"');
const secret = z.string().max(256);

/** Where an SSH login goes and with what (a router or a Linux host). */
const sshEndpoint = {
  kind: z.literal('ssh'),
  host: z.string().min(1).max(255),
  port: z.number().int().min(1).max(65_535).default(22),
  username: z.string().min(1).max(64),
  password: secret.optional(),
  /** Path of a private key file on this computer (read by the core, never sent back). */
  privateKeyPath: z.string().max(1024).optional(),
};

export const ConnectionRequestSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('demo'), scenario: scenarioId }).strict(),
  z
    .object({
      kind: z.literal('serial'),
      path: z.string().min(1).max(256),
      baudRate: z.number().int().min(300).max(921_600).default(9600),
      username: z.string().max(64).optional(),
      password: secret.optional(),
      adminPassword: secret.optional(),
    })
    .strict(),
  z.object({ ...sshEndpoint, adminPassword: secret.optional(), legacyAlgorithms: z.boolean().optional() }).strict(),
  /** A router's Telnet server on the LAN (the password crosses the LAN in clear text: the UI says so). */
  z
    .object({
      kind: z.literal('telnet'),
      host: z.string().min(1).max(255),
      port: z.number().int().min(1).max(65_535).default(23),
      username: z.string().max(64).optional(),
      password: secret.optional(),
      adminPassword: secret.optional(),
    })
    .strict(),
]);
export type ConnectionRequest = z.infer<typeof ConnectionRequestSchema>;
export type ConnectionKind = ConnectionRequest['kind'];

/** Linux CE mode: the host that becomes the CE (this computer, or one reached over SSH). */
export const LinuxCeTargetSchema = z.discriminatedUnion('kind', [
  /** sudoPassword: when the app does not run as root and sudo wants one. Over SSH the login password is used. */
  z.object({ kind: z.literal('local'), sudoPassword: secret.optional() }).strict(),
  z.object(sshEndpoint).strict(),
]);
export type LinuxCeTarget = z.infer<typeof LinuxCeTargetSchema>;

const field = (max: number) => z.string().max(max).optional();
/** What the person chose on the plan form; empty fields fall back to what detection found. */
export const LinuxCePlanRequestSchema = z
  .object({
    service: z.enum(SERVICE_IDS),
    prefix: field(64),
    wan: field(15),
    gateway: field(64),
    br: field(64),
    fixedIpv4: field(15),
    fixedIid: field(64),
    updateUser: field(128),
    /** Fixed IP: written to the host's root-only password file, never shown or logged. */
    updatePassword: secret.optional(),
    /** Existing tunnels of the user to take over (field report 003's `mape`). */
    replaceExisting: z.array(z.string().regex(/^[A-Za-z0-9_.@-]{1,15}$/)).max(8).default([]),
    verifyHost: field(21),
  })
  .strict();
export type LinuxCePlanRequest = z.infer<typeof LinuxCePlanRequestSchema>;

/** The line check from this computer: the router the user names and the service they know, both optional. */
export const LineCheckRequestSchema = z
  .object({
    router: z.string().trim().max(100).optional(),
    service: z.enum(SERVICE_IDS).optional(),
  })
  .strict();
export type LineCheckRequest = z.infer<typeof LineCheckRequestSchema>;
/** What the line check found (shared/line-check/judge.ts): texts are messages, findings carry both languages. */
export type LineCheckView = import('../line-check/judge.js').LineCheckResult;

export const WizardEventSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('CONNECT'), request: ConnectionRequestSchema }).strict(),
  z.object({ type: z.literal('CANCEL') }).strict(),
  z.object({ type: z.literal('RETRY') }).strict(),
  z.object({ type: z.literal('BACK') }).strict(),
  z.object({ type: z.literal('DISCONNECT') }).strict(),
  z.object({ type: z.literal('TRUST_HOST_KEY') }).strict(),
  z.object({ type: z.literal('ALLOW_LEGACY_SSH') }).strict(),
  z.object({ type: z.literal('ENABLE_SSH') }).strict(),
  z.object({ type: z.literal('REJECT_HOST_KEY') }).strict(),
  z.object({ type: z.literal('NEXT') }).strict(),
  z.object({ type: z.literal('REGATHER') }).strict(),
  z
    .object({
      type: z.literal('PASTE_TRANSCRIPT'),
      // Every UTF-16 unit is at least one UTF-8 byte, so the cheap length check comes first.
      text: z
        .string()
        .min(1)
        .max(PASTE_MAX_BYTES, `the paste is larger than ${PASTE_MAX_LABEL}`)
        .refine((t) => utf8Bytes(t) <= PASTE_MAX_BYTES, `the paste is larger than ${PASTE_MAX_LABEL}`),
    })
    .strict(),
  z.object({ type: z.literal('PREVIEW_FIX'), codes: z.array(z.string().regex(/^[A-Z0-9_]{3,64}$/)).min(1).max(40) }).strict(),
  z.object({ type: z.literal('APPLY') }).strict(),
  z.object({ type: z.literal('REPORT'), lang: z.enum(['ja', 'en']) }).strict(),
  z.object({ type: z.literal('CE_CONNECT'), target: LinuxCeTargetSchema }).strict(),
  z.object({ type: z.literal('CE_PLAN'), request: LinuxCePlanRequestSchema }).strict(),
  z.object({ type: z.literal('CE_DIAGNOSE'), request: LinuxCePlanRequestSchema }).strict(),
  z.object({ type: z.literal('CE_APPLY') }).strict(),
  z.object({ type: z.literal('CE_VERIFY') }).strict(),
  z.object({ type: z.literal('CE_PERSIST') }).strict(),
  z.object({ type: z.literal('CE_ROLLBACK') }).strict(),
  z.object({ type: z.literal('RECOVER'), choice: z.enum(['revert', 'resume']) }).strict(),
  // Setting up IPv4 on a router that has no tunnel (IPV4_TUNNEL_MISSING): service, notice, preview, apply.
  z.object({ type: z.literal('SETUP_START') }).strict(),
  z.object({ type: z.literal('SETUP_SERVICE'), service: z.enum(SERVICE_IDS) }).strict(),
  z.object({ type: z.literal('SETUP_NOTICE'), notice: ContractNoticeSchema }).strict(),
  /** movePppoeDefault: the user's answer when the set-up moves a PPPoE default route to the tunnel. */
  z.object({ type: z.literal('SETUP_APPLY'), movePppoeDefault: z.boolean() }).strict(),
  // The line check from this computer (no router login): open its screen, run it with what the user knows.
  z.object({ type: z.literal('LINE_CHECK') }).strict(),
  z.object({ type: z.literal('LINE_CHECK_RUN'), request: LineCheckRequestSchema }).strict(),
]);
export type WizardEvent = z.infer<typeof WizardEventSchema>;

export const DeviceIdentitySchema = z.object({
  vendor: z.literal('yamaha'),
  model: z.string(),
  firmware: z.string(),
  firmwareDate: z.string().optional(),
  serial: z.string().optional(),
  uptime: z.string().optional(),
  /** Where each fact came from, so the UI can show the evidence line. */
  evidence: z.array(z.object({ command: z.string(), line: z.number().int(), text: z.string() })),
  /** What did not add up (catalog messages). */
  warnings: z.array(z.custom<Message>()),
});
export type DeviceIdentity = z.infer<typeof DeviceIdentitySchema>;

export const HostKeySchema = z.object({
  host: z.string(),
  port: z.number().int(),
  keyType: z.string(),
  fingerprint: z.string(),
});
export type HostKeyView = z.infer<typeof HostKeySchema>;

/** An SSH server that offers only old algorithms: which ones connecting would take, for the user to decide. */
export interface LegacySshView {
  host: string;
  port: number;
  needed: { kex: string[]; hostKey: string[]; cipher: string[]; mac: string[] };
}

/** A router candidate found without typing: a default gateway of this PC, or an address the user typed. */
export interface DiscoveredHostView {
  /** Connectable as written (`192.168.100.1`, `fe80::1%eth0`). */
  address: string;
  family: 4 | 6;
  source: 'gateway' | 'typed';
  interface: string | null;
  mac: string | null;
  /** Where the MAC came from: the neighbour table, or the EUI-64 link-local address itself. */
  macSource: 'neighbour' | 'eui64' | null;
  /** The organisation of the MAC's block when it is one of Yamaha's (IEEE MA-L), else null. */
  vendor: string | null;
  yamaha: boolean;
  ports: { telnet: boolean; ssh: boolean; http: boolean };
  sshBanner: string | null;
  /** The transport to connect with: SSH when it answers, else Telnet; null when neither does. */
  suggested: 'ssh' | 'telnet' | null;
}

export interface DiscoveredSerialView {
  path: string;
  manufacturer?: string;
  vendorId?: string;
  productId?: string;
  /** Names from the USB ID repository when the system gave none. */
  usbVendor?: string;
  usbProduct?: string;
}

export interface DiscoveryView {
  hosts: DiscoveredHostView[];
  serialPorts: DiscoveredSerialView[];
  /** The automatic look at the gateways was not made (IPOE_DOCTOR_DISCOVERY=manual): only when the user asks. */
  skipped?: boolean;
}

/** What the user may type for discovery: an IPv4 or IPv6 address (with a zone) or a host name; a few at most. */
export const DiscoverRequestSchema = z
  .object({
    addresses: z
      .array(z.string().trim().regex(/^(?:[0-9]{1,3}(?:\.[0-9]{1,3}){3}|[0-9a-fA-F:.]*:[0-9a-fA-F:.]*(?:%[\w.-]+)?|[a-zA-Z0-9](?:[a-zA-Z0-9.-]{0,252}))$/, 'an IPv4 or IPv6 address or a host name'))
      .max(8)
      .default([]),
    /** The connect screen's own look when it opens (not a user's click). */
    automatic: z.boolean().default(false),
  })
  .strict();
export type DiscoverRequest = z.infer<typeof DiscoverRequestSchema>;

/** Turning SSH on for next time (after a Telnet connection): the exact commands, their undo, and notes. */
export interface SshPlanView {
  alreadyOn: boolean;
  host: string;
  port: number;
  lan: string | null;
  commands: string[];
  inverse: string[];
  summary: { ja: string; en: string } | null;
  notes: Message[];
}

export const WizardErrorSchema = z.object({
  stage: z.enum(['connect', 'identify', 'gather', 'diagnose', 'apply', 'revert', 'recover', 'report', 'ce-connect', 'ce-detect', 'ce-diagnose', 'ce-plan', 'ce-apply', 'ce-verify', 'ce-persist', 'ce-rollback', 'line-check']),
  code: z.string(),
  /** In English, for logs and the CLI. */
  message: z.string(),
  /** What the UI says beneath the code's hint: a catalog message, or words a device, the OS or a library printed. */
  detail: z.union([z.string(), z.custom<Message>()]),
});
export type WizardErrorView = z.infer<typeof WizardErrorSchema>;

/** What the renderer sees of the wizard: a projection that never carries a secret. */
/** A diagnosis as the UI shows it (shared/diagnosis DiagnosisResult, which is plain data). */
export type DiagnosisView = import('../diagnosis/engine.js').DiagnosisResult;

export interface ApplyOutcomeView {
  status: 'saved' | 'reverted' | 'revert-incomplete';
  /** The findings whose fixes this transaction applied. */
  fixedCodes: string[];
  backupPath: string;
  checks: { detail: Message; passed: boolean }[];
  runningEqualsBackup: boolean | null;
  difference: { line: number; expected: string; actual: string } | null;
  appliedCommands: string[];
  failedCommand: { command: string; error: string } | null;
}

/**
 * An interrupted change found on the router just connected (the journal had no end for it), and the router's
 * state as read now: the running and the saved config against the backup and the planned result.
 */
export interface RecoveryView {
  transactionId: string;
  startedAt: string;
  backupPath: string;
  /** The journal's last step before the cut (`apply`, `applied`, `verify`, `save` …). */
  stepReached: string;
  commandsSent: number;
  commandsTotal: number;
  /** The commands of the interrupted change, as planned. */
  commands: string[];
  running: 'backup' | 'result' | 'other';
  saved: 'backup' | 'result' | 'other' | null;
  unsavedChanges: boolean | null;
  /** From the backup to the running config: what of the change is in force. */
  changes: { added: string[]; removed: string[] };
  recommended: 'revert' | 'resume';
}

export interface RecoveryOutcomeView extends ApplyOutcomeView {
  choice: 'revert' | 'resume';
  /** After recovery, the running config still differs from the saved one. */
  unsavedChangesAfter: boolean | null;
}

export interface ReportView {
  lang: 'ja' | 'en';
  markdown: string;
  html: string;
  files: { markdown: string; html: string; pdf: string | null };
}

/** What IPoE Doctor applied earlier on this host (its state file), so it can be rolled back from the app. */
export interface LinuxCeAppliedView {
  serviceName: string;
  appliedAt: string;
  persisted: boolean;
  tunnel: string;
  br: string;
  ipv4: string;
}

export interface LinuxCeDetectView {
  facts: HostFacts;
  applied: LinuxCeAppliedView | null;
  /** The MAP-E service whose rule table covers the detected prefix (null: none, or not MAP-E). */
  suggestedService: ServiceId | null;
}

/** What the datapath plan is, in one line each (shared/linux/datapath/plan.ts builds it). */
export interface LinuxCePlanSummary {
  service: ServiceId;
  serviceName: string;
  encapsulation: Encapsulation;
  wan: string;
  gateway: string;
  tunnel: string;
  br: string;
  ce: string;
  ipv4: string;
  mtu: number;
  /** MAP-E: every port block. */
  portRanges: [number, number][] | null;
  ports: number | null;
}

/** Texts are catalog codes (shared/i18n/message.ts): the UI renders them in its language. */
export interface LinuxCePlanView {
  summary: LinuxCePlanSummary;
  steps: Message[];
  /** The exact scripts, as they will run (the update-server password is never inside). */
  script: string;
  rollbackScript: string;
  warnings: Message[];
  /** Where the BR/AFTR and the MAP rule came from (the provider's HB46PP answer, the line's DNS, the catalog). */
  sources?: Message[];
  verify: Message[];
  /** Fixed IP: no password was given and the host has none stored yet. */
  needsUpdatePassword: boolean;
  /** Blockers detection found: apply is refused until they are fixed. */
  blockers: Gap[];
}

export interface LinuxCeCheckView {
  id: string;
  text: Message;
  ok: boolean;
  output: string;
}

export interface LinuxCeView {
  detect: LinuxCeDetectView | null;
  /** The last plan form, without the password, to fill the form again. */
  planRequest: Omit<LinuxCePlanRequest, 'updatePassword'> | null;
  plan: LinuxCePlanView | null;
  apply: { ok: boolean; output: string } | null;
  verify: LinuxCeCheckView[] | null;
  persist: { ok: boolean; systemd: boolean; files: string[]; output: string } | null;
  rollback: { ok: boolean; output: string; identical: boolean | null; differences: Message[] } | null;
}


/** Setting up IPv4 from nothing: a service the user may pick, and why it is offered. */
export interface SetupCandidateView {
  service: ServiceId;
  /** notice / config: known; prefix: the MAP-E rule; same-prefix: shares that address space (v6plus → fixed IP); aftr: the router resolves its AFTR name. */
  basis: 'notice' | 'config' | 'prefix' | 'same-prefix' | 'aftr';
  /** What the router showed, as printed (`gw.transix.jp → 2404:8e00::feed:100`), or null. */
  evidence: string | null;
}

/** The notice as the form was sent, without the update user and password (only whether they were given). */
export interface SetupNoticeView {
  fixedIpv4?: string;
  interfaceId?: string;
  br?: string;
  updateUserGiven: boolean;
  updatePasswordGiven: boolean;
}

/** The whole change and its undo, or why it cannot be built yet. Secrets are slots (`<update-password>`). */
export interface SetupPlanView {
  service: ServiceId;
  ok: boolean;
  commands: string[];
  inverse: string[];
  check: FixCheck | null;
  summary: Text | null;
  /** The finding's explanation for this line (what was worked out, notes such as inferred port names). */
  explanation: Text | null;
  /** The PPPoE default route the set-up moves to the tunnel (the user must agree), or null. */
  pppoeRoute: string | null;
  /** Why there is no plan (needs-notice, feature-unsupported …), with the notice fields still missing. */
  refused: string | null;
  missing: string[];
}

export interface SetupView {
  candidates: SetupCandidateView[];
  /** The service the evidence points at (preselected). */
  proposed: ServiceId | null;
  /** The router's DNS servers (what DS-Lite names are resolved with). */
  dnsServers: string[];
  service: ServiceId | null;
  /** The contract notice fields the chosen service needs (the form shows them). */
  noticeFields: NoticeField[];
  notice: SetupNoticeView | null;
  plan: SetupPlanView | null;
}
