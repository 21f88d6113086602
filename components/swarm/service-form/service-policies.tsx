"use client";

import { SelectField } from "@/components/ui/controls";
import { Field } from "@/components/ui/field";
import { errorFor, type FieldErrors, type ServiceFormState } from "./service-form-model";

type Props = {
  f: ServiceFormState;
  errors: FieldErrors;
  set: (key: keyof ServiceFormState) => (e: { target: { value: string } }) => void;
};

function Group({ title, children }: { title: string; children: React.ReactNode }) {
  return (
    <fieldset className="space-y-2">
      <legend className="text-sm font-medium text-slate-700">{title}</legend>
      <div className="grid gap-3 sm:grid-cols-2 lg:grid-cols-5">{children}</div>
    </fieldset>
  );
}

/** What each task may use (limits) and is guaranteed (reservations): the scheduler's inputs. */
export function ServiceResources({ f, errors, set }: Props) {
  return (
    <Group title="Resources per task">
      <Field
        id="svc-limits-cpus"
        label="CPU limit"
        placeholder="0.5"
        value={f.limitCpus}
        onChange={set("limitCpus")}
        error={errorFor(errors, "limits.cpus")}
      />
      <Field
        id="svc-limits-memory"
        label="Memory limit (MiB)"
        placeholder="256"
        value={f.limitMemoryMb}
        onChange={set("limitMemoryMb")}
        error={errorFor(errors, "limits.memoryBytes")}
      />
      <Field
        id="svc-reservations-cpus"
        label="CPU reserved"
        placeholder="0.25"
        value={f.reserveCpus}
        onChange={set("reserveCpus")}
        error={errorFor(errors, "reservations.cpus")}
      />
      <Field
        id="svc-reservations-memory"
        label="Memory reserved (MiB)"
        placeholder="128"
        value={f.reserveMemoryMb}
        onChange={set("reserveMemoryMb")}
        error={errorFor(errors, "reservations.memoryBytes")}
      />
    </Group>
  );
}

/** When a stopped task is started again, and how an image update rolls out. */
export function ServicePolicies({ f, errors, set }: Props) {
  return (
    <>
      <Group title="Restart policy">
        <SelectField
          id="svc-restart-condition"
          label="Restart when a task stops"
          value={f.restartCondition}
          onChange={set("restartCondition")}
        >
          <option value="any">always</option>
          <option value="on-failure">on failure (exit code not 0)</option>
          <option value="none">never</option>
        </SelectField>
        <Field
          id="svc-restart-delay"
          label="Delay between restarts (s)"
          value={f.restartDelay}
          onChange={set("restartDelay")}
          error={errorFor(errors, "restartPolicy.delaySeconds")}
        />
        <Field
          id="svc-restart-attempts"
          label="Max attempts (empty: no limit)"
          value={f.restartMaxAttempts}
          onChange={set("restartMaxAttempts")}
          error={errorFor(errors, "restartPolicy.maxAttempts")}
        />
        <Field
          id="svc-restart-window"
          label="Counts as started after (s)"
          placeholder="0"
          value={f.restartWindow}
          onChange={set("restartWindow")}
          error={errorFor(errors, "restartPolicy.windowSeconds")}
        />
      </Group>
      <Group title="Update policy">
        <Field
          id="svc-parallelism"
          label="Tasks at once (0: all)"
          value={f.parallelism}
          onChange={set("parallelism")}
          error={errorFor(errors, "update.parallelism")}
        />
        <Field
          id="svc-delay"
          label="Delay between batches (s)"
          value={f.updateDelay}
          onChange={set("updateDelay")}
          error={errorFor(errors, "update.delaySeconds")}
        />
        <Field
          id="svc-monitor"
          label="Watch each task for (s)"
          value={f.monitor}
          onChange={set("monitor")}
          error={errorFor(errors, "update.monitorSeconds")}
        />
        <SelectField
          id="svc-failure"
          label="On update failure"
          value={f.failureAction}
          onChange={set("failureAction")}
        >
          <option value="pause">pause</option>
          <option value="rollback">roll back</option>
          <option value="continue">continue</option>
        </SelectField>
        <SelectField id="svc-order" label="Order" value={f.order} onChange={set("order")}>
          <option value="stop-first">stop the old task first</option>
          <option value="start-first">start the new task first</option>
        </SelectField>
      </Group>
    </>
  );
}
