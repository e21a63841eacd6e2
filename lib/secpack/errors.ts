/** A source that cannot be read: the run stops before any write. */
export class SourceError extends Error {
  override readonly name = "SourceError";
  constructor(
    message: string,
    /** The path or URL that failed. */
    readonly location: string,
    /** What the user can do about it, one line. */
    readonly hint?: string,
  ) {
    super(message);
  }
}

/** Another sync holds the lock. */
export class SyncBusyError extends Error {
  override readonly name = "SyncBusyError";
}
