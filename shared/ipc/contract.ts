import { z } from 'zod';
import { WIZARD_VIEW_STATES } from '../wizard/machine.js';
import { WIZARD_SCREENS } from '../wizard/meta.js';
import type { Message } from '../i18n/message.js';
import { scenarioId, WizardEventSchema, DeviceIdentitySchema, HostKeySchema, WizardErrorSchema, type DiagnosisView, type ApplyOutcomeView, type ReportView, type LinuxCeView, type RecoveryView, type RecoveryOutcomeView, type LegacySshView, type SshPlanView, DiscoverRequestSchema, type DiscoveryView, type SetupView, type LineCheckRequest, type LineCheckView } from './views.js';

/**
 * The one API between the UI and the core. Electron IPC (main/electron) and the browser-mode
 * WebSocket (main/web) bind this same contract, so a renderer cannot tell them apart. Its data is ./views.ts.
 */
export * from './views.js';

export const WizardViewSchema = z.object({
  /** The user-facing state, by its dotted path in the machine (`router.findings`); the list is the machine's own. */
  state: z.enum(WIZARD_VIEW_STATES),
  /** Which screen shows this state (from the state's meta: the renderer switches on it, never on a state). */
  screen: z.enum(WIZARD_SCREENS),
  /** The current step: an index into `steps`, -1 when none is current (a failure). */
  step: z.number().int(),
  /** The step bar of this flow, as catalog keys. */
  steps: z.array(z.string()),
  /** Catalog key of the line that says what is under way (`{{label}}`: the connection), or null. */
  activity: z.string().nullable(),
  /** What the machine would accept now (its guards decide, so the UI offers exactly what works). */
  can: z.object({
    retry: z.boolean(),
    cancel: z.boolean(),
    back: z.boolean(),
    next: z.boolean(),
    regather: z.boolean(),
    disconnect: z.boolean(),
    apply: z.boolean(),
    report: z.boolean(),
    ceApply: z.boolean(),
    ceVerify: z.boolean(),
    cePersist: z.boolean(),
    ceRollback: z.boolean(),
    /** An interrupted change is waiting: revert or resume it. */
    recover: z.boolean(),
    /** Over Telnet: turning SSH on for next time is offered. */
    enableSsh: z.boolean(),
    /** SETUP_START: a live router whose diagnosis has IPV4_TUNNEL_MISSING. */
    setup: z.boolean(),
    /** SETUP_APPLY (given a yes to moving a PPPoE default route): the previewed set-up can be applied. */
    setupApply: z.boolean(),
    /** LINE_CHECK: the line check from this computer is offered (the connect screen). */
    lineCheck: z.boolean(),
    /** The findings whose fix PREVIEW_FIX would take (a live router and a router fix). */
    previewFix: z.array(z.string()),
  }),
  /** router: an RTX (or a pasted transcript); linuxCe: a Linux host becoming the CE. */
  mode: z.enum(['router', 'linuxCe']),
  connection: z
    .object({ kind: z.enum(['demo', 'serial', 'ssh', 'local', 'telnet']), label: z.string(), demo: z.boolean() })
    .nullable(),
  device: DeviceIdentitySchema.nullable(),
  error: WizardErrorSchema.nullable(),
  /** The SSH host key awaiting the user's trust (state confirmHostKey). */
  hostKey: HostKeySchema.nullable(),
  /** An SSH server that offers only old algorithms, awaiting the user's decision (state confirmLegacySsh). */
  legacySsh: z.custom<LegacySshView>().nullable(),
  /** Over Telnet: the plan that turns SSH on, and how applying it went. */
  sshPlan: z.custom<SshPlanView>().nullable(),
  sshOutcome: z.custom<ApplyOutcomeView>().nullable(),
  /** Diagnosis of a pasted transcript: no live router, so fixes are shown but not applied. */
  offline: z.boolean(),
  diagnosis: z.custom<DiagnosisView>().nullable(),
  selectedFixes: z.array(z.string()),
  applyOutcome: z.custom<ApplyOutcomeView>().nullable(),
  /** An interrupted change found on this router, and how finishing it went. */
  recovery: z.custom<RecoveryView>().nullable(),
  recoveryOutcome: z.custom<RecoveryOutcomeView>().nullable(),
  report: z.custom<ReportView>().nullable(),
  linuxCe: z.custom<LinuxCeView>(),
  /** Linux CE mode: every check of the last verification passed. */
  ceVerified: z.boolean(),
  /** Setting up IPv4 on a router with no tunnel: the services offered, the notice (without its secrets), the plan. */
  setup: z.custom<SetupView>().nullable(),
  /** The line check from this computer: what was asked and what it found. */
  lineCheckRequest: z.custom<LineCheckRequest>().nullable(),
  lineCheck: z.custom<LineCheckView>().nullable(),
});
export type WizardView = z.infer<typeof WizardViewSchema>;

export const AppInfoSchema = z.object({
  name: z.string(),
  version: z.string(),
  shell: z.enum(['electron', 'browser']),
  /** Where backups, known hosts and reports are written (the demo writes there too, and says so). */
  dataDir: z.string(),
});

export const ScenarioInfoSchema = z.object({
  id: scenarioId,
  model: z.string(),
  service: z.string(),
  summary: z.object({ ja: z.string(), en: z.string() }),
});
export type ScenarioInfo = z.infer<typeof ScenarioInfoSchema>;

export const SerialPortInfoSchema = z.object({
  path: z.string(),
  manufacturer: z.string().optional(),
  vendorId: z.string().optional(),
  productId: z.string().optional(),
  serialNumber: z.string().optional(),
});
export type SerialPortInfo = z.infer<typeof SerialPortInfoSchema>;

const empty = z.object({}).strict();

export const apiMethods = {
  'app.info': { input: empty, output: AppInfoSchema },
  'wizard.view': { input: empty, output: WizardViewSchema },
  'wizard.send': { input: WizardEventSchema, output: z.object({ accepted: z.boolean() }) },
  'demo.scenarios': { input: empty, output: z.array(ScenarioInfoSchema) },
  'serial.list': { input: empty, output: z.array(SerialPortInfoSchema) },
  /** Everything the current apply transaction reported so far (console lines, counter samples), for a reloaded page. */
  'apply.log': { input: empty, output: z.custom<ApplyEventView[]>() },
  /** The raw output a finding's evidence points into (secrets masked), for highlighting in context. */
  'evidence.output': {
    /** `line`: a line the evidence points at, to pick the right block when a paste holds the command twice. */
    input: z.object({ command: z.string().min(1).max(200), line: z.number().int().positive().optional() }).strict(),
    output: z.object({ command: z.string(), output: z.string(), firstLine: z.number().int() }).nullable(),
  },
  /** Finding the router without typing: the PC's default gateways and the typed addresses, their ports, vendor; serial ports. */
  'discover.run': { input: DiscoverRequestSchema, output: z.custom<DiscoveryView>() },
  /** Linux CE mode: writes the planned apply and rollback scripts to the app's data dir. */
  'linuxCe.export': { input: empty, output: z.object({ script: z.string(), rollbackScript: z.string() }) },
} as const;

export interface GatherProgressView {
  index: number;
  total: number;
  pass: 1 | 2;
  command: string;
  status: 'running' | 'done' | 'unsupported' | 'failed';
  bytes: number;
  etaSeconds: number | null;
  bytesPerSecond: number | null;
}

export type ApplyEventView =
  | { kind: 'backup'; path: string }
  | { kind: 'command'; phase: 'apply' | 'revert' | 'save'; command: string; output: string; error: string | null }
  | { kind: 'verify'; result: { detail: Message; passed: boolean } }
  | { kind: 'sample'; sample: { at: number; tunnel: string; rxPackets: number; txPackets: number } }
  | { kind: 'phase'; phase: string };

export const apiEvents = {
  'wizard.view': WizardViewSchema,
  'gather.progress': z.custom<GatherProgressView>(),
  'apply.event': z.custom<ApplyEventView>(),
} as const;

export type ApiMethod = keyof typeof apiMethods;
export type ApiInput<M extends ApiMethod> = z.input<(typeof apiMethods)[M]['input']>;
export type ApiOutput<M extends ApiMethod> = z.output<(typeof apiMethods)[M]['output']>;
export type ApiEventName = keyof typeof apiEvents;
export type ApiEventPayload<E extends ApiEventName> = z.output<(typeof apiEvents)[E]>;

export function isApiMethod(name: unknown): name is ApiMethod {
  return typeof name === 'string' && Object.prototype.hasOwnProperty.call(apiMethods, name);
}

/** The interface the renderer codes against; Electron and WebSocket each implement it. */
export interface ApiClient {
  invoke<M extends ApiMethod>(method: M, input: ApiInput<M>): Promise<ApiOutput<M>>;
  on<E extends ApiEventName>(event: E, listener: (payload: ApiEventPayload<E>) => void): () => void;
  /** The connection came back after a drop (browser mode): read again what may have been missed. */
  onReconnect?(listener: () => void): () => void;
}

/** Frames on the browser-mode WebSocket. */
export const WsRequestFrameSchema = z
  .object({ id: z.number().int().nonnegative(), method: z.string().max(64), params: z.unknown() })
  .strict();
/** `id` is null when the frame that is answered had none the server could read (binary, not JSON). */
export type WsResponseFrame =
  | { id: number; ok: true; result: unknown }
  | { id: number | null; ok: false; error: { code: string; message: string } };
export type WsEventFrame = { event: ApiEventName; payload: unknown };
