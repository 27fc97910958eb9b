/**
 * Kafka's default partitioner (murmur2 of the key, positive, modulo the partition count), so that a key lands
 * on the same partition number on either transport.
 */
export function partitionForKey(key: string | null, partitions: number, fallback: string): number {
  const bytes = Buffer.from(key ?? fallback, 'utf8');
  return (murmur2(bytes) & 0x7fffffff) % partitions;
}

export function murmur2(data: Buffer): number {
  const length = data.length;
  const seed = 0x9747b28c;
  const m = 0x5bd1e995;
  const r = 24;
  let h = seed ^ length;
  const length4 = Math.floor(length / 4);
  for (let i = 0; i < length4; i++) {
    const i4 = i * 4;
    let k = data.readInt32LE(i4);
    k = Math.imul(k, m);
    k ^= k >>> r;
    k = Math.imul(k, m);
    h = Math.imul(h, m);
    h ^= k;
  }
  const remainder = length % 4;
  const tail = length & ~3;
  if (remainder === 3) h ^= data.readUInt8(tail + 2) << 16;
  if (remainder >= 2) h ^= data.readUInt8(tail + 1) << 8;
  if (remainder >= 1) {
    h ^= data.readUInt8(tail);
    h = Math.imul(h, m);
  }
  h ^= h >>> 13;
  h = Math.imul(h, m);
  h ^= h >>> 15;
  return h | 0;
}
