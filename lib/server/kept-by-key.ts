// A function's answers kept by their key, for the front server's hot path
// (the Accept-Encoding values it parses, the cache keys of URLs with a
// query): clients send few distinct values, asked for over and over. At
// most `limit` are kept; when full, all are dropped (a flood of new values,
// such as unique searches, costs each one computation, never memory).
export function keptByKey<V>(limit: number, compute: (key: string) => V, keeps: (key: string) => boolean = () => true): (key: string) => V {
  const kept = new Map<string, V>();
  return (key) => {
    const known = kept.get(key);
    if (known !== undefined) return known;
    const value = compute(key);
    if (keeps(key)) {
      if (kept.size >= limit) kept.clear();
      kept.set(key, value);
    }
    return value;
  };
}
