/**
 * Statistical disclosure control for the commissioner's gap metrics (issue 18 item 4; hazard H-GW4, H-GW9): primary
 * suppression of every count under the threshold, then **secondary (complementary) suppression** so that no
 * suppressed count can be worked back out by subtraction — a total minus the cells shown beside it, or a cell's
 * parts minus the parts shown.
 *
 * Rule followed: ONS, *Review of the Dissemination of Health Statistics: Confidentiality Guidance* (2006) — where a
 * cell is suppressed, enough other cells of the same row or column are suppressed too that it cannot be derived from
 * the totals ("secondary suppression") — as applied by NHS Digital's *Anonymisation Standard for Publishing Health
 * and Social Care Data* (ISB 1523) and its small-number rule for mental health statistics (counts under 5 are not
 * published below national level). Pure: the caller builds the table of cells and the additive relations between
 * them; this only decides which cells are hidden.
 *
 * The model: a cell is a count with a value and a `hidden` flag. A relation says `parent = Σ children (+ a remainder
 * nobody is shown)`. From what is shown, a reader knows a hidden cell exactly when an exact relation leaves it the
 * only unknown member, and knows the sum of the unknown children of any relation whose parent they know. The table is
 * safe when no hidden cell a reader can work out, and no such sum of unknown children, is between 1 and
 * `threshold - 1`. Until it is, the smallest shown child of the offending relation is hidden too (else a cell that
 * stops a hidden child being worked out elsewhere, else the total).
 * Hiding never reveals anything, so the loop ends; if it cannot make the table safe it hides every cell (fail closed).
 */
export interface ProtectedCell {
  readonly value: number;
  hidden: boolean;
  /** Never shown whatever its value (e.g. "did not reach care": only its complement is published). */
  readonly neverShown?: boolean;
}

export interface AdditiveRelation {
  readonly parent: ProtectedCell;
  readonly children: readonly ProtectedCell[];
}

/** A count cell, hidden (primary suppression) when under the threshold. */
export const countCell = (value: number, threshold: number): ProtectedCell => ({ value, hidden: value < threshold });
/** A cell that is part of the arithmetic but never published (it only has to stay underivable). */
export const unpublishedCell = (value: number): ProtectedCell => ({ value, hidden: true, neverShown: true });

const isExact = (relation: AdditiveRelation): boolean => relation.parent.value === relation.children.reduce((sum, c) => sum + c.value, 0);

/** The cells a reader can know: the shown ones, and every hidden one an exact relation pins down (to a fixpoint). */
function knownCells(relations: readonly AdditiveRelation[]): { known: Set<ProtectedCell>; derivedBy: Map<ProtectedCell, AdditiveRelation> } {
  const known = new Set<ProtectedCell>();
  const derivedBy = new Map<ProtectedCell, AdditiveRelation>();
  for (const relation of relations) for (const cell of [relation.parent, ...relation.children]) if (!cell.hidden) known.add(cell);
  let changed = true;
  while (changed) {
    changed = false;
    for (const relation of relations) {
      // The reader cannot tell which relations happen to have no remainder: assume every one that adds up is exact.
      if (!isExact(relation)) continue;
      const [only, ...others] = [relation.parent, ...relation.children].filter((cell) => !known.has(cell));
      if (only !== undefined && others.length === 0) {
        known.add(only);
        derivedBy.set(only, relation);
        changed = true;
      }
    }
  }
  return { known, derivedBy };
}

const isSmall = (value: number, threshold: number): boolean => value >= 1 && value < threshold;

const smallest = (cells: readonly ProtectedCell[], except?: ProtectedCell): ProtectedCell | null =>
  cells.filter((c) => !c.hidden && c !== except).sort((a, b) => a.value - b.value)[0] ?? null;

/**
 * Which shown cell to hide so that the relation stops revealing `target`: the smallest shown child; else one that
 * stops a hidden child being worked out through another relation; else the parent (hiding a total is the last resort).
 */
function cellToHideIn(relation: AdditiveRelation, derivedBy: ReadonlyMap<ProtectedCell, AdditiveRelation>, target?: ProtectedCell): ProtectedCell | null {
  return smallest(relation.children, target) ?? firstShownUpstream(relation, derivedBy, target) ?? smallest([relation.parent], target);
}

/**
 * Hides cells until no count under `threshold` (but above 0) can be derived from what is shown. Mutates `hidden`.
 * Returns the number of cells it hid beyond primary suppression.
 */
export function applySecondarySuppression(relations: readonly AdditiveRelation[], threshold: number): number {
  const all = new Set(relations.flatMap((r) => [r.parent, ...r.children]));
  const maxSteps = all.size + 1;
  let hiddenMore = 0;
  for (let step = 0; step <= maxSteps; step++) {
    const { known, derivedBy } = knownCells(relations);
    let cellToHide: ProtectedCell | null = null;
    let unsafe = false;
    // A hidden cell worked out exactly, and small: break the relation that pins it.
    for (const [cell, relation] of derivedBy) {
      if (!isSmall(cell.value, threshold)) continue;
      unsafe = true;
      cellToHide = cellToHideIn(relation, derivedBy, cell);
      if (cellToHide) break;
    }
    // The unknown children of a relation whose parent is known: their sum is known, and must not be small.
    if (!cellToHide) {
      for (const relation of relations) {
        if (!known.has(relation.parent)) continue;
        const unknown = relation.children.filter((c) => !known.has(c));
        if (unknown.length === 0) continue;
        const rest = relation.parent.value - relation.children.filter((c) => known.has(c)).reduce((sum, c) => sum + c.value, 0);
        if (!isSmall(rest, threshold)) continue;
        unsafe = true;
        cellToHide = cellToHideIn(relation, derivedBy);
        if (cellToHide) break;
      }
    }
    if (!unsafe) return hiddenMore;
    if (!cellToHide) break;
    cellToHide.hidden = true;
    hiddenMore++;
  }
  // Could not make it safe by hiding single cells: show nothing at all.
  for (const cell of all) if (!cell.hidden) {
    cell.hidden = true;
    hiddenMore++;
  }
  return hiddenMore;
}

/** A shown cell whose hiding stops a hidden member of `relation` (other than `target`) being worked out elsewhere. */
function firstShownUpstream(relation: AdditiveRelation, derivedBy: ReadonlyMap<ProtectedCell, AdditiveRelation>, target?: ProtectedCell): ProtectedCell | null {
  const seen = new Set<AdditiveRelation>([relation]);
  const queue = [...relation.children, relation.parent].filter((c) => c !== target && c.hidden);
  for (let member = queue.shift(); member !== undefined; member = queue.shift()) {
    const upstream = derivedBy.get(member);
    if (!upstream || seen.has(upstream)) continue;
    seen.add(upstream);
    const shown = smallest([...upstream.children, upstream.parent], member);
    if (shown) return shown;
    queue.push(...[upstream.parent, ...upstream.children].filter((c) => c !== member && c.hidden));
  }
  return null;
}

/** The value a reader sees: null when hidden. */
export const shownValue = (cell: ProtectedCell): number | null => (cell.hidden ? null : cell.value);
