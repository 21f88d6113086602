"use client";

import { useState } from "react";
import { api } from "@/components/ui/api-client";
import { useMutation } from "@/components/admin/use-mutation";
import { ErrorMessage } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { FieldError } from "@/components/ui/controls";
import type { HostRoleName } from "@/lib/auth/permissions";
import type { Grantees } from "@/lib/services/access/list-grantees";
import type { GrantList } from "@/lib/services/access/list-grants";

const ROLE_WORDS: Record<HostRoleName, string> = {
  VIEWER: "Viewer: sees containers, logs and stats",
  OPERATOR: "Operator: also starts, stops, execs into containers",
  DEPLOYER: "Deployer: also runs containers, pulls images, manages access up to Deployer",
  HOST_ADMIN: "Host admin: everything on the host",
};

/**
 * Who holds which role on a host or a host group, and a form to grant one. Only the roles the
 * signed-in user may hand out are offered; the server checks again.
 */
export function AccessEditor({
  endpoint,
  list,
  grantees,
}: {
  /** `/api/hosts/<id>/access` or `/api/host-groups/<id>/access` */
  endpoint: string;
  list: GrantList;
  grantees: Grantees;
}) {
  const m = useMutation();
  const [grantee, setGrantee] = useState("");
  const [role, setRole] = useState<HostRoleName>("VIEWER");
  const canRevoke = (r: HostRoleName) => list.assignable.includes(r);
  return (
    <div className="space-y-4">
      <div className="overflow-x-auto rounded-lg border border-slate-200 bg-white shadow-sm">
        <table className="w-full text-left text-sm">
          <thead className="bg-slate-50 text-xs uppercase tracking-wide text-slate-500">
            <tr>
              <th className="px-4 py-2">Who</th>
              <th className="px-4 py-2">Role</th>
              <th className="px-4 py-2">Granted on</th>
              <th className="px-4 py-2" />
            </tr>
          </thead>
          <tbody className="divide-y divide-slate-100">
            {list.grants.length === 0 ? (
              <tr>
                <td colSpan={4} className="px-4 py-3 text-slate-500">
                  Nobody but administrators has access yet.
                </td>
              </tr>
            ) : null}
            {list.grants.map((g) => (
              <tr key={g.id} data-testid="grant-row">
                <td className="px-4 py-2">
                  <span className="mr-2 rounded bg-slate-100 px-1.5 py-0.5 text-xs text-slate-600">
                    {g.grantee.kind}
                  </span>
                  {g.grantee.name}
                </td>
                <td className="px-4 py-2 font-medium">{g.role}</td>
                <td className="px-4 py-2 text-slate-600">
                  {g.viaGroup
                    ? `host group ${g.viaGroup.name}`
                    : "this " + (endpoint.includes("/hosts/") ? "host" : "group")}
                </td>
                <td className="px-4 py-2 text-right">
                  {g.viaGroup === null && canRevoke(g.role) ? (
                    <Button
                      variant="secondary"
                      className="px-2 py-1 text-xs"
                      disabled={m.busy}
                      onClick={() =>
                        void m.run(() => api(`/api/access/${g.id}`, { method: "DELETE" }))
                      }
                    >
                      Revoke
                    </Button>
                  ) : null}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <form
        className="flex flex-wrap items-start gap-2 rounded-lg border border-slate-200 bg-white p-4 shadow-sm"
        onSubmit={(e) => {
          e.preventDefault();
          const [kind, id] = grantee.split(":");
          if (!id) return;
          void m
            .run(() =>
              api(endpoint, {
                method: "POST",
                json: kind === "team" ? { teamId: id, role } : { userId: id, role },
              }),
            )
            .then((ok) => ok && setGrantee(""));
        }}
      >
        <div className="space-y-1">
          <select
            id="grant-grantee"
            aria-label="Team or user"
            className="rounded-md border border-slate-300 bg-white px-2 py-2 text-sm"
            value={grantee}
            onChange={(e) => setGrantee(e.target.value)}
            aria-describedby={m.fieldError("grantee") ? "grant-grantee-error" : undefined}
          >
            <option value="">Choose a team or user…</option>
            <optgroup label="Teams">
              {grantees.teams.map((t) => (
                <option key={t.id} value={`team:${t.id}`}>
                  {t.name}
                </option>
              ))}
            </optgroup>
            <optgroup label="Users">
              {grantees.users.map((u) => (
                <option key={u.id} value={`user:${u.id}`}>
                  {u.name} ({u.email})
                </option>
              ))}
            </optgroup>
          </select>
          <FieldError id="grant-grantee" error={m.fieldError("grantee")} />
        </div>
        <div className="space-y-1">
          <select
            id="grant-role"
            aria-label="Role"
            className="rounded-md border border-slate-300 bg-white px-2 py-2 text-sm"
            value={role}
            onChange={(e) => setRole(e.target.value as HostRoleName)}
            aria-describedby={m.fieldError("role") ? "grant-role-error" : undefined}
          >
            {list.assignable.map((r) => (
              <option key={r} value={r}>
                {ROLE_WORDS[r]}
              </option>
            ))}
          </select>
          <FieldError id="grant-role" error={m.fieldError("role")} />
        </div>
        <Button type="submit" disabled={m.busy || !grantee}>
          Grant
        </Button>
        <p className="w-full text-xs text-slate-500">
          Granting to someone who already has a role here changes it. The strongest of a
          person&apos;s grants (their own, their teams&apos;, on the host or its groups) applies.
          Your role here is {list.ownRole}: you can grant up to that.
        </p>
        {m.formError(["grantee", "role"]) ? (
          <div className="w-full">
            <ErrorMessage>{m.formError(["grantee", "role"])}</ErrorMessage>
          </div>
        ) : null}
      </form>
    </div>
  );
}
