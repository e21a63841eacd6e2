// Dates for the feeds and OSV records. Pure: no clock.

const DAY = /^(\d{4})-(\d{2})-(\d{2})$/;

/** "2019-11-26" → that day at 00:00 UTC; anything else → null. */
export function parseDay(value: string | null | undefined): Date | null {
  const match = value ? DAY.exec(value.trim()) : null;
  if (!match) return null;
  const date = new Date(Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3])));
  // Reject 2019-02-31 and friends rather than rolling them over.
  return date.toISOString().startsWith(value!.trim()) ? date : null;
}

/**
 * RSS 2.0 dates are RFC 822 dates. `toUTCString()` gives the RFC 1123 form
 * ("Tue, 26 Nov 2019 00:00:00 GMT"), RFC 822 with a four-digit year, which
 * is what RSS 2.0's own examples and every feed reader use.
 */
export function rfc822(date: Date): string {
  return date.toUTCString();
}

/** RFC 3339 in UTC with a "Z", to the second: "2019-11-26T00:00:00Z". */
export function rfc3339(date: Date): string {
  return date.toISOString().replace(/\.\d{3}Z$/, "Z");
}

/** HTTP dates (Last-Modified, If-Modified-Since) are the same IMF-fixdate form. */
export const httpDate = rfc822;

/** The later of two dates (a when equal). */
export function later(a: Date, b: Date): Date {
  return b.getTime() > a.getTime() ? b : a;
}

/** Used where nothing better is known: stable, and obviously "unknown". */
export const UNKNOWN_DATE = new Date(0);
