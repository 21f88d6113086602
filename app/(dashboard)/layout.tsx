import Link from "next/link";
import { AlertToasts } from "@/components/alerts/alert-toasts";
import { AlertsNavLink } from "@/components/alerts/alerts-nav-link";
import { SessionKeeper } from "@/components/auth/session-keeper";
import { SignOutButton } from "@/components/ui/sign-out-button";
import { visibleHostsWhere } from "@/lib/auth/guard";
import { requirePageUser } from "@/lib/auth/current-user";
import { listVisibleHostIds } from "@/lib/services/hosts/list-visible-host-ids";

export const dynamic = "force-dynamic";

export default async function DashboardLayout({ children }: { children: React.ReactNode }) {
  const user = await requirePageUser();
  const seesHosts =
    user.role === "ADMIN" ||
    (await listVisibleHostIds({ ...visibleHostsWhere(user), revokedAt: null })).length > 0;
  return (
    <div className="min-h-screen">
      <SessionKeeper />
      <AlertToasts />
      <header className="bg-slate-900 text-white">
        <div className="mx-auto flex max-w-7xl items-center gap-6 px-6 py-3">
          <Link href="/hosts" className="text-lg font-bold tracking-tight">
            ⚓ Berth
          </Link>
          <nav className="flex gap-1 text-sm">
            <Link
              href="/overview"
              className="rounded-md px-2 py-1 text-slate-200 hover:bg-slate-800"
            >
              Overview
            </Link>
            <Link href="/hosts" className="rounded-md px-2 py-1 text-slate-200 hover:bg-slate-800">
              Hosts
            </Link>
            <Link
              href="/containers"
              className="rounded-md px-2 py-1 text-slate-200 hover:bg-slate-800"
            >
              Containers
            </Link>
            <Link href="/images" className="rounded-md px-2 py-1 text-slate-200 hover:bg-slate-800">
              Images
            </Link>
            <Link
              href="/networks"
              className="rounded-md px-2 py-1 text-slate-200 hover:bg-slate-800"
            >
              Networks
            </Link>
            <Link
              href="/volumes"
              className="rounded-md px-2 py-1 text-slate-200 hover:bg-slate-800"
            >
              Volumes
            </Link>
            <Link href="/stacks" className="rounded-md px-2 py-1 text-slate-200 hover:bg-slate-800">
              Stacks
            </Link>
            <Link href="/logs" className="rounded-md px-2 py-1 text-slate-200 hover:bg-slate-800">
              Logs
            </Link>
            <AlertsNavLink />
            {/* swarm: nodes, overlay networks across hosts, services */}
            <Link
              href="/cluster"
              className="rounded-md px-2 py-1 text-slate-200 hover:bg-slate-800"
            >
              Cluster
            </Link>
            {seesHosts ? (
              <Link
                href="/security"
                className="rounded-md px-2 py-1 text-slate-200 hover:bg-slate-800"
              >
                Security
              </Link>
            ) : null}
            <Link
              href="/registries"
              className="rounded-md px-2 py-1 text-slate-200 hover:bg-slate-800"
            >
              Registries
            </Link>
            {user.role === "ADMIN" ? (
              <Link
                href="/admin/users"
                className="rounded-md px-2 py-1 text-slate-200 hover:bg-slate-800"
              >
                Admin
              </Link>
            ) : null}
          </nav>
          <div className="ml-auto flex items-center gap-3 text-sm">
            <Link href="/settings/tokens" className="text-slate-300 hover:text-white">
              API tokens
            </Link>
            <Link
              href="/account"
              className="text-slate-300 hover:text-white"
              data-testid="current-user"
              title="Your account"
            >
              {user.name}
              {user.role === "ADMIN" ? " · admin" : ""}
            </Link>
            <SignOutButton />
          </div>
        </div>
      </header>
      <main className="mx-auto max-w-7xl px-6 py-6">{children}</main>
    </div>
  );
}
