import { containerExport } from "./container-export";
import type { StreamRegistry } from "./stream-types";

/** Stream name → opener. One file per stream under src/streams/. */
export const streamRegistry: StreamRegistry = {
  "container.export": containerExport,
};
