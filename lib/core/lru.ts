/**
 * A small in-memory LRU keyed by string: a Map keeps insertion order, so its first key is the least
 * recently used. For the process's caches of derived answers (article extractions, matcher analyses
 * and answers), which stay correct when an entry is dropped, only slower.
 */
export class Lru<V> {
  private readonly map = new Map<string, V>();
  constructor(private readonly max: number) {}

  get(key: string): V | undefined {
    const value = this.map.get(key);
    if (value !== undefined) {
      this.map.delete(key);
      this.map.set(key, value);
    }
    return value;
  }

  set(key: string, value: V): void {
    this.map.delete(key);
    this.map.set(key, value);
    if (this.map.size > this.max) this.map.delete(this.map.keys().next().value as string);
  }

  clear(): void {
    this.map.clear();
  }
}
