/** A value that does not fit the compose model, at its path in the merged project (e.g. `["services", "web", "ports", 0]`). */
export class ComposeFieldError extends Error {
  /** Point at the key rather than its value, e.g. for a key that is not allowed at all. */
  readonly atKey: boolean;

  constructor(
    readonly path: (string | number)[],
    message: string,
    options: { atKey?: boolean } = {},
  ) {
    super(message);
    this.atKey = options.atKey ?? false;
  }
}
