"use client";
// When the data was last refreshed. Cached pages carry only its day (a sync
// that changed nothing keeps them cached, and the day stays true); once the
// page runs, the exact time is read from /api/source, which is never cached.
import { useEffect, useState } from "react";

let latest: Promise<string | null> | null = null;

/** One request per page load, however many times the page shows the time. */
function fetchLastRefreshed(): Promise<string | null> {
  latest ??= fetch("/api/source", { cache: "no-store" })
    .then((response) => (response.ok ? (response.json() as Promise<{ freshness?: { lastRefreshedAt?: unknown } }>) : null))
    .then((body) => (typeof body?.freshness?.lastRefreshedAt === "string" ? body.freshness.lastRefreshedAt : null))
    .catch(() => null);
  return latest;
}

export function RefreshTime({ day }: { day: string }) {
  const [exact, setExact] = useState<string | null>(null);
  useEffect(() => {
    let live = true;
    void fetchLastRefreshed().then((at) => {
      if (live && at) setExact(at);
    });
    return () => {
      live = false;
    };
  }, []);
  if (exact) return <time dateTime={exact} data-testid="refresh-time">{`${exact.slice(0, 16).replace("T", " ")} UTC`}</time>;
  return <time dateTime={day} data-testid="refresh-time">{`on ${day} (UTC)`}</time>;
}
