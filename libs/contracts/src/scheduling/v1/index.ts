export * from './vocabulary';
export * from './appointment-booked.contract';
export * from './appointment-rescheduled.contract';
export * from './appointment-cancelled.contract';
export * from './appointment-attended.contract';
export * from './appointment-not-attended.contract';
export * from './engagement-review-needed.contract';
