/**
 * A container's security checklist folded into the fleet page's columns, with a risk score to
 * sort by. Pure and browser-safe.
 */
import { securitySummary, type SecurityItem, type SecurityLevel } from "./security-summary";

/** The fleet page's columns, each gathering the checklist items it stands for. */
export const FINDING_CATEGORIES = [
  "privileged",
  "root",
  "capabilities",
  "namespaces",
  "mounts",
  "confinement",
  "limits",
  "writableRoot",
] as const;
export type FindingCategory = (typeof FINDING_CATEGORIES)[number];

export type Finding = { level: Exclude<SecurityLevel, "ok">; details: string[] };

function categoryOf(item: SecurityItem): FindingCategory | null {
  if (item.key.startsWith("mount:") || item.key === "devices") return "mounts";
  switch (item.key) {
    case "privileged":
      return "privileged";
    case "user":
      return "root";
    case "capAdd":
      return "capabilities";
    case "networkMode":
    case "pidMode":
    case "ipcMode":
    case "utsMode":
      return "namespaces";
    case "seccomp":
    case "apparmor":
      return "confinement";
    case "memoryLimit":
    case "cpuLimit":
    case "pidsLimit":
      return "limits";
    case "readOnlyRootfs":
      return "writableRoot";
    default:
      return null;
  }
}

const WEIGHT = { danger: 10, warn: 3 } as const;

/** The container's checklist folded into the page's columns, worst level per column. */
export function findingsOf(inspect: Record<string, unknown>): {
  findings: Partial<Record<FindingCategory, Finding>>;
  risk: number;
} {
  const findings: Partial<Record<FindingCategory, Finding>> = {};
  let risk = 0;
  for (const item of securitySummary(inspect).items) {
    const category = categoryOf(item);
    if (!category || item.level === "ok") continue;
    risk += WEIGHT[item.level];
    const found = (findings[category] ??= { level: item.level, details: [] });
    if (item.level === "danger") found.level = "danger";
    found.details.push(item.detail);
  }
  return { findings, risk };
}
