"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.pdfText = pdfText;
/**
 * The text a PDF shows, read from its uncompressed content streams (pdfkit writes each run of text as hex strings in
 * `[...] TJ` arrays): enough to check what the export says without a PDF reader installed.
 */
function pdfText(pdf) {
    const source = pdf.toString('latin1');
    const lines = [];
    for (const array of source.matchAll(/\[((?:<[0-9a-f]*>\s*-?[\d.]*\s*)+)\]\s*TJ/g)) {
        const hex = [...(array[1] ?? '').matchAll(/<([0-9a-f]*)>/g)].map((part) => part[1] ?? '').join('');
        lines.push(Buffer.from(hex, 'hex').toString('latin1'));
    }
    return lines.join('\n');
}
//# sourceMappingURL=pdf-text.js.map