"use client";

import { useEffect, useState } from "react";
import { SECRET_MASK, type MaskedEnv } from "@/lib/containers/secret-env";
import { specFromInspect } from "@/lib/containers/spec-from-inspect";
import type { ContainerDetail } from "@/lib/services/containers/get-container";
import type { HostView } from "@/lib/services/hosts/host-view";
import { api, errorText } from "@/components/ui/api-client";
import { containerPath } from "../urls";
import type { RunMode } from "./run-form";
import { formFromSpec, type RunForm } from "./run-form-model";

/**
 * Duplicate and edit start from an existing container: its settings (secrets revealed when the
 * role allows) are handed to `onLoad` as a form, with a notice saying what saving will do.
 */
export function useSourceContainer(
  mode: RunMode,
  onLoad: (form: RunForm, notice: string) => void,
): { loading: boolean; loadError: string | null } {
  const [loadError, setLoadError] = useState<string | null>(null);
  const [loading, setLoading] = useState(mode.kind !== "create");
  const sourceKey = mode.kind === "create" ? null : `${mode.hostId}/${mode.id}`;
  useEffect(() => {
    if (mode.kind === "create") return;
    let cancelled = false;
    (async () => {
      try {
        // The engine's defaults (cgroup namespace, the host's name) tell what was really asked for;
        // without them those settings are left to the engine.
        const [{ container }, engine] = await Promise.all([
          api<{ container: ContainerDetail }>(containerPath(mode.hostId, mode.id)),
          api<{ host: HostView }>(`/api/hosts/${encodeURIComponent(mode.hostId)}`).then(
            ({ host }) => host.engine,
            () => null,
          ),
        ]);
        let env: MaskedEnv[] = container.env;
        let unreadable: string[] = [];
        if (container.env.some((e) => e.secret)) {
          try {
            env = (
              await api<{ env: MaskedEnv[] }>(`${containerPath(mode.hostId, mode.id)}/env?reveal=1`)
            ).env;
          } catch {
            unreadable = container.env.filter((e) => e.secret).map((e) => e.name);
          }
        }
        const spec = specFromInspect(container.inspect, {
          env: env.map((e) => ({ name: e.name, value: e.value })),
          keepName: mode.kind === "edit",
          ...(engine
            ? { engine: { cgroupVersion: engine.cgroupVersion, hostname: engine.hostname } }
            : {}),
        });
        // Values still masked could not be read: leave them empty rather than send the mask.
        spec.env = (spec.env ?? []).map((e) => (e.value === SECRET_MASK ? { ...e, value: "" } : e));
        if (cancelled) return;
        onLoad(
          formFromSpec(spec),
          [
            mode.kind === "edit"
              ? `Editing ${container.summary.name}: saving creates a new container with these settings and removes the old one once the new one runs.`
              : `Duplicating ${container.summary.name}. Pick a name (or leave it empty for a generated one).`,
            unreadable.length > 0
              ? `Secret values of ${unreadable.join(", ")} could not be read with your role; fill them in.`
              : "",
          ]
            .filter(Boolean)
            .join(" "),
        );
      } catch (err) {
        if (!cancelled) setLoadError(errorText(err));
      } finally {
        if (!cancelled) setLoading(false);
      }
    })();
    return () => {
      cancelled = true;
    };
    // sourceKey stands for the mode's host and id
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [sourceKey]);
  return { loading, loadError };
}
