/** Bumped on any incompatible change to the server/agent contract. */
export const PROTOCOL_VERSION = 1;
