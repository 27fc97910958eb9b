import PDFDocument from 'pdfkit';
import type { SubjectAccessBundle } from './subject-access-export.handler';

/**
 * The released export as a PDF for the person (pdfkit, vector text and lines; uncompressed content streams, so that
 * what it says can be checked without a PDF reader). Every entry of every service, its access log, the services
 * that did not answer, and a chart of the questionnaire scores when there are any.
 */
export function subjectAccessPdf(bundle: SubjectAccessBundle): Promise<Buffer> {
  const doc = new PDFDocument({ compress: false, size: 'A4', margin: 50, info: { Title: 'Your health and care record: subject access export' } });
  const chunks: Buffer[] = [];
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('data', (chunk: Buffer) => chunks.push(chunk));
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });
  doc.fontSize(16).text('Your health and care record');
  doc.fontSize(9).text(`Export ${bundle.exportId}, released ${bundle.releasedAt}. ${bundle.lawfulBasis}.`);
  doc.text('Entries marked [redacted: ...] were withheld because they hold information about someone else.');
  if (bundle.measures.length > 0) chart(doc, bundle.measures);
  for (const part of bundle.services) {
    doc.moveDown().fontSize(13).text(`What the ${part.service} service holds (${part.entries.length} entries)`);
    doc.fontSize(9);
    for (const entry of part.entries) {
      doc.moveDown(0.3).text(`${entry.occurredAt}  ${entry.summary}  (recorded by ${entry.actor.role} ${entry.actor.userId}, ${entry.actor.organisationId}; ${entry.entryId})`);
      doc.fillColor('#444444').text(typeof entry.data === 'string' ? entry.data : JSON.stringify(entry.data)).fillColor('black');
    }
    doc.moveDown().fontSize(11).text(`Who looked at your record in the ${part.service} service`);
    doc.fontSize(9);
    for (const access of part.accessLog) {
      doc.text(`${access.at}  ${access.action} by ${access.who.role} ${access.who.userId} (${access.who.organisationId}); basis ${access.basis ?? '-'}, purpose ${access.purpose ?? '-'}`);
    }
  }
  if (bundle.notAnswered.length > 0) {
    doc.moveDown().fontSize(11).text('Services that gave nothing for this request');
    doc.fontSize(9);
    for (const missing of bundle.notAnswered) doc.text(`${missing.service}: ${missing.failure}`);
  }
  doc.end();
  return done;
}

/** Scores over time, one line per questionnaire (PHQ-9 0–27, GAD-7 0–21, others on their own maximum). */
function chart(doc: PDFKit.PDFDocument, measures: SubjectAccessBundle['measures']): void {
  const left = 80;
  const width = 420;
  const height = 140;
  doc.moveDown().fontSize(11).text('Your questionnaire scores');
  const top = doc.y + 10;
  const bottom = top + height;
  const max = Math.max(27, ...measures.map((m) => m.total));
  const times = measures.map((m) => Date.parse(m.at));
  const [first, last] = [Math.min(...times), Math.max(...times)];
  const x = (at: string): number => left + (last === first ? width / 2 : ((Date.parse(at) - first) / (last - first)) * width);
  const y = (total: number): number => bottom - (total / max) * height;
  doc.lineWidth(0.5).moveTo(left, top).lineTo(left, bottom).lineTo(left + width, bottom).stroke();
  doc.fontSize(7).text(String(max), left - 20, top - 3).text('0', left - 12, bottom - 3);
  const colours = ['#005eb8', '#da291c', '#007f3b', '#7c2855'];
  const byQuestionnaire = new Map<string, SubjectAccessBundle['measures']>();
  for (const measure of measures) byQuestionnaire.set(measure.questionnaire, [...(byQuestionnaire.get(measure.questionnaire) ?? []), measure]);
  let legend = 0;
  for (const [questionnaire, series] of byQuestionnaire) {
    const colour = colours[legend % colours.length] ?? 'black';
    const sorted = [...series].sort((a, b) => Date.parse(a.at) - Date.parse(b.at));
    doc.strokeColor(colour).lineWidth(1.5);
    sorted.forEach((point, index) => (index === 0 ? doc.moveTo(x(point.at), y(point.total)) : doc.lineTo(x(point.at), y(point.total))));
    doc.stroke();
    for (const point of sorted) doc.circle(x(point.at), y(point.total), 2).fill(colour);
    doc.fillColor(colour).text(questionnaire, left + width + 8, top + legend * 10);
    legend += 1;
  }
  doc.strokeColor('black').fillColor('black').fontSize(9).text('', left, bottom + 10);
}
