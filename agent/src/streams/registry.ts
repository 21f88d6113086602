import { containerExport } from "./container-export";
import { containerLogs } from "./container-logs";
import { containerStats } from "./container-stats";
import { imageSave } from "./image-save";
import type { StreamRegistry } from "./stream-types";
import { volumeBackup } from "./volume-backup";
import { volumeDownload } from "./volume-download";

/** Stream name → opener. One file per stream under src/streams/. */
export const streamRegistry: StreamRegistry = {
  "container.export": containerExport,
  "container.logs": containerLogs,
  "container.stats": containerStats,
  "image.save": imageSave,
  "volume.download": volumeDownload,
  "volume.backup": volumeBackup,
};
