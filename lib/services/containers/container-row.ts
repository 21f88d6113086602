import type { HostRoleName } from "@/lib/auth/permissions";
import type { ContainerSummary } from "@/lib/protocol";

/** A container with the host it runs on, as lists and details send it to the browser. */
export type ContainerRow = ContainerSummary & {
  hostId: string;
  hostName: string;
  hostOnline: boolean;
  hostAddress: string | null;
  role: HostRoleName;
};
