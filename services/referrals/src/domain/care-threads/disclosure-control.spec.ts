import { applySecondarySuppression, countCell, shownValue, unpublishedCell, type AdditiveRelation } from './disclosure-control';

const cells = (...values: number[]) => values.map((v) => countCell(v, 5));

describe('secondary suppression (ONS health statistics confidentiality guidance; H-GW9)', () => {
  it('hides the smallest other cell of a row whose one suppressed cell the total would give back', () => {
    const [total, a, b, c] = cells(20, 4, 7, 9);
    applySecondarySuppression([{ parent: total!, children: [a!, b!, c!] }], 5);
    expect([total, a, b, c].map((cell) => shownValue(cell!))).toEqual([20, null, null, 9]);
  });

  it('keeps hiding while the hidden cells together add up to fewer than 5', () => {
    const [total, a, b, c, d] = cells(30, 1, 2, 5, 22);
    applySecondarySuppression([{ parent: total!, children: [a!, b!, c!, d!] }], 5);
    // 1 + 2 = 3 would be known: the 5 is hidden too (1 + 2 + 5 = 8).
    expect([total, a, b, c, d].map((cell) => shownValue(cell!))).toEqual([30, null, null, null, 22]);
  });

  it('leaves a table alone when nothing small can be derived, and a derivable 0 is no disclosure', () => {
    const [total, a, b] = cells(12, 6, 6);
    expect(applySecondarySuppression([{ parent: total!, children: [a!, b!] }], 5)).toBe(0);
    const [people, reached] = cells(6, 6);
    const notReached = unpublishedCell(0);
    expect(applySecondarySuppression([{ parent: people!, children: [reached!, notReached] }], 5)).toBe(0);
    expect(shownValue(reached!)).toBe(6);
  });

  it('protects an unpublished remainder: 8 people of whom 6 reached care would say 2 did not', () => {
    const [people, reached] = cells(8, 6);
    applySecondarySuppression([{ parent: people!, children: [reached!, unpublishedCell(2)] }], 5);
    expect([shownValue(people!), shownValue(reached!)]).toEqual([8, null]);
  });

  it('follows a hidden total that another sum gives back (two-level tables)', () => {
    // A cell's refusals (hidden by a column rule) equal the sum of its outcomes, all shown: the total is known again,
    // so a small group under it must not be derivable from it.
    const [total, outcomeA, outcomeB] = cells(11, 5, 6);
    const [groupX, groupY] = cells(7, 4);
    total!.hidden = true;
    const relations: AdditiveRelation[] = [
      { parent: total!, children: [outcomeA!, outcomeB!] },
      { parent: total!, children: [groupX!, groupY!] },
    ];
    applySecondarySuppression(relations, 5);
    const known = !total!.hidden || (!outcomeA!.hidden && !outcomeB!.hidden);
    expect(known && !groupX!.hidden).toBe(false);
  });
});
