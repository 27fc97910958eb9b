import { partitionForKey } from './partitioner';

// kafkajs's own default partitioner: the PostgreSQL transport must put a key on the same partition number.
const murmur2: (key: string | Buffer) => number = require('kafkajs/src/producer/partitioners/default/murmur2');

describe('partitionForKey', () => {
  it('agrees with the Kafka default partitioner for every key length', () => {
    for (const key of ['', 'a', 'ab', 'abc', 'abcd', 'patient-1', 'c0a8e5b2-3f1e-4a6b-9d2c-7e8f9a0b1c2d', 'Ünïcödé']) {
      for (const partitions of [1, 3, 12]) {
        expect(partitionForKey(key, partitions, 'unused')).toBe((murmur2(key) & 0x7fffffff) % partitions);
      }
    }
  });
});
