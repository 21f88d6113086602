export function Card({
  id,
  title,
  actions,
  children,
  className = "",
}: {
  /** An anchor other pages link to (`/hosts/x#security-policy`). */
  id?: string;
  title?: string;
  actions?: React.ReactNode;
  children: React.ReactNode;
  className?: string;
}) {
  return (
    <section
      id={id}
      className={`scroll-mt-4 rounded-lg border border-slate-200 bg-white shadow-sm ${className}`}
    >
      {title || actions ? (
        <header className="flex items-center justify-between border-b border-slate-100 px-4 py-3">
          {title ? <h2 className="text-sm font-semibold text-slate-700">{title}</h2> : <span />}
          {actions}
        </header>
      ) : null}
      <div className="p-4">{children}</div>
    </section>
  );
}
