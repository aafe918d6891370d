import { z } from 'zod';

/**
 * The one API between the UI and the core. Electron IPC (main/electron) and the browser-mode
 * WebSocket (main/web) bind this same contract, so a renderer cannot tell them apart.
 */

const scenarioId = z.string().regex(/^[a-z0-9][a-z0-9-]{0,63}$/, 'scenario ids are lower-case words joined by "-"');
const secret = z.string().max(256);

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
  z
    .object({
      kind: z.literal('ssh'),
      host: z.string().min(1).max(255),
      port: z.number().int().min(1).max(65_535).default(22),
      username: z.string().min(1).max(64),
      password: secret.optional(),
      adminPassword: secret.optional(),
    })
    .strict(),
]);
export type ConnectionRequest = z.infer<typeof ConnectionRequestSchema>;
export type ConnectionKind = ConnectionRequest['kind'];

export const WizardEventSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('CONNECT'), request: ConnectionRequestSchema }).strict(),
  z.object({ type: z.literal('CANCEL') }).strict(),
  z.object({ type: z.literal('RETRY') }).strict(),
  z.object({ type: z.literal('BACK') }).strict(),
  z.object({ type: z.literal('DISCONNECT') }).strict(),
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
  warnings: z.array(z.string()),
});
export type DeviceIdentity = z.infer<typeof DeviceIdentitySchema>;

export const WizardErrorSchema = z.object({
  stage: z.enum(['connect', 'identify']),
  code: z.string(),
  message: z.string(),
});
export type WizardErrorView = z.infer<typeof WizardErrorSchema>;

/** What the renderer sees of the wizard: a projection that never carries a secret. */
export const WizardViewSchema = z.object({
  state: z.enum(['chooseConnection', 'connecting', 'identifying', 'identified', 'failed']),
  connection: z
    .object({ kind: z.enum(['demo', 'serial', 'ssh']), label: z.string(), demo: z.boolean() })
    .nullable(),
  device: DeviceIdentitySchema.nullable(),
  error: WizardErrorSchema.nullable(),
  canRetry: z.boolean(),
});
export type WizardView = z.infer<typeof WizardViewSchema>;

export const AppInfoSchema = z.object({
  name: z.string(),
  version: z.string(),
  shell: z.enum(['electron', 'browser']),
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
} as const;

export const apiEvents = {
  'wizard.view': WizardViewSchema,
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
}

/** Frames on the browser-mode WebSocket. */
export const WsRequestFrameSchema = z
  .object({ id: z.number().int().nonnegative(), method: z.string().max(64), params: z.unknown() })
  .strict();
export type WsResponseFrame =
  | { id: number; ok: true; result: unknown }
  | { id: number; ok: false; error: { code: string; message: string } };
export type WsEventFrame = { event: ApiEventName; payload: unknown };
