import { fieldId } from "./run-form-model";

/** Ids of inputs that exist on the form; any other error field is shown at the top. */
const SIMPLE_FIELDS = new Set([
  "host",
  "image",
  "name",
  "command",
  "entrypoint",
  "workingDir",
  "user",
  "hostname",
  "ports",
  "publishAll",
  "env",
  "volumes",
  "binds",
  "tmpfs",
  "networks",
  "restartPolicy",
  "restartPolicy-maxRetries",
  "cpus",
  "memoryBytes",
  "pidsLimit",
  "readOnlyRootfs",
  "privileged",
  "capAdd",
  "capDrop",
  "noNewPrivileges",
  "labels",
  "healthcheck",
  "healthcheck-test",
  "healthcheck-intervalSeconds",
  "healthcheck-timeoutSeconds",
  "healthcheck-startPeriodSeconds",
  "healthcheck-retries",
  "autoRemove",
  "start",
]);
const ROW_FIELD = /^(ports|env|volumes|binds|tmpfs|networks|labels)-\d+-\w+$/;

/** The input a server error's field belongs to (or its section), or null when the form has none. */
export function formFieldOf(field: string): string | null {
  const id = fieldId(field);
  if (SIMPLE_FIELDS.has(id) || ROW_FIELD.test(id)) return id;
  const section = id.split("-")[0] ?? id;
  return SIMPLE_FIELDS.has(section) ? section : null;
}
