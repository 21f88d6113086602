import type { ImageUpdateStatus } from "@/lib/protocol";

/**
 * In-process notices for the alert engine: rules changed (reload now instead of at the next
 * periodic reload), and image update checks answered (image_update rules). The Next.js app and
 * the custom server are separate bundles in one process, so listeners live on globalThis.
 */
const KEY = Symbol.for("berth.alert-signals");

export interface ImageCheckFinding {
  imageRef: string;
  status: ImageUpdateStatus;
  localDigest: string | null;
  remoteDigest: string | null;
  containers: Array<{ id: string; name: string; labels: Record<string, string> }>;
}

export type AlertSignal =
  { kind: "rulesChanged" } | { kind: "imageChecks"; hostId: string; findings: ImageCheckFinding[] };

type Listener = (signal: AlertSignal) => void;

function registry(): Set<Listener> {
  const g = globalThis as { [KEY]?: Set<Listener> };
  g[KEY] ??= new Set();
  return g[KEY];
}

export function sendAlertSignal(signal: AlertSignal): void {
  for (const listener of registry()) listener(signal);
}

export function onAlertSignal(listener: Listener): () => void {
  registry().add(listener);
  return () => registry().delete(listener);
}
