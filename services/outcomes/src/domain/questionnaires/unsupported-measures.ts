/**
 * The anxiety-disorder-specific measures (ADSMs) of NHS Talking Therapies. Their caseness cut-offs and
 * reliable-change values must come from the NHS Talking Therapies Manual. Stepwell does not score them yet, and
 * says exactly why for each: the values could not be read from any source held here, and guessing them (or taking
 * a research paper's cut-off where the Manual may differ) would make recovery figures wrong. A refused measure
 * never silently falls back: episodes naming the disorder use GAD-7 and the explanation says so.
 */
export type AnxietyDisorderSpecificMeasureCode = 'SPIN' | 'PDSS' | 'MI' | 'OCI-R' | 'PCL-5' | 'HAI';

/** Where a value was looked for and what was found. */
export interface ManualValueStatus {
  /** The edition of the Manual the value must come from. */
  readonly edition: string;
  /** Null: the Manual's value could not be read from the sources held here (not: "the Manual gives none"). */
  readonly caseness: number | null;
  readonly reliableChange: number | null;
  readonly note: string;
}

export interface UnsupportedMeasure {
  readonly code: AnxietyDisorderSpecificMeasureCode;
  readonly title: string;
  /** The anxiety disorder the measure is specific to. */
  readonly disorder: string;
  /** Items and scoring as published (what a definition would need), for the clinical safety officer's review. */
  readonly published: string;
  readonly manual: ManualValueStatus;
  readonly reason: string;
}

/** The Manual edition the values must be taken from (the current one when this was written). */
export const TALKING_THERAPIES_MANUAL =
  'The NHS Talking Therapies for anxiety and depression Manual (NHS England / National Collaborating Centre for ' +
  'Mental Health), its "Appendices and helpful resources" (IAPT Manual appendices v2, December 2019, and later editions)';

const notHeld: ManualValueStatus = {
  edition: TALKING_THERAPIES_MANUAL,
  caseness: null,
  reliableChange: null,
  note:
    'The Manual\'s table of ADSM caseness cut-offs and reliable-change indices could not be read from the sources ' +
    'held here (searched 2026-12-02: stored pages and documents; only the title pages of the Manual appendices and ' +
    'of the IAPT Data Handbook v2.0.1 appendix D were available). Searched again 2026-12-02 (issue 12 remainder): a ' +
    'stored copy of "The Improving Access to Psychological Therapies Manual – Appendices and helpful resources", ' +
    'version 2, December 2019, gateway reference 07534 (NCCMH), exists, but the search tool returns only its first ' +
    'pages (title, contents); the ADSM table was not reachable, so no value is entered. What was found: the measure ' +
    'paired with each problem descriptor and GAD-7 as the back-up when it is missing (Clark et al. 2018, Lancet ' +
    '391:679–686, Table 2) — the fallback this service already applies. Searched a third time 2026-12-02 (hazard H-TI4): ' +
    'stored pages, documentation and code; copies of the Manual appendices v2 (Dec 2019), the IAPT Data Handbook ' +
    'v2.0.1 appendices (June 2011, appendix D "IAPT measurement tools") and NHS Digital\'s "A guide to IAPT data and ' +
    'publications" are stored, but again only their opening pages can be read; the only cut-offs found were from ' +
    'single research papers (e.g. a Short Health Anxiety Inventory cut-off of 18 in one trial protocol), not the ' +
    'national values, so none is entered. Edition and page to be cited when the value is added.',
};

const reason =
  'not yet supported: the caseness cut-off and reliable-change value of the NHS Talking Therapies Manual could not ' +
  'be read from the sources held here; take them (edition and page) from the Manual before adding the measure';

export const unsupportedMeasures: readonly UnsupportedMeasure[] = [
  {
    code: 'SPIN',
    title: 'Social Phobia Inventory',
    disorder: 'social anxiety disorder',
    published: '17 items scored 0–4, total 0–68 (Connor et al. 2000, Br J Psychiatry 176:379–386)',
    manual: notHeld,
    reason,
  },
  {
    code: 'PDSS',
    title: 'Panic Disorder Severity Scale',
    disorder: 'panic disorder',
    published: '7 items scored 0–4, total 0–28 (Shear et al. 1997, Am J Psychiatry 154:1571–1575)',
    manual: notHeld,
    reason,
  },
  {
    code: 'MI',
    title: 'Mobility Inventory',
    disorder: 'agoraphobia',
    published: 'avoidance ratings 1–5 when alone and when accompanied, scored as a mean (Chambless et al. 1985) [check]',
    manual: notHeld,
    reason,
  },
  {
    code: 'OCI-R',
    title: 'Obsessive-Compulsive Inventory – Revised',
    disorder: 'obsessive-compulsive disorder',
    published: '18 items scored 0–4, total 0–72 (Foa et al. 2002)',
    manual: notHeld,
    reason,
  },
  {
    code: 'PCL-5',
    title: 'PTSD Checklist for DSM-5 (or IES-R)',
    disorder: 'post-traumatic stress disorder',
    published: 'PCL-5: 20 items scored 0–4, total 0–80; IES-R: 22 items scored 0–4, total 0–88 [check]',
    manual: notHeld,
    reason,
  },
  {
    code: 'HAI',
    title: 'Health Anxiety Inventory (short week)',
    disorder: 'health anxiety',
    published: '18 items scored 0–3, total 0–54 (Salkovskis et al. 2002) [check]',
    manual: notHeld,
    reason,
  },
];
