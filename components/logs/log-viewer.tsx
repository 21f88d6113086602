"use client";

import { useVirtualizer } from "@tanstack/react-virtual";
import { memo, useEffect, useMemo, useRef, useState, type CSSProperties } from "react";
import {
  DEFAULT_MAX_LINES,
  MatchIndex,
  ansiSegments,
  colourFor,
  findRanges,
  formatLogTime,
  markSegments,
  type Segment,
} from "./log-model";
import { unixTimeFromMs } from "@/lib/protocol";
import { useLogStream, type LogSource, type StreamOptions } from "./use-log-stream";

export type { LogSource } from "./use-log-stream";

const TAILS = [100, 1000, 10000, "all"] as const;
type Tail = (typeof TAILS)[number];
const ROW_HEIGHT = 18;

const TOGGLE =
  "rounded-md border px-2 py-1 text-xs font-medium transition-colors aria-pressed:border-sky-600 aria-pressed:bg-sky-50 aria-pressed:text-sky-800";
const TOGGLE_OFF = "border-slate-300 bg-white text-slate-700 hover:bg-slate-100";
const SMALL_INPUT =
  "rounded-md border border-slate-300 bg-white px-2 py-1 text-xs outline-none focus:ring-2 focus:ring-sky-500";

function Toggle({
  on,
  onClick,
  testId,
  children,
  title,
}: {
  on: boolean;
  onClick: () => void;
  testId: string;
  children: React.ReactNode;
  title?: string;
}) {
  return (
    <button
      type="button"
      aria-pressed={on}
      title={title}
      data-testid={testId}
      onClick={onClick}
      className={`${TOGGLE} ${on ? "" : TOGGLE_OFF}`}
    >
      {children}
    </button>
  );
}

function segmentStyle(seg: Segment): CSSProperties | undefined {
  if (!seg.fg && !seg.bg && !seg.bold && !seg.dim && !seg.italic && !seg.underline && !seg.strike)
    return undefined;
  const deco = [seg.underline ? "underline" : "", seg.strike ? "line-through" : ""]
    .filter(Boolean)
    .join(" ");
  return {
    color: seg.fg ?? undefined,
    backgroundColor: seg.bg ?? undefined,
    fontWeight: seg.bold ? 700 : undefined,
    opacity: seg.dim ? 0.7 : undefined,
    fontStyle: seg.italic ? "italic" : undefined,
    textDecoration: deco || undefined,
  };
}

/** One line's text: styled spans with plain text children (never HTML). */
const LineText = memo(function LineText({
  raw,
  text,
  query,
  current,
}: {
  raw: string;
  text: string;
  query: string;
  current: boolean;
}) {
  const segments = useMemo(() => {
    const base = ansiSegments(raw);
    return query ? markSegments(base, findRanges(text, query), current ? 0 : -1) : base;
  }, [raw, text, query, current]);
  return (
    <>
      {segments.map((seg, i) =>
        seg.mark ? (
          <mark
            key={i}
            style={segmentStyle(seg)}
            data-current={seg.current ? "true" : undefined}
            className={
              seg.current
                ? "rounded-sm bg-orange-400 text-slate-950"
                : "rounded-sm bg-yellow-300 text-slate-950"
            }
          >
            {seg.text}
          </mark>
        ) : (
          <span key={i} style={segmentStyle(seg)}>
            {seg.text}
          </span>
        ),
      )}
    </>
  );
});

function toUnix(local: string): string | undefined {
  if (!local) return undefined;
  const ms = new Date(local).getTime();
  return Number.isFinite(ms) && ms >= 0 ? unixTimeFromMs(ms) : undefined;
}

function downloadHref(
  src: LogSource,
  timestamps: boolean,
  tail: Tail,
  since?: string,
  until?: string,
) {
  const q = new URLSearchParams({ timestamps: timestamps ? "1" : "0", tail: String(tail) });
  if (since) q.set("since", since);
  if (until) q.set("until", until);
  return `/api/hosts/${encodeURIComponent(src.hostId)}/containers/${encodeURIComponent(src.containerId)}/logs?${q.toString()}`;
}

/**
 * The logs of one container, or of several merged in time order with a coloured name prefix.
 * Lines live in a compact store outside React; only the visible rows are rendered.
 */
export function LogViewer({
  sources,
  maxLines = DEFAULT_MAX_LINES,
  defaultTail = 1000,
  heightClass = "h-[60vh]",
}: {
  sources: readonly LogSource[];
  maxLines?: number;
  defaultTail?: Tail;
  heightClass?: string;
}) {
  const [tail, setTail] = useState<Tail>(defaultTail);
  const [follow, setFollow] = useState(true);
  const [sinceLocal, setSinceLocal] = useState("");
  const [untilLocal, setUntilLocal] = useState("");
  const [timestamps, setTimestamps] = useState(false);
  const [wrap, setWrap] = useState(false);
  const [paused, setPaused] = useState(false);
  const [query, setQuery] = useState("");
  const [typed, setTyped] = useState("");
  const [filter, setFilter] = useState(false);
  const [current, setCurrent] = useState(-1);

  const since = toUnix(sinceLocal);
  const until = toUnix(untilLocal);
  const options: StreamOptions = useMemo(
    () => ({
      follow: follow && !until,
      tail,
      ...(since ? { since } : {}),
      ...(until ? { until } : {}),
    }),
    [follow, tail, since, until],
  );

  const { store, version, states, link, pendingCount, clear } = useLogStream(
    sources,
    options,
    paused,
    maxLines,
  );

  // Search typed → applied shortly after (a million lines are scanned once per change).
  useEffect(() => {
    const t = setTimeout(() => {
      setQuery(typed);
      setCurrent(-1);
    }, 150);
    return () => clearTimeout(t);
  }, [typed]);

  const matchIndex = useRef(new MatchIndex());
  // The store mutates in place; each render (one per animation frame at most) brings the
  // index up to date, scanning only lines added since the last time.
  const matches = matchIndex.current.update(store, query);
  const filtering = filter && query.length > 0;
  const count = filtering ? matches.length : store.length;
  const lineAt = (row: number): number | undefined => (filtering ? matches[row] : row);
  const currentLine = current >= 0 && current < matches.length ? matches[current]! : -1;

  const scroller = useRef<HTMLDivElement>(null);
  const atBottom = useRef(true);
  const virtualizer = useVirtualizer({
    count,
    getScrollElement: () => scroller.current,
    estimateSize: () => ROW_HEIGHT,
    overscan: 20,
  });

  useEffect(() => {
    virtualizer.measure();
  }, [wrap, timestamps, virtualizer]);

  // Stick to the newest line while the view is at the bottom.
  useEffect(() => {
    if (atBottom.current && count > 0) virtualizer.scrollToIndex(count - 1, { align: "end" });
  }, [version, count, virtualizer]);

  const onScroll = () => {
    const el = scroller.current;
    if (!el) return;
    atBottom.current = el.scrollTop + el.clientHeight >= el.scrollHeight - ROW_HEIGHT * 2;
  };

  const go = (delta: 1 | -1) => {
    if (matches.length === 0) return;
    const next =
      current < 0
        ? delta === 1
          ? 0
          : matches.length - 1
        : (current + delta + matches.length) % matches.length;
    setCurrent(next);
    atBottom.current = false;
    virtualizer.scrollToIndex(filtering ? next : matches[next]!, { align: "center" });
  };

  const multi = sources.length > 1;
  const nameWidth = multi ? Math.max(...sources.map((s) => s.name.length)) : 0;

  // Status line
  const statusParts: string[] = [];
  const anyState = (s: string) => states.some((x) => x.state === s);
  if (link === "lost" || anyState("reconnecting")) statusParts.push("Reconnecting…");
  else if (anyState("behind")) statusParts.push("Fell behind, catching up…");
  else if (anyState("connecting") || states.length === 0) statusParts.push("Connecting…");
  else if (states.every((s) => s.state === "ended")) statusParts.push("End of log");
  else if (states.some((s) => s.state === "live"))
    statusParts.push(options.follow ? "Live" : "Loaded");
  for (const [i, s] of states.entries()) {
    if (s.state === "error")
      statusParts.push(
        `${multi ? `${sources[i]?.name}: ` : ""}${s.message ?? "The log stream failed."}`,
      );
  }
  if (paused) statusParts.push(`Paused — ${pendingCount.toLocaleString()} new lines`);
  statusParts.push(`${store.length.toLocaleString()} lines`);
  if (store.dropped > 0)
    statusParts.push(
      `${store.dropped.toLocaleString()} older lines dropped (keeping the last ${maxLines.toLocaleString()})`,
    );

  const items = virtualizer.getVirtualItems();

  return (
    <div className="space-y-2" data-testid="log-viewer">
      <div className="flex flex-wrap items-center gap-2 text-xs">
        <label className="flex items-center gap-1 text-slate-600">
          Tail
          <select
            className={SMALL_INPUT}
            value={String(tail)}
            data-testid="log-tail"
            onChange={(e) =>
              setTail(e.target.value === "all" ? "all" : (Number(e.target.value) as Tail))
            }
          >
            {TAILS.map((t) => (
              <option key={t} value={String(t)}>
                {t === "all" ? "All" : t.toLocaleString()}
              </option>
            ))}
          </select>
        </label>
        <label className="flex items-center gap-1 text-slate-600">
          Since
          <input
            type="datetime-local"
            step={1}
            className={SMALL_INPUT}
            value={sinceLocal}
            data-testid="log-since"
            onChange={(e) => setSinceLocal(e.target.value)}
          />
        </label>
        <label className="flex items-center gap-1 text-slate-600">
          Until
          <input
            type="datetime-local"
            step={1}
            className={SMALL_INPUT}
            value={untilLocal}
            data-testid="log-until"
            onChange={(e) => setUntilLocal(e.target.value)}
          />
        </label>
        <Toggle
          on={follow && !until}
          onClick={() => setFollow((f) => !f)}
          testId="log-follow"
          title="Keep receiving new lines"
        >
          Follow
        </Toggle>
        <Toggle on={timestamps} onClick={() => setTimestamps((t) => !t)} testId="log-timestamps">
          Timestamps
        </Toggle>
        <Toggle on={wrap} onClick={() => setWrap((w) => !w)} testId="log-wrap">
          Wrap
        </Toggle>
        <Toggle
          on={paused}
          onClick={() => {
            if (paused) atBottom.current = true;
            setPaused((p) => !p);
          }}
          testId="log-pause"
          title="Pause the view; lines keep arriving and show on resume"
        >
          {paused ? "Resume" : "Pause"}
        </Toggle>
        <button
          type="button"
          className={`${TOGGLE} ${TOGGLE_OFF}`}
          onClick={clear}
          data-testid="log-clear"
        >
          Clear
        </button>
        {sources.length === 1 ? (
          <a
            href={downloadHref(sources[0]!, timestamps, tail, since, until)}
            download
            data-testid="log-download"
            className={`${TOGGLE} ${TOGGLE_OFF}`}
          >
            Download
          </a>
        ) : (
          <details className="relative" data-testid="log-download">
            <summary className={`${TOGGLE} ${TOGGLE_OFF} cursor-pointer list-none`}>
              Download…
            </summary>
            <div className="absolute z-10 mt-1 flex min-w-48 flex-col rounded-md border border-slate-200 bg-white p-1 shadow-lg">
              {sources.map((s) => (
                <a
                  key={`${s.hostId}/${s.containerId}`}
                  href={downloadHref(s, timestamps, tail, since, until)}
                  download
                  className="rounded px-2 py-1 hover:bg-slate-100"
                >
                  {s.name}
                </a>
              ))}
            </div>
          </details>
        )}
      </div>
      <div className="flex flex-wrap items-center gap-2 text-xs">
        <input
          type="search"
          placeholder="Search"
          aria-label="Search the log"
          className={`${SMALL_INPUT} w-64`}
          value={typed}
          data-testid="log-search"
          onChange={(e) => setTyped(e.target.value)}
          onKeyDown={(e) => {
            if (e.key === "Enter") {
              e.preventDefault();
              if (typed !== query) {
                setQuery(typed);
                return;
              }
              go(e.shiftKey ? -1 : 1);
            }
          }}
        />
        <button
          type="button"
          className={`${TOGGLE} ${TOGGLE_OFF}`}
          onClick={() => go(-1)}
          disabled={matches.length === 0}
          data-testid="log-prev"
          aria-label="Previous match"
        >
          ↑ Prev
        </button>
        <button
          type="button"
          className={`${TOGGLE} ${TOGGLE_OFF}`}
          onClick={() => go(1)}
          disabled={matches.length === 0}
          data-testid="log-next"
          aria-label="Next match"
        >
          ↓ Next
        </button>
        <Toggle
          on={filter}
          onClick={() => {
            setFilter((f) => !f);
            setCurrent(-1);
          }}
          testId="log-filter"
          title="Show only matching lines"
        >
          Filter
        </Toggle>
        {query ? (
          <span className="text-slate-600" data-testid="log-match-count">
            {matches.length === 0
              ? "No matches"
              : `${current >= 0 ? `${current + 1} / ` : ""}${matches.length.toLocaleString()} matches`}
          </span>
        ) : null}
        <span className="ml-auto text-slate-500" data-testid="log-status" role="status">
          {statusParts.join(" · ")}
        </span>
      </div>
      {paused && pendingCount > 0 ? (
        <button
          type="button"
          className="w-full rounded-md bg-sky-50 px-3 py-1 text-xs text-sky-800 hover:bg-sky-100"
          onClick={() => {
            atBottom.current = true;
            setPaused(false);
          }}
          data-testid="log-new-lines"
        >
          {pendingCount.toLocaleString()} new lines — resume
        </button>
      ) : null}
      <div
        ref={scroller}
        onScroll={onScroll}
        className={`${heightClass} overflow-auto rounded-md bg-slate-950 font-[family-name:var(--font-geist-mono)] text-xs text-slate-200`}
        data-testid="log-scroller"
      >
        {count === 0 ? (
          <p className="p-3 text-slate-500">
            {filtering ? "No line matches." : "No log lines yet."}
          </p>
        ) : null}
        <div style={{ height: virtualizer.getTotalSize(), position: "relative", minWidth: "100%" }}>
          {items.map((item) => {
            const i = lineAt(item.index);
            if (i === undefined || i >= store.length) return null;
            const err = store.isErr(i);
            const text = store.text[i]!;
            const src = store.source[i] ?? 0;
            const name = multi ? (sources[src]?.name ?? "?") : "";
            return (
              <div
                key={item.key}
                data-index={item.index}
                ref={wrap ? virtualizer.measureElement : undefined}
                data-testid="log-line"
                data-stream={err ? "err" : "out"}
                className={`absolute left-0 flex min-w-full px-2 leading-[18px] ${wrap ? "w-full whitespace-pre-wrap break-all" : "h-[18px] w-max whitespace-pre"} ${err ? "bg-red-950/50" : ""} ${i === currentLine ? "outline outline-1 outline-orange-400" : ""}`}
                style={{ transform: `translateY(${item.start}px)` }}
              >
                <span
                  className={`mr-1 w-3 shrink-0 select-none ${err ? "text-red-400" : "text-transparent"}`}
                  title={err ? "stderr" : "stdout"}
                  aria-label={err ? "stderr" : undefined}
                >
                  {err ? "!" : " "}
                </span>
                {timestamps ? (
                  <span className="mr-2 shrink-0 text-slate-500">
                    {formatLogTime(store.time[i] ?? "")}
                  </span>
                ) : null}
                {multi ? (
                  <span className="mr-2 shrink-0" style={{ color: colourFor(name) }}>
                    {name.padEnd(nameWidth)} |
                  </span>
                ) : null}
                <span className={`min-w-0 ${err ? "text-red-100" : ""}`}>
                  <LineText
                    raw={store.raw[i] ?? text}
                    text={text}
                    query={query}
                    current={i === currentLine}
                  />
                </span>
              </div>
            );
          })}
        </div>
      </div>
    </div>
  );
}
