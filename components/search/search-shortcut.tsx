"use client";

import { useEffect } from "react";

/**
 * "/" focuses the header's search box, unless the reader is typing somewhere.
 * The box advertises the shortcut (`aria-keyshortcuts`) only once the listener
 * is attached: before hydration, or without JavaScript, there is none.
 */
export function SearchShortcut({ inputId }: { inputId: string }) {
  useEffect(() => {
    function onKey(event: KeyboardEvent) {
      if (event.key !== "/" || event.ctrlKey || event.metaKey || event.altKey) return;
      const target = event.target as HTMLElement | null;
      if (target && (target.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(target.tagName))) return;
      const input = document.getElementById(inputId);
      if (input instanceof HTMLInputElement) {
        event.preventDefault();
        input.focus();
        input.select();
      }
    }
    document.addEventListener("keydown", onKey);
    const input = document.getElementById(inputId);
    input?.setAttribute("aria-keyshortcuts", "/");
    return () => {
      document.removeEventListener("keydown", onKey);
      input?.removeAttribute("aria-keyshortcuts");
    };
  }, [inputId]);
  return null;
}
