/**
 * Spanish. Assembled from one part per area; a test checks every message id used has a
 * translation.
 */
import { common } from './parts/common.es.js';
import { question } from './parts/question.es.js';
import { observation } from './parts/observation.es.js';
import { outcome } from './parts/outcome.es.js';
import { enquiry } from './parts/enquiry.es.js';
import { app } from './parts/app.es.js';
import { evidence } from './parts/evidence.es.js';
import { survey } from './parts/survey.es.js';
import { board } from './parts/board.es.js';
import { admin } from './parts/admin.es.js';
import { walk } from './parts/walk.es.js';
import { impact } from './parts/impact.es.js';
import { booklet } from './parts/booklet.es.js';
import { meeting } from './parts/meeting.es.js';
import { embed } from './parts/embed.es.js';
import { sync } from './parts/sync.es.js';
import { conflict } from './parts/conflict.es.js';
import { roster } from './parts/roster.es.js';
import { student } from './parts/student.es.js';
import { review } from './parts/review.es.js';
import { notify } from './parts/notify.es.js';
import { vle } from './parts/vle.es.js';
import { coaching } from './parts/coaching.es.js';
import { drafts } from './parts/drafts.es.js';
import { badges } from './parts/badges.es.js';
import { sharing } from './parts/sharing.es.js';
import { feedback } from './parts/feedback.es.js';

export const templates = {
  ...common,
  ...question,
  ...observation,
  ...outcome,
  ...enquiry,
  ...app,
  ...evidence,
  ...survey,
  ...board,
  ...admin,
  ...walk,
  ...impact,
  ...booklet,
  ...meeting,
  ...embed,
  ...sync,
  ...conflict,
  ...roster,
  ...student,
  ...review,
  ...notify,
  ...vle,
  ...coaching,
  ...drafts,
  ...badges,
  ...sharing,
  ...feedback,
};
