/**
 * A function's answers kept by argument, for the few arguments a long-running process asks again and again (a charset
 * label, a header name, a time zone's year). Emptied whole past `limit` answers rather than evicted one by one: the
 * arguments that matter come back at once, and a message naming any number of new ones cannot grow the map.
 */
export function boundedMemo<V>(compute: (key: string) => V, limit: number): (key: string) => V {
  const kept = new Map<string, V>();
  return (key) => {
    let v = kept.get(key);
    if (v === undefined && !kept.has(key)) {
      v = compute(key);
      if (kept.size >= limit) kept.clear();
      kept.set(key, v);
    }
    return v as V;
  };
}
