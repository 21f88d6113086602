"use client";

import { useState } from "react";
import { api } from "@/components/ui/api-client";
import { ErrorMessage } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { SelectField } from "@/components/ui/controls";
import { Dialog } from "@/components/ui/dialog";
import { Field } from "@/components/ui/field";
import { formatAgo } from "@/components/ui/format";
import type { InviteRow } from "@/lib/services/users/list-invites";
import type { UserRow } from "@/lib/services/users/list-users";
import { CopyLink } from "./copy-link";
import { useMutation } from "./use-mutation";

type Link = { url: string; expiresAt: string; recipient: string };

function NewUserDialog({ onClose }: { onClose: () => void }) {
  const m = useMutation();
  const fields = ["name", "email", "password", "role"] as const;
  return (
    <Dialog title="New user" onClose={onClose} busy={m.busy} testId="new-user-dialog">
      <form
        className="space-y-3"
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          const form = new FormData(e.currentTarget);
          void m
            .run(() => api("/api/users", { method: "POST", json: Object.fromEntries(form) }))
            .then((ok) => ok && onClose());
        }}
      >
        {m.formError(fields) ? <ErrorMessage>{m.formError(fields)}</ErrorMessage> : null}
        <Field id="nu-name" name="name" label="Name" required error={m.fieldError("name")} />
        <Field
          id="nu-email"
          name="email"
          type="email"
          label="Email"
          required
          error={m.fieldError("email")}
        />
        <Field
          id="nu-password"
          name="password"
          type="password"
          label="Initial password (at least 10 characters)"
          autoComplete="new-password"
          required
          error={m.fieldError("password")}
        />
        <SelectField id="nu-role" name="role" label="Global role" defaultValue="USER">
          <option value="USER">User: sees the hosts granted to them or their teams</option>
          <option value="ADMIN">Administrator: everything</option>
        </SelectField>
        <div className="flex gap-2">
          <Button type="submit" disabled={m.busy}>
            Create user
          </Button>
          <Button type="button" variant="secondary" onClick={onClose}>
            Cancel
          </Button>
        </div>
      </form>
    </Dialog>
  );
}

function InviteDialog({ onClose }: { onClose: () => void }) {
  const m = useMutation();
  const [link, setLink] = useState<Link | null>(null);
  return (
    <Dialog title="Invite someone" onClose={onClose} busy={m.busy} testId="invite-dialog">
      {link ? (
        <div className="space-y-3">
          <CopyLink {...link} />
          <Button variant="secondary" onClick={onClose}>
            Done
          </Button>
        </div>
      ) : (
        <form
          className="space-y-3"
          noValidate
          onSubmit={(e) => {
            e.preventDefault();
            const input = Object.fromEntries(new FormData(e.currentTarget));
            void m
              .run(() =>
                api<{ url: string; expiresAt: string }>("/api/invites", {
                  method: "POST",
                  json: input,
                }),
              )
              .then((r) => r && setLink({ ...r, recipient: String(input.email) }));
          }}
        >
          <p className="text-sm text-slate-600">
            The invitation is a link for one email address, valid 24 hours and usable once: the
            person chooses their name and password. Berth sends no email; you copy the link.
          </p>
          {m.formError(["email"]) ? <ErrorMessage>{m.formError(["email"])}</ErrorMessage> : null}
          <Field
            id="inv-email"
            name="email"
            type="email"
            label="Email"
            required
            error={m.fieldError("email")}
          />
          <SelectField id="inv-role" name="role" label="Global role" defaultValue="USER">
            <option value="USER">User</option>
            <option value="ADMIN">Administrator</option>
          </SelectField>
          <div className="flex gap-2">
            <Button type="submit" disabled={m.busy}>
              Create invitation link
            </Button>
            <Button type="button" variant="secondary" onClick={onClose}>
              Cancel
            </Button>
          </div>
        </form>
      )}
    </Dialog>
  );
}

function PasswordDialog({ user, onClose }: { user: UserRow; onClose: () => void }) {
  const m = useMutation();
  const [link, setLink] = useState<Link | null>(null);
  const [done, setDone] = useState(false);
  return (
    <Dialog title={`Password of ${user.email}`} onClose={onClose} busy={m.busy}>
      {link ? (
        <CopyLink {...link} />
      ) : done ? (
        <p className="text-sm">The new password is set.</p>
      ) : (
        <div className="space-y-4">
          {m.formError(["password"]) ? (
            <ErrorMessage>{m.formError(["password"])}</ErrorMessage>
          ) : null}
          <form
            className="space-y-2"
            noValidate
            onSubmit={(e) => {
              e.preventDefault();
              const input = Object.fromEntries(new FormData(e.currentTarget));
              void m
                .run(() => api(`/api/users/${user.id}/password`, { method: "PUT", json: input }))
                .then((r) => r && setDone(true));
            }}
          >
            <Field
              id="pw-new"
              name="password"
              type="password"
              autoComplete="new-password"
              label="Set a new password"
              error={m.fieldError("password")}
            />
            <Button type="submit" disabled={m.busy}>
              Set password
            </Button>
          </form>
          <div className="border-t border-slate-100 pt-3">
            <p className="mb-2 text-sm text-slate-600">
              Or let them choose one: a reset link works once, for two hours.
            </p>
            <Button
              variant="secondary"
              disabled={m.busy}
              onClick={() =>
                void m
                  .run(() =>
                    api<{ url: string; expiresAt: string }>(`/api/users/${user.id}/reset-link`, {
                      method: "POST",
                    }),
                  )
                  .then((r) => r && setLink({ ...r, recipient: user.email }))
              }
            >
              Create reset link
            </Button>
          </div>
        </div>
      )}
      {link || done ? (
        <Button variant="secondary" onClick={onClose}>
          Done
        </Button>
      ) : null}
    </Dialog>
  );
}

function UserActions({ user, self }: { user: UserRow; self: boolean }) {
  const m = useMutation();
  const [password, setPassword] = useState(false);
  const [confirmDelete, setConfirmDelete] = useState(false);
  const patch = (json: Record<string, unknown>) =>
    void m.run(() => api(`/api/users/${user.id}`, { method: "PATCH", json }));
  return (
    <div className="flex flex-wrap justify-end gap-1">
      {self ? (
        <span className="text-xs text-slate-400">you</span>
      ) : (
        <>
          <Button
            variant="secondary"
            className="px-2 py-1 text-xs"
            disabled={m.busy}
            onClick={() => patch({ role: user.role === "ADMIN" ? "USER" : "ADMIN" })}
          >
            {user.role === "ADMIN" ? "Make user" : "Make admin"}
          </Button>
          <Button
            variant="secondary"
            className="px-2 py-1 text-xs"
            disabled={m.busy}
            onClick={() => patch({ disabled: !user.disabled })}
          >
            {user.disabled ? "Enable" : "Disable"}
          </Button>
          <Button
            variant="secondary"
            className="px-2 py-1 text-xs"
            onClick={() => setPassword(true)}
          >
            Password…
          </Button>
          <Button
            variant="danger"
            className="px-2 py-1 text-xs"
            disabled={m.busy}
            onClick={() => setConfirmDelete(true)}
          >
            Delete
          </Button>
        </>
      )}
      {m.formError() ? (
        <p className="w-full text-right text-xs text-red-700">{m.formError()}</p>
      ) : null}
      {password ? <PasswordDialog user={user} onClose={() => setPassword(false)} /> : null}
      {confirmDelete ? (
        <Dialog title={`Delete ${user.email}?`} onClose={() => setConfirmDelete(false)}>
          <p className="text-sm text-slate-600">
            Their team memberships and roles go with them. Their entries in the audit log stay.
          </p>
          <div className="flex gap-2">
            <Button
              variant="danger"
              disabled={m.busy}
              onClick={() =>
                void m
                  .run(() => api(`/api/users/${user.id}`, { method: "DELETE" }))
                  .then(() => setConfirmDelete(false))
              }
            >
              Delete user
            </Button>
            <Button variant="secondary" onClick={() => setConfirmDelete(false)}>
              Cancel
            </Button>
          </div>
        </Dialog>
      ) : null}
    </div>
  );
}

function inviteState(invite: InviteRow, now: number): string {
  if (invite.usedAt) return "accepted";
  if (invite.expiresAt <= now) return "expired";
  return "open";
}

export function UsersAdmin({
  users,
  invites,
  selfId,
  now,
}: {
  users: UserRow[];
  invites: InviteRow[];
  selfId: string;
  now: number;
}) {
  const [dialog, setDialog] = useState<"new" | "invite" | null>(null);
  const withdraw = useMutation();
  return (
    <div className="space-y-4">
      <div className="flex gap-2">
        <Button onClick={() => setDialog("new")}>New user</Button>
        <Button variant="secondary" onClick={() => setDialog("invite")}>
          Invite by link
        </Button>
      </div>
      {dialog === "new" ? <NewUserDialog onClose={() => setDialog(null)} /> : null}
      {dialog === "invite" ? <InviteDialog onClose={() => setDialog(null)} /> : null}
      <div className="overflow-x-auto rounded-lg border border-slate-200 bg-white shadow-sm">
        <table className="w-full text-left text-sm">
          <thead className="bg-slate-50 text-xs uppercase tracking-wide text-slate-500">
            <tr>
              <th className="px-4 py-2">Name</th>
              <th className="px-4 py-2">Email</th>
              <th className="px-4 py-2">Role</th>
              <th className="px-4 py-2">Teams</th>
              <th className="px-4 py-2">Status</th>
              <th className="px-4 py-2">Last sign-in</th>
              <th className="px-4 py-2 text-right">Actions</th>
            </tr>
          </thead>
          <tbody className="divide-y divide-slate-100">
            {users.map((u) => (
              <tr key={u.id} data-testid="user-row">
                <td className="px-4 py-2 font-medium">{u.name}</td>
                <td className="px-4 py-2">{u.email}</td>
                <td className="px-4 py-2">{u.role === "ADMIN" ? "Administrator" : "User"}</td>
                <td className="px-4 py-2 text-slate-600">
                  {u.teams.map((t) => t.name).join(", ") || "—"}
                </td>
                <td className="px-4 py-2">
                  {u.disabled ? (
                    <span className="rounded bg-red-100 px-2 py-0.5 text-xs text-red-800">
                      disabled
                    </span>
                  ) : (
                    <span className="rounded bg-emerald-100 px-2 py-0.5 text-xs text-emerald-800">
                      active
                    </span>
                  )}
                </td>
                <td className="px-4 py-2 text-slate-500">
                  {u.lastLoginAt ? formatAgo(u.lastLoginAt) : "never"}
                </td>
                <td className="px-4 py-2">
                  <UserActions user={u} self={u.id === selfId} />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <Card title="Invitations of the last 7 days">
        {invites.length === 0 ? (
          <p className="text-sm text-slate-500">No invitations.</p>
        ) : (
          <ul className="divide-y divide-slate-100 text-sm">
            {invites.map((inv) => {
              const state = inviteState(inv, now);
              return (
                <li key={inv.id} className="flex items-center gap-3 py-2" data-testid="invite-row">
                  <span className="font-medium">{inv.email}</span>
                  <span className="text-slate-500">
                    {inv.role === "ADMIN" ? "administrator" : "user"}
                  </span>
                  <span className="text-slate-500">
                    {state === "open"
                      ? `open until ${new Date(inv.expiresAt).toLocaleString()}`
                      : state}
                  </span>
                  {state === "open" ? (
                    <Button
                      variant="secondary"
                      className="ml-auto px-2 py-1 text-xs"
                      disabled={withdraw.busy}
                      onClick={() =>
                        void withdraw.run(() => api(`/api/invites/${inv.id}`, { method: "DELETE" }))
                      }
                    >
                      Withdraw
                    </Button>
                  ) : null}
                </li>
              );
            })}
          </ul>
        )}
        {withdraw.formError() ? <ErrorMessage>{withdraw.formError()}</ErrorMessage> : null}
      </Card>
    </div>
  );
}
