import { anxietyDisorderFromIcd10 } from './problem-descriptor';

describe('anxietyDisorderFromIcd10', () => {
  it.each([
    ['F40.0', 'agoraphobia'],
    ['F40.01', 'agoraphobia'],
    ['F40.1', 'social-anxiety-disorder'],
    ['F41.0', 'panic-disorder'],
    ['F41.1', 'generalised-anxiety-disorder'],
    ['F42.2', 'obsessive-compulsive-disorder'],
    ['F43.1', 'post-traumatic-stress-disorder'],
    [' f45.2 ', 'health-anxiety'],
    ['F41.2', null],
    ['F32.1', null],
  ])('reads %s as %s', (code, disorder) => {
    expect(anxietyDisorderFromIcd10(code)).toBe(disorder);
  });
});
