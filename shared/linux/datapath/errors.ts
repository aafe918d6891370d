/** Why a plan cannot be made from what was given: each with its text as a catalog code (shared/i18n/message.ts). */
import { MessageError, type Message } from '../../i18n/message.js';
import { ceText } from './text.js';

/** Input a person can correct (a flag on the CLI, a field of the wizard's form). */
export class PlanError extends MessageError {
  override name = 'PlanError';
  constructor(text: Message) {
    super('ce-plan-invalid', text);
  }
}

export type PlanField = 'prefix' | 'wan' | 'gateway';

/** Detection found no value and the person gave none: the caller says how to give it. */
export class MissingPlanFieldsError extends PlanError {
  constructor(readonly fields: PlanField[]) {
    super(ceText('PLAN_MISSING_FIELDS', { fields: fields.map((f) => ceText(`FIELD_${f.toUpperCase()}`)) }));
  }
}

/** `--verify-host` / the form's verify field is not A.B.C.D[:port]. */
export class VerifyTargetError extends MessageError {
  override name = 'VerifyTargetError';
  constructor(text: Message) {
    super('ce-verify-target', text);
  }
}
