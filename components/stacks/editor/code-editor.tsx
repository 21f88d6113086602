"use client";

import { useImperativeHandle, useMemo, useRef, useState, type Ref } from "react";
import type { ComposeProblem } from "@/lib/protocol";
import { lineColumnAt, lineStarts, positionOf } from "./text-position";

/** What a parent can do with an editor: put the caret at a problem. */
export type CodeEditorHandle = { jumpTo: (line: number, column: number) => void };

/** Pixel height of a line: the gutter, the markers and the text share it. */
const LINE_PX = 20;
const PAD_PX = 8;
const TEXT = "font-[family-name:var(--font-geist-mono)] text-[13px] leading-5";

/**
 * A plain-text code editor: a textarea with a line-number gutter, the lines with problems marked
 * (their messages on hover and in the list beside it) and the caret's line and column. Tab
 * indents with two spaces; Escape then Tab leaves the editor.
 */
export function CodeEditor({
  id,
  label,
  value,
  onChange,
  problems,
  readOnly = false,
  heightClass = "h-96",
  ref,
}: {
  id: string;
  label: string;
  value: string;
  onChange: (value: string) => void;
  /** This file's problems, by line. */
  problems: ReadonlyMap<number, readonly ComposeProblem[]>;
  readOnly?: boolean;
  heightClass?: string;
  ref?: Ref<CodeEditorHandle>;
}) {
  const area = useRef<HTMLTextAreaElement>(null);
  const [scrollTop, setScrollTop] = useState(0);
  const [caret, setCaret] = useState({ line: 1, column: 1 });
  const escaped = useRef(false);
  const lineCount = useMemo(() => lineStarts(value).length, [value]);

  useImperativeHandle(ref, () => ({
    jumpTo(line, column) {
      const el = area.current;
      if (!el) return;
      const at = positionOf(el.value, line, column);
      el.focus();
      el.setSelectionRange(at.offset, at.offset);
      el.scrollTop = Math.max(0, (at.line - 1) * LINE_PX - el.clientHeight / 3);
      setScrollTop(el.scrollTop);
      setCaret({ line: at.line, column: at.column });
    },
  }));

  const trackCaret = () => {
    const el = area.current;
    if (el) setCaret(lineColumnAt(el.value, el.selectionStart));
  };

  const onKeyDown = (e: React.KeyboardEvent<HTMLTextAreaElement>) => {
    if (e.key === "Escape") {
      escaped.current = true;
      return;
    }
    const leave = escaped.current;
    escaped.current = false;
    if (e.key !== "Tab" || e.shiftKey || leave || readOnly) return;
    e.preventDefault();
    // execCommand keeps the browser's undo history; the fallback edits the value directly.
    if (!document.execCommand("insertText", false, "  ")) {
      const el = e.currentTarget;
      const start = el.selectionStart;
      onChange(`${el.value.slice(0, start)}  ${el.value.slice(el.selectionEnd)}`);
    }
  };

  const problemLines = [...problems.keys()].filter((l) => l >= 1 && l <= lineCount);

  return (
    <div className="space-y-1">
      <label htmlFor={id} className="sr-only">
        {label}
      </label>
      <div
        className={`relative flex overflow-hidden rounded-md border border-slate-300 bg-white focus-within:ring-2 focus-within:ring-sky-500 ${heightClass}`}
      >
        <div
          aria-hidden="true"
          className={`w-12 shrink-0 overflow-hidden border-r border-slate-200 bg-slate-50 text-right text-slate-400 select-none ${TEXT}`}
        >
          <div style={{ transform: `translateY(${PAD_PX - scrollTop}px)` }}>
            {Array.from({ length: lineCount }, (_, i) => {
              const here = problems.get(i + 1);
              return (
                <div
                  key={i}
                  className={`pr-2 ${here ? "bg-red-100 font-semibold text-red-700" : ""}`}
                  style={{ height: LINE_PX }}
                  title={here?.map((p) => `${p.line}:${p.column} ${p.message}`).join("\n")}
                  data-testid={here ? "editor-problem-line" : undefined}
                  data-line={here ? i + 1 : undefined}
                >
                  {here ? "● " : ""}
                  {i + 1}
                </div>
              );
            })}
          </div>
        </div>
        <div className="relative min-w-0 flex-1">
          <div
            aria-hidden="true"
            className="pointer-events-none absolute inset-x-0 top-0"
            style={{ transform: `translateY(${PAD_PX - scrollTop}px)` }}
          >
            {problemLines.map((line) => (
              <div
                key={line}
                className="absolute inset-x-0 border-y border-red-200 bg-red-50"
                style={{ top: (line - 1) * LINE_PX, height: LINE_PX }}
              />
            ))}
          </div>
          <textarea
            id={id}
            ref={area}
            value={value}
            readOnly={readOnly}
            spellCheck={false}
            autoCapitalize="off"
            autoComplete="off"
            wrap="off"
            aria-invalid={problems.size > 0 ? true : undefined}
            data-testid="code-editor"
            className={`relative block h-full w-full resize-none overflow-auto bg-transparent px-3 whitespace-pre text-slate-900 outline-none ${TEXT}`}
            style={{ paddingTop: PAD_PX, paddingBottom: PAD_PX }}
            onChange={(e) => {
              onChange(e.target.value);
              setCaret(lineColumnAt(e.target.value, e.target.selectionStart));
            }}
            onScroll={(e) => setScrollTop(e.currentTarget.scrollTop)}
            onKeyDown={onKeyDown}
            onKeyUp={trackCaret}
            onClick={trackCaret}
            onSelect={trackCaret}
          />
        </div>
      </div>
      <p className="text-right text-xs text-slate-500" data-testid="editor-caret">
        Ln {caret.line}, Col {caret.column}
      </p>
    </div>
  );
}
