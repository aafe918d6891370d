/**
 * Secrets in a set-up plan. A plan is shown (preview, --json, the report) and logged, so it never holds the update
 * (再設定) user ID or password: it holds these slots, and the apply step puts the values in as it types each line
 * (main/apply/safe-apply.ts), masking them again in everything it reports.
 */
export const SECRET_SLOTS = {
  updateUser: '<update-user>',
  updatePassword: '<update-password>',
} as const;

export type SecretSlot = keyof typeof SECRET_SLOTS;
export type SecretValues = Partial<Record<SecretSlot, string>>;

/** The slots a command list uses. */
export function slotsIn(commands: readonly string[]): SecretSlot[] {
  return (Object.keys(SECRET_SLOTS) as SecretSlot[]).filter((s) => commands.some((c) => c.includes(SECRET_SLOTS[s])));
}

/** A command with its slots filled in (what is typed on the console); a slot without a value stays as it is. */
export function fillSecrets(command: string, values: SecretValues): string {
  let out = command;
  for (const [slot, token] of Object.entries(SECRET_SLOTS) as [SecretSlot, string][]) {
    const v = values[slot];
    if (v !== undefined) out = out.split(token).join(v);
  }
  return out;
}

/** Text with every secret value put back as its slot (for logs and events). */
export function maskSecrets(text: string, values: SecretValues): string {
  let out = text;
  for (const [slot, token] of Object.entries(SECRET_SLOTS) as [SecretSlot, string][]) {
    const v = values[slot];
    if (v) out = out.split(v).join(token);
  }
  return out;
}
