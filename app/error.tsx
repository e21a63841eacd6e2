"use client";

export default function ErrorPage({ reset }: { error: Error & { digest?: string }; reset: () => void }) {
  return (
    <div role="alert" className="space-y-3 py-10 text-center">
      <h1 className="text-2xl font-semibold">Something went wrong</h1>
      <p>This page could not be shown. The error has been logged on the server.</p>
      <button type="button" onClick={reset} className="rounded-md border border-zinc-300 px-3 py-1.5 text-sm dark:border-zinc-700">
        Try again
      </button>
    </div>
  );
}
