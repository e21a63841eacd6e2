// Page arithmetic shared by the list queries: a requested page out of range
// is clamped, never an error.
export interface PageWindow {
  page: number;
  pages: number;
  pageSize: number;
  skip: number;
  take: number;
}

export function pageWindow(total: number, requested: number | undefined, pageSize: number): PageWindow {
  const pages = Math.max(1, Math.ceil(total / pageSize));
  const page = Math.min(Math.max(1, requested ?? 1), pages);
  return { page, pages, pageSize, skip: (page - 1) * pageSize, take: pageSize };
}
