/**
 * Words interned as small integer ids, looked up by their offsets in a text:
 * a hash over the UTF-16 units and a comparison against a pool of the units
 * seen, so a word that was seen before costs no string (no slice, no Map
 * hashing of a fresh string). Open addressing in typed arrays.
 */
export class WordTable {
  /** Word id + 1 in each slot, 0 for an empty one. */
  private slots: Int32Array;
  private mask: number;
  private hashes: Int32Array;
  /** Where each word's units start in `units` (and end, at the next id). */
  private offsets: Int32Array;
  private units: Uint16Array;
  private used = 0;
  /** The number of words interned. */
  size = 0;
  /** Whether the last call to `intern` added the word. */
  added = false;

  constructor(capacity = 1024) {
    let slots = 16;
    while (slots < capacity * 2) slots *= 2;
    this.slots = new Int32Array(slots);
    this.mask = slots - 1;
    this.hashes = new Int32Array(slots >> 1);
    this.offsets = new Int32Array((slots >> 1) + 1);
    this.units = new Uint16Array(slots * 4);
  }

  /** How many ids the table holds before it grows (per-word arrays of a caller can be sized by it). */
  get capacity(): number {
    return this.hashes.length;
  }

  clear(): void {
    this.slots.fill(0);
    this.size = 0;
    this.used = 0;
  }

  /** The id of `text.slice(start, end)`, or -1 when it was never interned. */
  get(text: string, start: number, end: number): number {
    return this.lookup(text, start, end, false);
  }

  /** The id of `text.slice(start, end)`, added if new (then `added` is true). */
  intern(text: string, start: number, end: number): number {
    return this.lookup(text, start, end, true);
  }

  private lookup(text: string, start: number, end: number, add: boolean): number {
    let h = 0x811c9dc5 | 0;
    for (let i = start; i < end; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193);
    h ^= h >>> 15;
    const len = end - start;
    const slots = this.slots;
    const mask = this.mask;
    for (let s = h & mask; ; s = (s + 1) & mask) {
      const v = slots[s]!;
      if (v === 0) {
        if (!add) return -1;
        this.added = true;
        return this.add(text, start, end, h, s);
      }
      const id = v - 1;
      if (this.hashes[id] !== h) continue;
      const from = this.offsets[id]!;
      if (this.offsets[id + 1]! - from !== len) continue;
      let i = 0;
      const units = this.units;
      while (i < len && units[from + i] === text.charCodeAt(start + i)) i++;
      if (i === len) {
        this.added = false;
        return id;
      }
    }
  }

  private add(text: string, start: number, end: number, h: number, slot: number): number {
    const id = this.size++;
    if (this.size > this.hashes.length) {
      this.grow();
      slot = this.slotFor(h);
    }
    const len = end - start;
    if (this.used + len > this.units.length) {
      let size = this.units.length * 2;
      while (size < this.used + len) size *= 2;
      const units = new Uint16Array(size);
      units.set(this.units.subarray(0, this.used));
      this.units = units;
    }
    const units = this.units;
    let u = this.used;
    for (let i = start; i < end; i++) units[u++] = text.charCodeAt(i);
    this.offsets[id] = this.used;
    this.offsets[id + 1] = u;
    this.used = u;
    this.hashes[id] = h;
    this.slots[slot] = id + 1;
    return id;
  }

  private slotFor(h: number): number {
    let s = h & this.mask;
    while (this.slots[s] !== 0) s = (s + 1) & this.mask;
    return s;
  }

  private grow() {
    const n = this.slots.length * 2;
    this.slots = new Int32Array(n);
    this.mask = n - 1;
    const hashes = new Int32Array(n >> 1);
    hashes.set(this.hashes);
    this.hashes = hashes;
    const offsets = new Int32Array((n >> 1) + 1);
    offsets.set(this.offsets);
    this.offsets = offsets;
    for (let id = 0; id < this.size - 1; id++) this.slots[this.slotFor(this.hashes[id]!)] = id + 1;
  }
}
