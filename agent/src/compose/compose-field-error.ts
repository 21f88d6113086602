/** A value that does not fit the compose model, at its path in the merged project (e.g. `["services", "web", "ports", 0]`). */
export class ComposeFieldError extends Error {
  constructor(
    readonly path: (string | number)[],
    message: string,
  ) {
    super(message);
  }
}
