/**
 * The text a PDF shows, read from its uncompressed content streams (pdfkit writes each run of text as hex strings in
 * `[...] TJ` arrays): enough to check what the export says without a PDF reader installed.
 */
export declare function pdfText(pdf: Buffer): string;
