import type { EngineInfo } from "@/lib/protocol";
import { formatBytes } from "@/components/ui/format";

export function EngineInfoList({
  engine,
  agentVersion,
}: {
  engine: EngineInfo | null;
  agentVersion: string | null;
}) {
  if (!engine) {
    return (
      <p className="text-sm text-slate-500">The agent has not reported its Docker engine yet.</p>
    );
  }
  const rows: Array<[string, string]> = [
    ["Docker version", engine.engineVersion],
    ["API version", engine.apiVersion],
    ["Operating system", engine.os],
    ["Kernel", engine.kernelVersion],
    ["Architecture", engine.architecture],
    ["CPUs", String(engine.cpus)],
    ["Memory", formatBytes(engine.memoryBytes)],
    ["Storage driver", engine.storageDriver],
    ["Cgroup version", engine.cgroupVersion],
    [
      "Containers",
      `${engine.containers} (${engine.containersRunning} running, ${engine.containersPaused} paused, ${engine.containersStopped} stopped)`,
    ],
    ["Images", String(engine.images)],
    ["Swarm", engine.swarmState],
    ["Engine hostname", engine.hostname],
    ["Agent version", agentVersion ?? "—"],
  ];
  return (
    <dl
      className="grid grid-cols-1 gap-x-6 gap-y-2 text-sm sm:grid-cols-2"
      data-testid="engine-info"
    >
      {rows.map(([label, value]) => (
        <div key={label} className="flex justify-between gap-4 border-b border-slate-100 py-1">
          <dt className="text-slate-500">{label}</dt>
          <dd className="text-right font-medium">{value}</dd>
        </div>
      ))}
    </dl>
  );
}
