/** A clone or restore moves the whole volume: hours for a big one. */
export const VOLUME_COPY_TIMEOUT_MS = 12 * 3600_000;
/** Browsing starts a helper container and runs `find`: seconds at most, but a busy host is slow. */
export const VOLUME_BROWSE_TIMEOUT_MS = 120_000;
