/** A refusal as a form shows it: next to the field it names, or under the form when it names none the form has. */
export interface FieldFailure {
  readonly message: string;
  /** The field the refusal names, as the contract's path (`body.name`, `name`). */
  readonly field?: string | undefined;
}

/** The message for one of the form's fields, when the refusal names it (with or without its `body.` prefix). */
export function messageFor(failure: FieldFailure | null, field: string): string | null {
  if (failure?.field === undefined) return null;
  return failure.field === field || failure.field === `body.${field}` ? failure.message : null;
}

/** The message for the form as a whole: a refusal naming none of `fields`. */
export function formMessage(failure: FieldFailure | null, fields: readonly string[]): string | null {
  if (failure === null) return null;
  return fields.some((field) => messageFor(failure, field) !== null) ? null : failure.message;
}
