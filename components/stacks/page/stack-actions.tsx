"use client";

import { useState } from "react";
import { Button } from "@/components/ui/button";
import { Checkbox } from "@/components/ui/controls";
import { Dialog } from "@/components/ui/dialog";

export type DeployOptions = { pull: boolean; removeOrphans: boolean; forceRecreate: boolean };

/** What the header's buttons ask the page to do. */
export type StackAction =
  | { kind: "deploy"; options: DeployOptions }
  | { kind: "start" | "stop" | "restart" }
  | { kind: "down"; removeVolumes: boolean }
  | { kind: "remove"; down: boolean; volumes: boolean };

function DeployDialog({
  deployed,
  onClose,
  onRun,
}: {
  deployed: boolean;
  onClose: () => void;
  onRun: (options: DeployOptions) => void;
}) {
  const [options, setOptions] = useState<DeployOptions>({
    pull: false,
    removeOrphans: false,
    forceRecreate: false,
  });
  const set = (key: keyof DeployOptions, value: boolean) =>
    setOptions((o) => ({ ...o, [key]: value }));
  return (
    <Dialog title={deployed ? "Update the stack" : "Deploy the stack"} onClose={onClose}>
      <p className="text-sm text-slate-600">
        Only services whose configuration changed are recreated; the others keep running.
      </p>
      <Checkbox
        id="deploy-pull"
        label="Pull images first"
        hint="Fetch newer images under the same tags, then recreate what changed."
        checked={options.pull}
        onChange={(e) => set("pull", e.target.checked)}
      />
      <Checkbox
        id="deploy-orphans"
        label="Remove orphans"
        hint="Remove containers of services no longer in the files."
        checked={options.removeOrphans}
        onChange={(e) => set("removeOrphans", e.target.checked)}
      />
      <Checkbox
        id="deploy-force"
        label="Force recreate"
        hint="Recreate every container, changed or not."
        checked={options.forceRecreate}
        onChange={(e) => set("forceRecreate", e.target.checked)}
      />
      <div className="flex justify-end gap-2">
        <Button variant="secondary" onClick={onClose}>
          Cancel
        </Button>
        <Button data-testid="deploy-confirm" onClick={() => onRun(options)}>
          {deployed ? "Update" : "Deploy"}
        </Button>
      </div>
    </Dialog>
  );
}

function DownDialog({
  name,
  remove,
  onClose,
  onRun,
}: {
  name: string;
  /** Removing the stack from Berth, rather than only taking it down. */
  remove: boolean;
  onClose: () => void;
  onRun: (action: StackAction) => void;
}) {
  const [down, setDown] = useState(true);
  const [volumes, setVolumes] = useState(false);
  return (
    <Dialog title={remove ? `Remove ${name}` : `Take ${name} down`} onClose={onClose}>
      <p className="text-sm text-slate-600">
        {remove
          ? "Berth forgets the stack and its files."
          : "Removes the stack's containers and networks; the stack and its files stay."}
      </p>
      {remove ? (
        <Checkbox
          id="remove-down"
          label="Also take it down on the host"
          hint="Without this, the containers keep running as a project Berth can adopt again."
          checked={down}
          onChange={(e) => setDown(e.target.checked)}
        />
      ) : null}
      <Checkbox
        id="down-volumes"
        label="Also remove its volumes, with their data"
        disabled={remove && !down}
        checked={volumes && (!remove || down)}
        onChange={(e) => setVolumes(e.target.checked)}
      />
      <div className="flex justify-end gap-2">
        <Button variant="secondary" onClick={onClose}>
          Cancel
        </Button>
        <Button
          variant="danger"
          data-testid="down-confirm"
          onClick={() =>
            onRun(
              remove
                ? { kind: "remove", down, volumes: down && volumes }
                : { kind: "down", removeVolumes: volumes },
            )
          }
        >
          {remove ? "Remove" : "Take down"}
        </Button>
      </div>
    </Dialog>
  );
}

/** The stack's buttons: deploy or update with options, start, stop, restart, down, remove. */
export function StackActions({
  name,
  deployed,
  busy,
  onRun,
}: {
  name: string;
  /** Something of the stack exists on the host: Update rather than Deploy. */
  deployed: boolean;
  busy: boolean;
  onRun: (action: StackAction) => void;
}) {
  const [dialog, setDialog] = useState<"deploy" | "down" | "remove" | null>(null);
  const run = (action: StackAction) => {
    setDialog(null);
    onRun(action);
  };
  const small = "px-2.5 py-1.5";
  return (
    <div className="flex flex-wrap gap-2" data-testid="stack-actions">
      <Button className={small} disabled={busy} onClick={() => setDialog("deploy")}>
        {deployed ? "Update" : "Deploy"}
      </Button>
      {(["start", "stop", "restart"] as const).map((kind) => (
        <Button
          key={kind}
          variant="secondary"
          className={`${small} capitalize`}
          disabled={busy || !deployed}
          onClick={() => run({ kind })}
        >
          {kind}
        </Button>
      ))}
      <Button
        variant="secondary"
        className={small}
        disabled={busy || !deployed}
        onClick={() => setDialog("down")}
      >
        Down
      </Button>
      <Button
        variant="danger"
        className={small}
        disabled={busy}
        onClick={() => setDialog("remove")}
      >
        Remove
      </Button>
      {dialog === "deploy" ? (
        <DeployDialog
          deployed={deployed}
          onClose={() => setDialog(null)}
          onRun={(options) => run({ kind: "deploy", options })}
        />
      ) : null}
      {dialog === "down" || dialog === "remove" ? (
        <DownDialog
          name={name}
          remove={dialog === "remove"}
          onClose={() => setDialog(null)}
          onRun={run}
        />
      ) : null}
    </div>
  );
}
