// What other features may use of visitor feedback (Nest modules import FeedbackModule from feedback.module.ts); its other files are its own.
export { FeedbackService } from './feedback.service.js';
