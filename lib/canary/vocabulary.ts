// The canaries' domain values, with their labels, used by the importer,
// pages, API and feeds alike.

/** Whether a canary's promise of the next one was kept (see watch.ts promiseStatus). */
export const CANARY_STATUSES = ["on-time", "overdue", "unknown"] as const;
export type CanaryStatus = (typeof CANARY_STATUSES)[number];

export const CANARY_STATUS_LABELS: Record<CanaryStatus, string> = {
  "on-time": "on time",
  overdue: "overdue",
  unknown: "promise unreadable",
};

export function isCanaryStatus(value: string): value is CanaryStatus {
  return (CANARY_STATUSES as readonly string[]).includes(value);
}

/** canary-NNN-YYYY.txt */
export const CANARY_FILE = /^canary-(\d{3,})-(\d{4})\.txt$/;
/** canary-028-2021-letter-joanna.txt: a signed letter that comes with canary 028. */
export const CANARY_LETTER_FILE = /^canary-(\d{3,})-(\d{4})-letter-([A-Za-z0-9_-]+)\.txt$/;
/** The detached signature files beside a canary or a letter: NAME is the signer. */
export const CANARY_SIGNATURE_FILE = /^(canary-\d{3,}-\d{4}(?:-letter-[A-Za-z0-9_-]+)?\.txt)\.sig\.([A-Za-z0-9._-]+)$/;
export const CANARY_DIR = "canaries";
