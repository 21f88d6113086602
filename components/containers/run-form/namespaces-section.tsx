"use client";

import { CollapsibleCard } from "./disclosure";
import { ModeSelect } from "./form-parts";
import type { RunForm } from "./run-form-model";
import type { RunFormState } from "./use-run-form-state";

const DEFAULT = ["", "Its own (the engine’s default)"] as const;
const HOST = ["host", "The host’s"] as const;

const MODES: ReadonlyArray<{
  key: keyof RunForm & ("pidMode" | "ipcMode" | "utsMode" | "usernsMode" | "cgroupnsMode");
  label: string;
  choices: ReadonlyArray<readonly [string, string]>;
  joinable?: boolean;
}> = [
  { key: "pidMode", label: "PID namespace (--pid)", choices: [DEFAULT, HOST], joinable: true },
  {
    key: "ipcMode",
    label: "IPC namespace (--ipc)",
    choices: [
      DEFAULT,
      ["private", "Private"],
      ["shareable", "Shareable with other containers"],
      ["none", "None (no /dev/shm)"],
      HOST,
    ],
    joinable: true,
  },
  { key: "utsMode", label: "UTS namespace (--uts)", choices: [DEFAULT, HOST] },
  {
    key: "usernsMode",
    label: "User namespace (--userns)",
    choices: [DEFAULT, ["host", "The host’s (no user remapping)"]],
  },
  {
    key: "cgroupnsMode",
    label: "Cgroup namespace (--cgroupns)",
    choices: [DEFAULT, ["private", "Private"], HOST],
  },
];

/** The namespaces a container may share with the host or join from another container. */
export function NamespacesSection({ state }: { state: RunFormState }) {
  const { form, err, set } = state;
  const filled = MODES.some((m) => form[m.key] !== "");
  return (
    <CollapsibleCard
      title="Namespaces"
      hint="PID, IPC, UTS, user and cgroup namespaces"
      filled={filled}
      testId="namespaces-card"
    >
      <div className="space-y-3">
        <p className="text-xs text-slate-500">
          Sharing the host’s namespaces or another container’s takes the container out of its own
          walls: host security policies refuse it for roles below host admin unless allowed.
        </p>
        <div className="grid gap-4 md:grid-cols-3">
          {MODES.map((m) => (
            <ModeSelect
              key={m.key}
              id={m.key}
              label={m.label}
              value={form[m.key]}
              choices={m.choices}
              joinable={m.joinable}
              error={err(m.key)}
              onChange={(value) => set(m.key, value)}
            />
          ))}
        </div>
      </div>
    </CollapsibleCard>
  );
}
